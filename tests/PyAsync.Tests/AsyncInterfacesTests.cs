using System.Reflection;
using System.Runtime.CompilerServices;
using PyAsync.Tests.Support;
using static PyAsync.Asyncio;
using static PyAsync.Tests.GatherTests;

namespace PyAsync.Tests;

/// <summary>
/// The .NET async interfaces, no CPython counterpart: <see cref="IAsyncEnumerable{T}"/> on AsCompleted's iterator
/// (src/PyAsync/Tasks/AsCompleted.cs) and <see cref="IAsyncDisposable"/> on TaskGroup and PyTimeout
/// (src/PyAsync/TaskGroups, src/PyAsync/Timeouts), next to the pattern members that coroutines bind.
/// </summary>
public class AsyncInterfacesTests
{
    // ---------------------------------------------------------------- what the compiler binds

    private static async Coroutine AwaitForeachOverAsCompleted(List<PyTask<int>> tasks)
    {
        await foreach (var t in AsCompleted(tasks)) Print(t.Result());
    }

    private static async Coroutine AwaitUsingTaskGroup()
    {
        await using (var tg = TaskGroup()) _ = tg.CreateTask(Delay(1));
    }

    private static async Coroutine AwaitUsingTimeout()
    {
        await using (var cm = Timeout(1)) await Sleep(0);
    }

    [Fact]
    public void Await_foreach_in_a_coroutine_binds_the_coroutine_MoveNextAsync()
    {
        var called = Calls(nameof(AwaitForeachOverAsCompleted));
        called.ShouldContain(m => m.Name == "MoveNextAsync" && ((MethodInfo)m).ReturnType == typeof(Coroutine<bool>));
        called.ShouldNotContain(m => m.Name == "MoveNextAsync" && m.DeclaringType!.IsInterface);
    }

    [Fact]
    public void Await_using_a_TaskGroup_in_a_coroutine_binds_the_coroutine_DisposeAsync()
    {
        var called = Calls(nameof(AwaitUsingTaskGroup));
        called.ShouldNotContain(m => m.Name == "DisposeAsync" && m.DeclaringType == typeof(IAsyncDisposable));
        called.ShouldContain(m => m.Name == "DisposeAsync" && m.DeclaringType == typeof(TaskGroup) && ((MethodInfo)m).ReturnType == typeof(Coroutine));
    }

    [Fact]
    public void Await_using_a_Timeout_in_a_coroutine_binds_the_coroutine_DisposeAsync()
    {
        var called = Calls(nameof(AwaitUsingTimeout));
        called.ShouldNotContain(m => m.Name == "DisposeAsync" && m.DeclaringType == typeof(IAsyncDisposable));
        called.ShouldContain(m => m.Name == "DisposeAsync" && m.DeclaringType == typeof(PyTimeout) && ((MethodInfo)m).ReturnType == typeof(Coroutine));
    }

    private static async Coroutine AwaitUsingAnIAsyncDisposableVariable()
    {
        var tg = TaskGroup();
        await using (IAsyncDisposable d = tg) _ = tg.CreateTask(Delay(1));
    }

    [Fact]
    public void The_binding_check_sees_the_interface_when_the_variable_is_an_IAsyncDisposable()
    {
        // The control of the two tests above: the same reading finds the interface's DisposeAsync where it is called.
        Calls(nameof(AwaitUsingAnIAsyncDisposableVariable))
            .ShouldContain(m => m.Name == "DisposeAsync" && m.DeclaringType == typeof(IAsyncDisposable));
    }

    // ---------------------------------------------------------------- IAsyncEnumerable on AsCompleted

    private static List<PyTask<int>> ThreeTasks() =>
        [CreateTask(Delay(3), name: "three"), CreateTask(Delay(1), name: "one"), CreateTask(Delay(2), name: "two")];

    [Fact]
    public void WithCancellation_yields_the_tasks_in_completion_order_at_their_times()
    {
        var output = PyRun.Main(async () =>
        {
            using var cts = new CancellationTokenSource();
            await foreach (var t in AsCompleted(ThreeTasks()).WithCancellation(cts.Token))
                Print(t.GetName(), t.Result(), GetRunningLoop().Time());
        });
        output.Stdout.ShouldBe("one 1 1.0\ntwo 2 2.0\nthree 3 3.0\n");
        output.Stderr.ShouldBe("", "the virtual clock must not wait for real time");
    }

    [Fact]
    public void A_cancelled_token_ends_the_iteration_with_OperationCanceledException_and_leaves_the_tasks_running()
    {
        var output = PyRun.Main(async () =>
        {
            var tasks = ThreeTasks();
            using var cts = new CancellationTokenSource();
            GetRunningLoop().CallLater(1.5, cts.Cancel);
            try
            {
                await foreach (var t in AsCompleted(tasks).WithCancellation(cts.Token)) Print("got", t.GetName());
            }
            catch (OperationCanceledException e) when (e is not CancelledError)
            {
                Print("cancelled at", GetRunningLoop().Time(), e.CancellationToken == cts.Token);
            }
            Print(CurrentTask()!.Cancelling(), tasks.Count(t => t.Cancelled()));
            Print(await Gather(tasks[0], tasks[1], tasks[2]), GetRunningLoop().Time());
        });
        output.Stdout.ShouldBe("got one\ncancelled at 1.5 True\n0 0\n[3, 1, 2] 3.0\n");
    }

    [Fact]
    public void A_token_cancelled_from_another_thread_ends_the_wait_on_the_loop()
    {
        var output = PyRun.Main(async () =>
        {
            // A future nobody completes (no timer either, so the virtual clock has nowhere to jump).
            using var cts = new CancellationTokenSource();
            var future = Future<int>();
            var enumerator = ((IAsyncEnumerable<Future<int>>)AsCompleted([future])).GetAsyncEnumerator(cts.Token);
            var move = enumerator.MoveNextAsync().AsTask();
            await Task.Run(cts.Cancel);
            await CoroutineTests.Catch<OperationCanceledException>(async () => await move);
            Print(move.IsCanceled, future.Done());
        });
        output.Stdout.ShouldBe("True False\n");
    }

    [Fact]
    public void ToListAsync_from_System_Linq_Async_runs_in_a_coroutine_on_the_loop()
    {
        var output = PyRun.Main(async () =>
        {
            var finished = await AsCompleted(ThreeTasks()).ToListAsync();
            Print(string.Join(" ", finished.Select(t => t.GetName())), GetRunningLoop().Time());
            // An operator chain over the interface, named to avoid the IEnumerable overloads.
            var names = await ((IAsyncEnumerable<PyTask<int>>)AsCompleted(ThreeTasks()))
                .Where(t => t.Result() != 2).Select(t => t.GetName()).ToListAsync();
            Print(string.Join(" ", names), GetRunningLoop().Time());
        });
        output.Stdout.ShouldBe("one two three 3.0\none three 6.0\n");
        output.Stderr.ShouldBe("");
    }

    [Fact]
    public void A_timeout_through_the_interface_raises_TimeoutError_from_MoveNextAsync()
    {
        // As test_tasks.py test_as_completed_with_timeout, through IAsyncEnumerable.
        var output = PyRun.Main(async () =>
        {
            var tasks = new List<PyTask<int>> { CreateTask(Delay(1)), CreateTask(Delay(5)) };
            try
            {
                await foreach (var t in AsCompleted(tasks, timeout: 2).WithCancellation(CancellationToken.None))
                    Print("result", t.Result(), GetRunningLoop().Time());
            }
            catch (TimeoutError)
            {
                Print("TimeoutError at", GetRunningLoop().Time());
            }
            tasks[1].Cancel();
        });
        output.Stdout.ShouldBe("result 1 1.0\nTimeoutError at 2.0\n");
    }

    [Fact]
    public void Plain_TPL_code_on_the_loop_enumerates_the_interface_outside_any_task_step()
    {
        // Run(async Task () => ...) after a .NET await runs as loop callbacks, outside any task: the interface needs none.
        var output = PyRun.Program(() => Run(async Task () =>
        {
            await Task.Yield();
            CurrentTask().ShouldBeNull();
            var names = new List<string>();
            await foreach (var t in AsCompleted(ThreeTasks()).WithCancellation(CancellationToken.None))
                names.Add($"{t.GetName()}@{Str(GetRunningLoop().Time())}");
            Print(string.Join(" ", names));
        }));
        output.Stdout.ShouldBe("one@1.0 two@2.0 three@3.0\n");
        output.Stderr.ShouldBe("");
    }

    [Fact]
    public void The_interface_used_from_another_thread_raises_RuntimeError_instead_of_hanging()
    {
        PyRun.Main(async () =>
        {
            var task = CreateTask(Delay(1));
            IAsyncEnumerable<PyTask<int>> iterator = AsCompleted([task]);
            var onLoop = iterator.GetAsyncEnumerator();
            var (fromGet, fromMove) = await Task.Run(() =>
                (Should.Throw<RuntimeError>(() => iterator.GetAsyncEnumerator()),
                 Should.Throw<RuntimeError>(() => onLoop.MoveNextAsync())));
            fromGet.Message.ShouldContain("event loop's thread");
            fromMove.Message.ShouldContain("event loop's thread");
            // The loop's own use still works afterwards.
            (await onLoop.MoveNextAsync()).ShouldBeTrue();
            onLoop.Current.ShouldBeSameAs(task);
        });
    }

    [Fact]
    public void The_interface_used_after_the_loop_stopped_raises_RuntimeError()
    {
        IAsyncEnumerable<PyTask<int>>? iterator = null;
        PyRun.Main(async () =>
        {
            var task = CreateTask(Delay(1));
            iterator = AsCompleted([task]);
            await task;
        });
        Should.Throw<RuntimeError>(() => iterator!.GetAsyncEnumerator());
    }

    // ---------------------------------------------------------------- IAsyncDisposable on TaskGroup

    /// <summary>A body run once with the coroutine form and once through IAsyncDisposable: the lines must match.</summary>
    private static (string Pattern, string Interface) BothWays(Func<bool, Coroutine> body) =>
        (PyRun.Main(() => body(false)).Stdout, PyRun.Main(() => body(true)).Stdout);

    private static async Coroutine EndGroup(TaskGroup tg, bool viaInterface)
    {
        if (viaInterface) await ((IAsyncDisposable)tg).DisposeAsync();
        else await tg.DisposeAsync();
    }

    [Fact]
    public void TaskGroup_through_IAsyncDisposable_awaits_its_children_as_the_coroutine_form_does()
    {
        // test_taskgroups.py test_taskgroup_02, both ways.
        var (pattern, viaInterface) = BothWays(async useInterface =>
        {
            var tg = TaskGroup();
            var t1 = tg.CreateTask(Delay(1));
            await Sleep(1.5);
            var t2 = tg.CreateTask(Delay(2));
            GetRunningLoop().CallSoon(() => Print("callback"));
            await EndGroup(tg, useInterface);
            Print("after", t1.Result(), t2.Result(), GetRunningLoop().Time(), CurrentTask()!.Cancelling());
        });
        pattern.ShouldBe("callback\nafter 1 2 3.5 0\n");
        viaInterface.ShouldBe(pattern);
    }

    [Fact]
    public void TaskGroup_with_nothing_left_ends_through_IAsyncDisposable_without_a_loop_iteration()
    {
        var (pattern, viaInterface) = BothWays(async useInterface =>
        {
            var tg = TaskGroup();
            var t = tg.CreateTask(Delay(0));
            await t;
            GetRunningLoop().CallSoon(() => Print("next iteration"));
            await EndGroup(tg, useInterface);
            Print("ended");
        });
        pattern.ShouldBe("ended\nnext iteration\n");
        viaInterface.ShouldBe(pattern);
    }

    [Fact]
    public void TaskGroup_through_IAsyncDisposable_raises_the_ExceptionGroup_and_uncancels_the_task()
    {
        // test_taskgroups.py test_cancel_children_on_child_error, with the await using form through the interface.
        var (pattern, viaInterface) = BothWays(async useInterface =>
        {
            var tg = TaskGroup();
            var sibling = tg.CreateTask(Delay(10));
            _ = tg.CreateTask(Fail(1, "boom"));
            try
            {
                try
                {
                    await Sleep(5);
                }
                finally
                {
                    Print("body interrupted at", GetRunningLoop().Time());
                    await EndGroup(tg, useInterface);
                }
            }
            catch (ExceptionGroup eg)
            {
                Print("ExceptionGroup", eg.Exceptions.Count, eg.Exceptions[0].Message, sibling.Cancelled(), CurrentTask()!.Cancelling());
            }
        });
        pattern.ShouldBe("body interrupted at 1.0\nExceptionGroup 1 boom True 0\n");
        viaInterface.ShouldBe(pattern);
    }

    [Fact]
    public void A_cancellation_of_the_task_reaches_the_exit_through_IAsyncDisposable_as_in_CPython()
    {
        // test_taskgroups.py test_taskgroup_07-style: the parent is cancelled while __aexit__ waits for the children;
        // the exit catches it, cancels the children, and re-raises CancelledError once they are done.
        var (pattern, viaInterface) = BothWays(async useInterface =>
        {
            var parent = CreateTask(Parent(useInterface));
            await Sleep(1);
            parent.Cancel("stop");
            try
            {
                await parent;
            }
            catch (CancelledError e)
            {
                Print("parent cancelled:", e.Message, GetRunningLoop().Time());
            }
        });
        pattern.ShouldBe("exit waits at 0.0\nchild cancelled at 1.0\nexit raised CancelledError stop 1.0\nparent cancelled: stop 1.0\n");
        viaInterface.ShouldBe(pattern);

        static async Coroutine Parent(bool useInterface)
        {
            var tg = TaskGroup();
            _ = tg.CreateTask(Child());
            Print("exit waits at", GetRunningLoop().Time());
            try
            {
                await EndGroup(tg, useInterface);
            }
            catch (CancelledError e)
            {
                Print("exit raised CancelledError", e.Message, GetRunningLoop().Time());
                throw;
            }
        }

        static async Coroutine Child()
        {
            try
            {
                await Sleep(10);
            }
            catch (CancelledError)
            {
                Print("child cancelled at", GetRunningLoop().Time());
                throw;
            }
        }
    }

    [Fact]
    public void TaskGroup_IAsyncDisposable_awaited_in_a_later_step_of_the_task_still_runs_the_exit_in_it()
    {
        var (pattern, viaInterface) = BothWays(async useInterface =>
        {
            var tg = TaskGroup();
            var child = tg.CreateTask(Delay(2));
            Coroutine? coroutineExit = null;
            ValueTask valueTaskExit = default;
            if (useInterface) valueTaskExit = ((IAsyncDisposable)tg).DisposeAsync();
            else coroutineExit = tg.DisposeAsync();
            await Sleep(1);
            Print("between", GetRunningLoop().Time());
            if (useInterface) await valueTaskExit;
            else await coroutineExit!;
            Print("ended", child.Result(), GetRunningLoop().Time());
        });
        pattern.ShouldBe("between 1.0\nended 2 2.0\n");
        viaInterface.ShouldBe(pattern);
    }

    [Fact]
    public void TaskGroup_IAsyncDisposable_turned_into_a_Task_is_driven_by_a_task_of_its_own()
    {
        var output = PyRun.Main(async () =>
        {
            var tg = TaskGroup();
            var child = tg.CreateTask(Delay(2));
            var exit = ((IAsyncDisposable)tg).DisposeAsync().AsTask();
            await exit;
            Print("ended", exit.IsCompletedSuccessfully, child.Result(), GetRunningLoop().Time(), CurrentTask()!.Cancelling());
        });
        output.Stdout.ShouldBe("ended True 2 2.0 0\n");
        output.Stderr.ShouldBe("");
    }

    [Fact]
    public void TaskGroup_ended_by_TPL_code_through_IAsyncDisposable_waits_for_the_children()
    {
        // A .NET helper (as a DI scope would) awaits the ValueTask: a task of its own drives the rest of the exit.
        var output = PyRun.Main(async () =>
        {
            var tg = TaskGroup();
            var child = tg.CreateTask(Delay(2));
            await DisposeFromDotNet(tg);
            Print("ended", child.Result(), GetRunningLoop().Time());
        });
        output.Stdout.ShouldBe("ended 2 2.0\n");
        output.Stderr.ShouldBe("", "the virtual clock must not wait for real time");

        static async Task DisposeFromDotNet(IAsyncDisposable disposable) => await disposable.DisposeAsync();
    }

    [Fact]
    public void TaskGroup_failures_reach_TPL_code_through_IAsyncDisposable()
    {
        var output = PyRun.Main(async () =>
        {
            var tg = TaskGroup();
            _ = tg.CreateTask(Fail(1, "boom"));
            try
            {
                await DisposeFromDotNet(tg);
            }
            catch (ExceptionGroup eg)
            {
                Print("ExceptionGroup", eg.Exceptions[0].Message, GetRunningLoop().Time());
            }
        });
        output.Stdout.ShouldBe("ExceptionGroup boom 1.0\n");
        output.Stderr.ShouldBe("");

        static async Task DisposeFromDotNet(IAsyncDisposable disposable) => await disposable.DisposeAsync();
    }

    [Fact]
    public void TaskGroup_IAsyncDisposable_outside_the_entering_task_raises_RuntimeError()
    {
        PyRun.Main(async () =>
        {
            var tg = TaskGroup();
            var child = tg.CreateTask(Delay(1));
            IAsyncDisposable disposable = tg;
            var other = CreateTask(Other());
            (await other).ShouldContain("in another task");
            var offThread = await Task.Run(() => Should.Throw<RuntimeError>(() => disposable.DisposeAsync()).Message);
            offThread.ShouldContain("on another thread");
            Should.Throw<RuntimeError>(() => ((IAsyncDisposable)new TaskGroup()).DisposeAsync()).Message.ShouldContain("has not been entered");
            await disposable.DisposeAsync();
            child.Result().ShouldBe(1);

            async Coroutine<string> Other() => Should.Throw<RuntimeError>(() => disposable.DisposeAsync()).Message;
        });
    }

    // ---------------------------------------------------------------- IAsyncDisposable on PyTimeout

    [Fact]
    public void Timeout_through_IAsyncDisposable_ends_an_expired_block_with_TimeoutError()
    {
        // test_timeouts.py test_timeout_basic, through the interface.
        var output = PyRun.Main(async () =>
        {
            try
            {
                await using (IAsyncDisposable cm = Timeout(0.1))
                {
                    await Sleep(10);
                }
            }
            catch (TimeoutError)
            {
                Print("TimeoutError at", GetRunningLoop().Time(), CurrentTask()!.Cancelling());
            }
            await using (IAsyncDisposable cm = Timeout(5)) await Sleep(1);
            Print("in time at", GetRunningLoop().Time(), CurrentTask()!.Cancelling());
        });
        output.Stdout.ShouldBe("TimeoutError at 0.1 0\nin time at 1.1 0\n");
    }

    [Fact]
    public void Timeout_IAsyncDisposable_outside_the_entering_task_raises_RuntimeError()
    {
        PyRun.Main(async () =>
        {
            var cm = Timeout(5);
            IAsyncDisposable disposable = cm;
            var other = await CreateTask(Other());
            other.ShouldContain("in another task");
            (await Task.Run(() => Should.Throw<RuntimeError>(() => disposable.DisposeAsync()).Message)).ShouldContain("outside any task");
            await disposable.DisposeAsync();
            cm.Expired().ShouldBeFalse();

            async Coroutine<string> Other() => Should.Throw<RuntimeError>(() => disposable.DisposeAsync()).Message;
        });
    }

    /// <summary>The methods an async method's state machine calls (read from its IL: call and callvirt operands).</summary>
    private static List<MethodBase> Calls(string asyncMethod)
    {
        var method = typeof(AsyncInterfacesTests).GetMethod(asyncMethod, BindingFlags.NonPublic | BindingFlags.Static)!;
        var stateMachine = method.GetCustomAttribute<AsyncStateMachineAttribute>()!.StateMachineType;
        var moveNext = stateMachine.GetMethod("MoveNext", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)!;
        var il = moveNext.GetMethodBody()!.GetILAsByteArray()!;
        var found = new List<MethodBase>();
        for (int i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] is not (0x28 or 0x6F)) continue; // call, callvirt
            int token = BitConverter.ToInt32(il, i + 1);
            if ((token >> 24) is not (0x06 or 0x0A or 0x2B)) continue; // MethodDef, MemberRef, MethodSpec
            try
            {
                if (stateMachine.Module.ResolveMethod(token) is { } m) found.Add(m);
            }
            catch (ArgumentException) { }
        }
        found.ShouldNotBeEmpty();
        return found;
    }
}
