using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// Issue 11's hostile inputs: every misuse that already gets a clear exception keeps a test that says
/// so, with CPython's exception and message where CPython has one (checked against CPython 3.11-3.13).
/// Covered elsewhere, not repeated here: running a closed loop and <c>CallSoon</c> on it, a nested
/// <c>RunForever</c> and a second loop inside a running one, null callbacks of <c>CallSoon</c>/<c>CallLater</c>/
/// <c>CallAt</c>/<c>CallSoonThreadsafe</c> and <c>CallAt(NaN)</c> (<see cref="EventLoopTests"/>); <c>Run</c> inside a
/// running loop, a closed <c>Runner</c> and null mains (<see cref="RunnerTests"/>); a task awaiting itself or a
/// foreign future, <c>EnsureFuture</c> to another loop (<see cref="TaskTests"/>); <c>Sleep(NaN)</c>, negative
/// and infinite sleeps (<see cref="SleepTests"/>); null awaitables of <c>Gather</c> (<see cref="GatherTests"/>);
/// <c>Wait([])</c> and coroutines passed to <c>Wait</c> (<see cref="WaitTests"/>); <c>WaitFor(aw, -1)</c>
/// (<see cref="WaitForTests"/>); <c>Timeout(0)</c> and <c>Timeout(null)</c> (<see cref="TimeoutTests"/>); null
/// future arguments (<see cref="FutureTests"/>); closed loops and null coroutines of
/// <c>RunCoroutineThreadsafe</c> (<see cref="ThreadsTests"/>); bad sizes of semaphores, barriers and queues.
/// </summary>
public class HostileInputTests
{
    private static async Coroutine<string> Fast()
    {
        await Sleep(0.1);
        return "fast";
    }

    // ---------------------------------------------------------------- a closed loop

    [Fact]
    public void A_closed_loop_refuses_every_way_of_scheduling_work()
    {
        // base_events.py _check_closed: "Event loop is closed" from run_until_complete, call_later,
        // call_at, call_soon_threadsafe and create_task (test_base_events.py test_close). create_future
        // does not check, in CPython either.
        PyRun.Program(() =>
        {
            var loop = new EventLoop(new VirtualClock());
            loop.Close();
            var coro = Fast();
            Should.Throw<RuntimeError>(() => loop.RunUntilComplete(coro)).Message.ShouldBe("Event loop is closed");
            Should.Throw<RuntimeError>(() => loop.CallLater(1, () => { })).Message.ShouldBe("Event loop is closed");
            Should.Throw<RuntimeError>(() => loop.CallAt(1, () => { })).Message.ShouldBe("Event loop is closed");
            Should.Throw<RuntimeError>(() => loop.CallSoonThreadsafe(() => { })).Message.ShouldBe("Event loop is closed");
            Should.Throw<RuntimeError>(() => loop.CreateTask(coro)).Message.ShouldBe("Event loop is closed");
            loop.CreateFuture<int>().Done().ShouldBeFalse();
            coro.Close();
        });
    }

    // ---------------------------------------------------------------- run inside run

    [Fact]
    public void RunUntilComplete_and_Runner_Run_inside_the_running_loop_raise_RuntimeError()
    {
        // base_events.py _check_running: "This event loop is already running"; runners.py Runner.run:
        // "Runner.run() cannot be called from a running event loop" (asyncio.run's check, test_runners.py
        // test_asyncio_run_from_running_loop, is in RunnerTests). The coroutine is left unharmed.
        var (result, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var coro = Fast();
            Should.Throw<RuntimeError>(() => loop.RunUntilComplete(coro)).Message.ShouldBe("This event loop is already running");
            var runner = Runner();
            Should.Throw<RuntimeError>(() => runner.Run(coro)).Message.ShouldBe("Runner.run() cannot be called from a running event loop");
            runner.Close();
            return await coro;
        });
        result.ShouldBe("fast");
    }

    // ---------------------------------------------------------------- futures of another loop

    [Fact]
    public void Gather_and_Shield_of_a_foreign_future_fail_where_the_task_awaits_them()
    {
        // gather() and shield() take the loop of their first future; tasks.py __step then raises
        // "Task ... got Future <_GatheringFuture pending> attached to a different loop", as CPython does.
        var (messages, _) = PyRun.Main(async () =>
        {
            var other = new EventLoop(new VirtualClock());
            var gathered = await CoroutineTests.Catch<RuntimeError>(async () => await Gather(other.CreateFuture<int>()));
            var shielded = await CoroutineTests.Catch<RuntimeError>(async () => await Shield(other.CreateFuture<int>()));
            other.Close();
            return (gathered.Message, shielded.Message);
        });
        messages.Item1.ShouldEndWith(" got Future <_GatheringFuture pending> attached to a different loop");
        messages.Item2.ShouldEndWith(" got Future <Future pending cb=[shield.<locals>._outer_done_callback()]> attached to a different loop");
        messages.Item1.ShouldStartWith("Task <Task pending name='Task-1' ");
    }

    [Fact]
    public void WaitFor_of_a_foreign_future_fails_as_in_CPython_3_12()
    {
        // 3.12's wait_for is "async with timeout(): return await fut": the task's step raises "got Future
        // ... attached to a different loop" (3.11 raised ValueError from ensure_future(fut, loop=loop);
        // PyAsync follows 3.12's wait_for).
        var (message, _) = PyRun.Main(async () =>
        {
            var other = new EventLoop(new VirtualClock());
            var e = await CoroutineTests.Catch<RuntimeError>(async () => await WaitFor(other.CreateFuture<int>(), 1));
            other.Close();
            return e.Message;
        });
        message.ShouldEndWith(" got Future <Future pending> attached to a different loop");
    }

    [Fact]
    public void AsCompleted_refuses_a_foreign_future_and_Wait_times_out_on_one()
    {
        // tasks.py as_completed: ensure_future(f, loop=loop) raises "The future belongs to a different loop
        // than the one specified as the loop argument"; wait() only adds callbacks, so it times out.
        var (result, _) = PyRun.Main(async () =>
        {
            var other = new EventLoop(new VirtualClock());
            var e = await CoroutineTests.Catch<ValueError>(async () =>
            {
                foreach (var c in AsCompleted([other.CreateFuture<int>()], timeout: 1)) await c;
            });
            e.Message.ShouldBe("The future belongs to a different loop than the one specified as the loop argument");
            var (done, pending) = await Wait([other.CreateFuture<int>()], timeout: 1);
            other.Close();
            return (done.Count, pending.Count, GetRunningLoop().Time());
        });
        result.ShouldBe((0, 1, 1.0));
    }

    // ---------------------------------------------------------------- null arguments

    [Fact]
    public void Null_awaitables_coroutines_and_collections_are_refused_at_the_call()
    {
        // CPython raises TypeError ("a coroutine was expected, got None", "An asyncio.Future, a coroutine
        // or an awaitable is required", "'NoneType' object is not iterable"); PyAsync raises .NET's
        // ArgumentNullException, naming the parameter, at the same call.
        PyRun.Main(async () =>
        {
            Should.Throw<ArgumentNullException>(() => CreateTask((Coroutine)null!)).ParamName.ShouldBe("coro");
            Should.Throw<ArgumentNullException>(() => CreateTask((Coroutine<int>)null!)).ParamName.ShouldBe("coro");
            Should.Throw<ArgumentNullException>(() => EnsureFuture((IAwaitable)null!));
            Should.Throw<ArgumentNullException>(() => Shield((IAwaitable)null!));
            Should.Throw<ArgumentNullException>(() => Shield((IAwaitable<int>)null!));
            Should.Throw<ArgumentNullException>(() => WaitFor((IAwaitable)null!, 1));
            Should.Throw<ArgumentNullException>(() => WaitFor((IAwaitable<int>)null!, 1));
            Should.Throw<ArgumentNullException>(() => AsCompleted((IEnumerable<IAwaitable>)null!));
            Should.Throw<ArgumentNullException>(() => AsCompleted(new IAwaitable[] { null! }));
            Should.Throw<ArgumentNullException>(() => TaskGroup((Func<TaskGroup, Coroutine>)null!));
            Should.Throw<ArgumentNullException>(() => Timeout(1, (Func<PyTimeout, Coroutine>)null!));
            Should.Throw<ArgumentNullException>(() => ToThread((Action)null!));
            Should.Throw<ArgumentNullException>(() => ToThread((Func<int>)null!));
            var coro = Fast();
            Should.Throw<ArgumentNullException>(() => RunCoroutineThreadsafe(coro, null!)).ParamName.ShouldBe("loop");
            coro.Close();
            await Sleep(0);
        });
    }

    [Fact]
    public void Wait_with_a_null_collection_or_a_null_future_raises_when_awaited()
    {
        // tasks.py wait is a coroutine function: its checks run when it is awaited (CPython: ValueError
        // "Set of Tasks/Futures is empty." for None, AttributeError for [None]).
        PyRun.Main(async () =>
        {
            var whole = await CoroutineTests.Catch<ArgumentNullException>(async () => await Wait((IEnumerable<Future>)null!));
            whole.ParamName.ShouldBe("fs");
            var item = await CoroutineTests.Catch<ArgumentNullException>(async () => await Wait(new Future[] { null! }));
            item.ParamName.ShouldBe("fs");
        });
    }

    [Fact]
    public void Null_callbacks_contexts_and_functions_of_the_loop_and_of_tasks_are_refused()
    {
        // CPython: call_soon(None) is accepted and fails when run ("TypeError: 'NoneType' object is not
        // callable", reported as "Exception in callback None()"); PyAsync refuses it at the call.
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            Should.Throw<ArgumentNullException>(() => loop.CallSoon<int>(null!, 1));
            Should.Throw<ArgumentNullException>(() => loop.CallLater<int>(1, null!, 1));
            Should.Throw<ArgumentNullException>(() => loop.CallAt<int>(1, null!, 1));
            Should.Throw<ArgumentNullException>(() => loop.CallSoonThreadsafe<int>(null!, 1));
            Should.Throw<ArgumentNullException>(() => loop.RunInExecutor<int>(null, null!));
            Should.Throw<ArgumentNullException>(() => loop.RunUntilComplete((Coroutine<int>)null!));
            Should.Throw<ArgumentNullException>(() => loop.CallExceptionHandler(null!));
            var task = CreateTask(Fast());
            Should.Throw<ArgumentNullException>(() => task.AddDoneCallback((Action<PyTask<string>>)null!));
            Should.Throw<ArgumentNullException>(() => task.AddDoneCallback((Action<Future>)null!));
            (await task).ShouldBe("fast");
        });
    }

    [Fact]
    public void A_null_coroutine_given_to_a_task_group_fails_the_group_with_the_error()
    {
        // taskgroups.py __aexit__: an error raised in the body is collected into the ExceptionGroup
        // (CPython: ExceptionGroup('unhandled errors in a TaskGroup', [TypeError(...)])).
        var (result, _) = PyRun.Main(async () =>
        {
            var eg = await CoroutineTests.Catch<ExceptionGroup>(async () => await TaskGroup(async tg =>
            {
                var sibling = tg.CreateTask(Fast());
                _ = tg.CreateTask((Coroutine)null!);
                await sibling;
            }));
            return (eg.Message, eg.Exceptions.Single().GetType());
        });
        result.ShouldBe(("unhandled errors in a TaskGroup (1 sub-exception)", typeof(ArgumentNullException)));
    }

    [Fact]
    public void SetName_of_null_names_the_task_None()
    {
        // tasks.py set_name: self._name = str(value), and str(None) is 'None'.
        var (name, _) = PyRun.Main(async () =>
        {
            var task = CreateTask(Fast());
            task.SetName(null);
            await task;
            return task.GetName();
        });
        name.ShouldBe("None");
    }

    // ---------------------------------------------------------------- NaN, infinite and negative times

    [Fact]
    public void A_NaN_delay_or_timeout_is_refused_with_ValueError()
    {
        // PyAsync's own: CPython 3.11-3.13 accept call_later(nan) (a timer that never orders against
        // others) and give NaN timeouts no defined meaning (3.11/3.12 time out at once, 3.13's wait_for
        // returns the result). PyAsync raises ValueError as its call_at(NaN) does, like 3.13's sleep(NaN).
        double nan = double.NaN;
        var (results, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var errors = new List<string>
            {
                Should.Throw<ValueError>(() => loop.CallLater(nan, () => { })).Message,
                (await CoroutineTests.Catch<ValueError>(async () => await WaitFor(Fast(), nan))).Message,
                (await CoroutineTests.Catch<ValueError>(async () => await Timeout(nan, async _ => await Fast()))).Message,
                (await CoroutineTests.Catch<ValueError>(async () => await TimeoutAt(nan, async _ => await Fast()))).Message,
                (await CoroutineTests.Catch<ValueError>(async () => await Timeout(5, async cm =>
                {
                    cm.Reschedule(nan);
                    await Fast();
                }))).Message,
                (await CoroutineTests.Catch<ValueError>(async () => await Wait([CreateTask(Fast())], timeout: nan))).Message,
                (await CoroutineTests.Catch<ValueError>(async () =>
                {
                    foreach (var c in AsCompleted([CreateTask(Fast())], timeout: nan)) await c;
                })).Message,
            };
            await Sleep(1); // the tasks left behind finish
            return errors;
        });
        results.ShouldAllBe(m => m == "when cannot be NaN");
        results.Count.ShouldBe(7);
    }

    [Fact]
    public void An_infinite_timeout_waits_as_long_as_needed_and_an_infinite_timer_never_fires()
    {
        // CPython: call_later(inf) gives a TimerHandle with when() == inf that never runs; wait_for,
        // timeout, timeout_at, wait and as_completed with an infinite timeout behave as with none.
        double inf = double.PositiveInfinity;
        var (result, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            bool fired = false;
            var later = loop.CallLater(inf, () => fired = true);
            var at = loop.CallAt(inf, () => fired = true);
            later.When().ShouldBe(inf);
            at.When().ShouldBe(inf);
            var results = new List<object?>
            {
                await WaitFor(Fast(), inf),
                await Timeout(inf, async _ => await Fast()),
                await TimeoutAt(inf, async _ => await Fast()),
            };
            var (done, pending) = await Wait([CreateTask(Fast())], timeout: inf);
            results.Add((done.Count, pending.Count));
            foreach (var c in AsCompleted([CreateTask(Fast())], timeout: inf)) results.Add(await c);
            await Sleep(100);
            results.Add(fired);
            later.Cancel();
            at.Cancel();
            return (Str(results), loop.Time());
        });
        result.ShouldBe(("['fast', 'fast', 'fast', (1, 0), 'fast', False]", 100.5));
    }

    [Fact]
    public void Negative_and_minus_infinite_times_mean_now()
    {
        // CPython: call_later(-1) runs at the next iteration; sleep(-inf) returns at once; wait_for,
        // timeout and as_completed with a negative timeout raise TimeoutError at once; wait(timeout=-1)
        // returns the pending set at once.
        double minusInf = double.NegativeInfinity;
        var (result, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var ran = new List<string>();
            loop.CallLater(-1, () => ran.Add("-1"));
            loop.CallLater(minusInf, () => ran.Add("-inf"));
            await Sleep(minusInf);
            await Sleep(0);
            await CoroutineTests.Catch<TimeoutError>(async () => await WaitFor(Fast(), minusInf));
            await CoroutineTests.Catch<TimeoutError>(async () => await Timeout(-1, async _ => await Fast()));
            await CoroutineTests.Catch<TimeoutError>(async () => await TimeoutAt(minusInf, async _ => await Fast()));
            await CoroutineTests.Catch<TimeoutError>(async () =>
            {
                foreach (var c in AsCompleted([CreateTask(Fast())], timeout: -1)) await c;
            });
            var (done, pending) = await Wait([CreateTask(Fast())], timeout: -1);
            double at = loop.Time();
            await Sleep(1);
            return (ran.Count, done.Count, pending.Count, at);
        });
        result.ShouldBe((2, 0, 1, 0.0));
    }
}
