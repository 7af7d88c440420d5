using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// asyncio.Task: create_task, names, repr, current_task/all_tasks, contexts, ensure_future
/// (CPython: test_tasks.py, BaseTaskTests; asyncio tasks.py, src/PyAsync/Tasks).
/// </summary>
public class TaskTests
{
    private static async Coroutine<int> Delay(double seconds)
    {
        await Sleep(seconds);
        return (int)seconds;
    }

    private static async Coroutine Fail(string message)
    {
        await Sleep(0);
        throw new ValueError(message);
    }

    [Fact]
    public void Tasks_are_named_Task_1_Task_2_unless_named()
    {
        // test_tasks.py: test_task_basics / test_task_set_name_pylong; default names come from a counter.
        var names = new List<string>();
        PyRun.Main(async () =>
        {
            names.Add(CurrentTask()!.GetName());
            var a = CreateTask(Delay(0));
            var b = CreateTask(Delay(0), name: "named");
            var c = CreateTask(Delay(0));
            names.AddRange([a.GetName(), b.GetName(), c.GetName()]);
            c.SetName(1234);
            names.Add(c.GetName());
            await a;
            await b;
            await c;
        });
        // Python 3.12+: a named task does not use up a number (3.11's asyncio.create_task did).
        names.ShouldBe(["Task-1", "Task-2", "named", "Task-3", "1234"]);
    }

    [Fact]
    public void GetCoro_returns_the_coroutine_and_the_result_is_the_coroutines()
    {
        PyRun.Main(async () =>
        {
            var coro = Delay(2);
            var task = CreateTask(coro);
            task.GetCoro().ShouldBeSameAs(coro);
            (await task).ShouldBe(2);
            task.Result().ShouldBe(2);
            task.Done().ShouldBeTrue();
            task.Exception().ShouldBeNull();
        });
    }

    [Fact]
    public void A_result_less_task_has_the_result_None()
    {
        var output = PyRun.Main(async () =>
        {
            var task = CreateTask(Sleep(1));
            Print(await task);
            Print(task.Result());
            Print(Type(task));
        });
        output.Stdout.ShouldBe("None\nNone\n<class '_asyncio.Task'>\n");
    }

    [Fact]
    public void Tasks_print_as_CPython_prints_them()
    {
        // base_tasks._task_repr_info: state, name, coro, wait_for, cb, result/exception.
        var reprs = new List<string>();
        PyRun.Main(async () =>
        {
            var task = CreateTask(Delay(10), name: "t");
            reprs.Add(Str(task));
            await Sleep(0);
            reprs.Add(Str(task));
            task.Cancel();
            reprs.Add(Str(task));
            await Sleep(0);
            reprs.Add(Str(task));
            var done = CreateTask(Delay(1));
            await done;
            reprs.Add(Str(done));
            var failed = CreateTask(Fail("boom"));
            await Sleep(0.5);
            reprs.Add(Str(failed));
            failed.Exception();
        });
        reprs.ShouldBe([
            "<Task pending name='t' coro=<Delay()>>",
            "<Task pending name='t' coro=<Delay()> wait_for=<Future pending cb=[Task.task_wakeup()]>>",
            "<Task cancelling name='t' coro=<Delay()> wait_for=<Future cancelled>>",
            "<Task cancelled name='t' coro=<Delay() done>>",
            "<Task finished name='Task-2' coro=<Delay() done> result=1>",
            "<Task finished name='Task-3' coro=<Fail() done> exception=ValueError('boom')>",
        ]);
    }

    [Fact]
    public void A_task_cannot_be_completed_from_outside()
    {
        // test_tasks.py: test_set_result_causes_invalid_state / Task.set_result raises RuntimeError.
        PyRun.Main(async () =>
        {
            var task = CreateTask(Delay(1));
            Should.Throw<RuntimeError>(() => task.SetResult(1)).Message.ShouldBe("Task does not support set_result operation");
            Should.Throw<RuntimeError>(() => task.SetException(new ValueError())).Message.ShouldBe("Task does not support set_exception operation");
            await task;
        });
    }

    [Fact]
    public void Done_callbacks_receive_the_task_as_in_seed_001()
    {
        var output = PyRun.Main(async () =>
        {
            var task = CreateTask(Delay(1));
            task.AddDoneCallback(PrintIt);
            await task;
            Print("after await");
            await Sleep(0);
        });
        output.Stdout.ShouldBe("print_it result: 1\nafter await\n");

        static void PrintIt(PyTask<int> task) => Print("print_it result:", task.Result());
    }

    [Fact]
    public void A_result_less_task_takes_callbacks_declared_with_PyTask_and_removes_them()
    {
        // test_futures.py test_callbacks_remove_first_callback, with a task of a coroutine that returns None.
        var output = PyRun.Main(async () =>
        {
            var task = CreateTask(Sleep(1));
            task.AddDoneCallback(Callback);
            task.AddDoneCallback(Removed);
            task.AddDoneCallback(t => Print("lambda sees", t.GetType().Name));
            task.AddDoneCallback(AsFuture);
            task.RemoveDoneCallback(Removed).ShouldBe(1);
            await task;
            await Sleep(0);
        });
        output.Stdout.ShouldBe("callback None\nlambda sees PyTask\nas future None\n");

        static void Callback(PyTask t) => Print("callback", t.Result());
        static void Removed(PyTask t) => Print("removed callback ran");
        static void AsFuture(Future f) => Print("as future", f.Result());
    }

    [Fact]
    public void CurrentTask_is_null_in_plain_callbacks_and_AllTasks_lists_pending_tasks()
    {
        // test_tasks.py: test_current_task / test_all_tasks
        PyRun.Main(async () =>
        {
            IPyTask? inCallback = new PyTaskProbe();
            GetRunningLoop().CallSoon(() => inCallback = CurrentTask());
            var a = CreateTask(Delay(1));
            var b = CreateTask(Delay(2));
            var all = AllTasks();
            all.ShouldContain(CurrentTask()!);
            all.ShouldContain(a);
            all.ShouldContain(b);
            all.Count.ShouldBe(3);
            await a;
            AllTasks().ShouldNotContain(a);
            inCallback.ShouldBeNull();
            await b;
        });
    }

    private sealed class PyTaskProbe : IPyTask
    {
        public string GetName() => "";
        public void SetName(object? value) { }
        public Coroutine GetCoro() => null!;
        public int Cancelling() => 0;
        public int Uncancel() => 0;
        public bool Cancel(string? msg = null) => false;
        public bool Cancelled() => false;
        public bool Done() => false;
        public object? Result() => null;
        public Exception? Exception() => null;
        public EventLoop GetLoop() => null!;
        public void AddDoneCallback(Action<Future> fn, ExecutionContext? context = null) { }
        public int RemoveDoneCallback(Action<Future> fn) => 0;
        public CancellationToken CancellationToken => default;
        public CompilerServices.FutureAwaiter GetAwaiter() => default;
    }

    [Fact]
    public void CreateTask_needs_a_running_loop()
    {
        PyRun.Program(() =>
        {
            var coro = Delay(1);
            Should.Throw<RuntimeError>(() => CreateTask(coro)).Message.ShouldBe("no running event loop");
            coro.Close();
        });
    }

    [Fact]
    public void CreateTask_runs_the_first_step_on_a_later_iteration()
    {
        // test_tasks.py: test_create_task ... the task's first step is scheduled with call_soon.
        var events = new List<string>();
        async Coroutine Body() => events.Add("task body");

        PyRun.Main(async () =>
        {
            GetRunningLoop().CallSoon(() => events.Add("scheduled before"));
            var task = CreateTask(Body());
            events.Add("created");
            task.Done().ShouldBeFalse();
            await Sleep(0);
            events.Add("main resumed");
            task.Done().ShouldBeTrue();
        });

        events.ShouldBe(["created", "scheduled before", "task body", "main resumed"]);
    }

    [Fact]
    public void A_tasks_exception_reaches_its_awaiter_with_the_original_stack_trace()
    {
        PyRun.Main(async () =>
        {
            var task = CreateTask(Fail("inside"));
            var e = await CoroutineTests.Catch<ValueError>(async () => await task);
            e.Message.ShouldBe("inside");
            e.StackTrace!.ShouldContain(nameof(Fail));
            task.Exception().ShouldBeSameAs(e);
        });
    }

    [Fact]
    public void A_fire_and_forget_task_is_kept_alive_by_the_loop()
    {
        // Deliberate difference: CPython keeps only weak references to tasks.
        bool finished = false;
        PyRun.Main(async () =>
        {
            StartAndForget();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Sleep(2);
        });
        finished.ShouldBeTrue();

        void StartAndForget() => CreateTask(Background());

        async Coroutine Background()
        {
            await Sleep(1);
            finished = true;
        }
    }

    [Fact]
    public void Each_task_runs_in_a_copy_of_its_creators_context()
    {
        // contextvars: the task sees values set before create_task; its own changes stay inside it.
        var local = new AsyncLocal<string>();
        var seen = new List<string?>();
        PyRun.Main(async () =>
        {
            local.Value = "outer";
            var task = CreateTask(Child());
            local.Value = "outer changed after create_task";
            await task;
            seen.Add(local.Value);
        });
        seen.ShouldBe(["outer", "inner", "outer changed after create_task"]);

        async Coroutine Child()
        {
            seen.Add(local.Value);
            local.Value = "inner";
            await Sleep(1);
            seen.Add(local.Value);
        }
    }

    [Fact]
    public void CreateTask_can_run_the_coroutine_in_a_given_context()
    {
        var local = new AsyncLocal<int>();
        int seen = -1;
        PyRun.Main(async () =>
        {
            local.Value = 1;
            var context = ExecutionContext.Capture();
            local.Value = 2;
            await CreateTask(Read(), context: context);
        });
        seen.ShouldBe(1);

        async Coroutine Read()
        {
            await Sleep(0);
            seen = local.Value;
        }
    }

    [Fact]
    public void A_task_awaiting_a_future_of_another_loop_fails_with_RuntimeError()
    {
        // tasks.py __step: "Task ... got Future ... attached to a different loop"
        PyRun.Program(() =>
        {
            var other = new EventLoop(new VirtualClock());
            var foreign = other.CreateFuture<int>();
            var e = Should.Throw<RuntimeError>(() => Run(Wait(foreign)));
            e.Message.ShouldContain("attached to a different loop");
            other.Close();
        });

        static async Coroutine Wait(Future<int> f) => await f;
    }

    [Fact]
    public void A_task_awaiting_itself_fails_with_RuntimeError()
    {
        PyRun.Main(async () =>
        {
            PyTask<int>? self = null;
            async Coroutine<int> AwaitSelf()
            {
                await Sleep(0);
                return await self!;
            }
            self = CreateTask(AwaitSelf());
            var e = await CoroutineTests.Catch<RuntimeError>(async () => await self);
            e.Message.ShouldStartWith("Task cannot await on itself");
        });
    }

    [Fact]
    public void EnsureFuture_wraps_coroutines_and_returns_futures_as_they_are()
    {
        // test_tasks.py test_ensure_future_coroutine / test_ensure_future_future / test_ensure_future_task
        PyRun.Main(async () =>
        {
            var task = EnsureFuture(Delay(1));
            _ = task.ShouldBeOfType<PyTask<int>>();
            (await task).ShouldBe(1);
            var future = Future<int>();
            EnsureFuture(future).ShouldBeSameAs(future);
            var other = new EventLoop(new VirtualClock());
            Should.Throw<ValueError>(() => EnsureFuture(future, other));
            other.Close();
            // Sleep returns a result-less coroutine: its task is a PyTask (a PyTask<NoneType>).
            _ = EnsureFuture((IAwaitable)Sleep(0)).ShouldBeAssignableTo<PyTask<NoneType>>();
            await Sleep(0);
        });
    }
}
