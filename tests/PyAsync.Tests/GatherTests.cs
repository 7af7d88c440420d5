using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// asyncio.gather (CPython: test_tasks.py, GatherTestsBase / FutureGatherTests / CoroutineGatherTests;
/// src/PyAsync/Tasks). Its <see cref="Delay"/> and <see cref="Fail"/> serve the other combinators' tests.
/// </summary>
public class GatherTests
{
    internal static async Coroutine<int> Delay(double seconds, List<string>? log = null)
    {
        log?.Add($"start {seconds}");
        await Sleep(seconds);
        log?.Add($"end {seconds}");
        return (int)seconds;
    }

    internal static async Coroutine<int> Fail(double after, string message)
    {
        await Sleep(after);
        throw new ValueError(message);
    }

    [Fact]
    public void Results_come_back_in_argument_order()
    {
        // test_tasks.py GatherTestsBase.test_success
        var output = PyRun.Main(async () =>
        {
            Print(await Gather(Delay(3), Delay(1), Delay(2)));
            Print(GetRunningLoop().Time());
        });
        output.Stdout.ShouldBe("[3, 1, 2]\n3.0\n");
    }

    [Fact]
    public void Two_results_print_as_a_list_and_deconstruct_into_typed_values()
    {
        PyRun.Main(async () =>
        {
            var both = await Gather(Delay(3), Delay(1));
            Str(both).ShouldBe("[3, 1]");
            both[0].ShouldBe(3);
            both[-1].ShouldBe(1);
            both.Count.ShouldBe(2);
            var (number, text) = await Gather(Delay(1), Sleep(1, "x"));
            number.ShouldBe(1);
            text.ShouldBe("x");
            var (a, b, c) = await Gather(Delay(1), Sleep(0, 2.5), Sleep(0, true));
            (a, b, c).ShouldBe((1, 2.5, true));
        });
    }

    [Fact]
    public void Coroutines_are_wrapped_in_tasks_in_argument_order()
    {
        // tasks.py gather: `for arg in coros_or_futures: fut = ensure_future(arg)`
        var log = new List<string>();
        PyRun.Main(async () =>
        {
            var gathered = Gather(Delay(2, log), Delay(1, log), Delay(0, log));
            log.ShouldBeEmpty();
            AllTasks().Select(t => t.GetName()).Order().ShouldBe(["Task-1", "Task-2", "Task-3", "Task-4"]);
            await gathered;
        });
        log.ShouldBe(["start 2", "start 1", "start 0", "end 0", "end 1", "end 2"]);
    }

    [Fact]
    public void A_mix_of_coroutines_tasks_and_futures_is_gathered()
    {
        // test_tasks.py FutureGatherTests.test_constructor_heterogenous_futures
        var output = PyRun.Main(async () =>
        {
            var task = CreateTask(Delay(2));
            var future = Future<int>();
            GetRunningLoop().CallLater(1, () => future.SetResult(10));
            Print(await Gather(Delay(3), task, future));
            Print(await Gather(Sleep(1), CreateTask(Sleep(1)), Sleep(1, "s")));
        });
        output.Stdout.ShouldBe("[3, 2, 10]\n[None, None, 's']\n");
    }

    [Fact]
    public void A_collection_of_tasks_is_gathered_with_a_typed_list()
    {
        PyRun.Main(async () =>
        {
            var tasks = new List<PyTask<int>> { CreateTask(Delay(2)), CreateTask(Delay(1)) };
            List<int> results = await Gather(tasks);
            results.ShouldBe([2, 1]);
            var coroutines = new List<Coroutine<int>> { Delay(1), Delay(3) };
            (await Gather(coroutines)).ShouldBe([1, 3]);
        });
    }

    [Fact]
    public void Gather_of_nothing_is_an_empty_list_at_once()
    {
        // test_tasks.py FutureGatherTests.test_constructor_empty_sequence_use_running_loop
        PyRun.Main(async () =>
        {
            var empty = Gather();
            empty.Done().ShouldBeTrue();
            Str(empty.Result()).ShouldBe("[]");
            Str(await Gather(new List<PyTask<int>>())).ShouldBe("[]");
        });
    }

    [Fact]
    public void The_first_exception_propagates_while_the_other_children_keep_running()
    {
        // test_tasks.py GatherTestsBase.test_one_exception
        var log = new List<string>();
        PyRun.Main(async () =>
        {
            var slow = CreateTask(Delay(2, log));
            var e = await CoroutineTests.Catch<ValueError>(async () => await Gather(Fail(1, "boom"), slow));
            e.Message.ShouldBe("boom");
            GetRunningLoop().Time().ShouldBe(1);
            slow.Done().ShouldBeFalse();
            await slow;
        });
        log.ShouldBe(["start 2", "end 2"]);
    }

    [Fact]
    public void With_return_exceptions_failures_and_cancellations_come_back_as_values()
    {
        // test_tasks.py GatherTestsBase.test_return_exceptions; a cancelled child task shows CancelledError('')
        var output = PyRun.Main(async () =>
        {
            var cancelled = CreateTask(Delay(10));
            await Sleep(0);
            cancelled.Cancel("why");
            var results = await Gather(returnExceptions: true, Delay(1), Fail(0.5, "bad"), cancelled);
            Print(results);
            var future = Future<int>();
            future.Cancel("msg");
            Print(await Gather(new IAwaitable[] { future }, returnExceptions: true));
        });
        output.Stdout.ShouldBe("[1, ValueError('bad'), CancelledError('')]\n[CancelledError('msg')]\n");
    }

    [Fact]
    public void A_cancelled_child_makes_the_gather_raise_CancelledError()
    {
        // test_tasks.py FutureGatherTests.test_one_cancellation
        PyRun.Main(async () =>
        {
            var child = CreateTask(Delay(10));
            var gathered = Gather(child, Delay(1));
            await Sleep(0);
            child.Cancel("x");
            var e = await CoroutineTests.Catch<CancelledError>(async () => await gathered);
            Repr(e).ShouldBe("CancelledError('x')");
            gathered.Done().ShouldBeTrue();
            gathered.Cancelled().ShouldBeFalse();
        });
    }

    [Fact]
    public void Cancelling_the_gather_cancels_every_child_not_yet_done()
    {
        // test_tasks.py CoroutineGatherTests.test_cancellation_broadcast
        PyRun.Main(async () =>
        {
            var a = CreateTask(Delay(10));
            var b = CreateTask(Delay(20));
            var done = CreateTask(Delay(0));
            await Sleep(0.5);
            var gathered = Gather(a, b, done);
            gathered.Cancel("stop").ShouldBeTrue();
            gathered.Done().ShouldBeFalse();
            var e = await CoroutineTests.Catch<CancelledError>(async () => await gathered);
            Repr(e).ShouldBe("CancelledError('stop')");
            a.Cancelled().ShouldBeTrue();
            b.Cancelled().ShouldBeTrue();
            done.Cancelled().ShouldBeFalse();
            gathered.Cancel().ShouldBeFalse();
        });
    }

    [Fact]
    public void A_cancelled_gather_raises_CancelledError_even_with_return_exceptions()
    {
        // tasks.py _done_callback: "If gather is being cancelled we must propagate the cancellation
        // regardless of *return_exceptions* argument. See issue 32684."
        PyRun.Main(async () =>
        {
            var gathered = Gather(true, Delay(5), Delay(6));
            await Sleep(0);
            gathered.Cancel();
            await CoroutineTests.Catch<CancelledError>(async () => await gathered);
        });
    }

    [Fact]
    public void Cancelling_the_task_awaiting_a_gather_cancels_the_children()
    {
        // test_tasks.py BaseTaskTests.test_cancel_gather_1
        PyRun.Main(async () =>
        {
            var a = CreateTask(Delay(10));
            var b = CreateTask(Delay(10));
            var waiter = CreateTask(AwaitBoth(a, b));
            await Sleep(1);
            waiter.Cancel();
            await CoroutineTests.Catch<CancelledError>(async () => await waiter);
            a.Cancelled().ShouldBeTrue();
            b.Cancelled().ShouldBeTrue();
            waiter.Cancelled().ShouldBeTrue();
        });

        static async Coroutine AwaitBoth(PyTask<int> a, PyTask<int> b) => await Gather(a, b);
    }

    [Fact]
    public void The_same_awaitable_twice_is_one_child_with_its_result_twice()
    {
        // test_tasks.py CoroutineGatherTests.test_duplicate_coroutines
        var log = new List<string>();
        PyRun.Main(async () =>
        {
            var coro = Delay(1, log);
            Str(await Gather(coro, coro)).ShouldBe("[1, 1]");
            var future = Future<int>();
            future.SetResult(5);
            Str(await Gather(future, future)).ShouldBe("[5, 5]");
        });
        log.ShouldBe(["start 1", "end 1"]);
    }

    [Fact]
    public void A_gather_of_finished_futures_is_done_at_once_as_in_Python_3_13()
    {
        // test_tasks.py CoroutineGatherTests.test_sleep_zero... and 3.13's eager done callbacks in gather.
        PyRun.Main(async () =>
        {
            var future = GetRunningLoop().CreateFuture<int>();
            future.SetResult(5);
            var gathered = Gather(future, future);
            gathered.Done().ShouldBeTrue();
            gathered.Result().ShouldBe([5, 5]);
            await Sleep(0);
        });
    }

    [Fact]
    public void The_gathering_future_reports_its_state_before_it_is_awaited()
    {
        PyRun.Main(async () =>
        {
            var gathered = Gather(Delay(1), Delay(2));
            gathered.Done().ShouldBeFalse();
            Should.Throw<InvalidStateError>(() => gathered.Result());
            Str(gathered).ShouldBe("<_GatheringFuture pending>");
            Str(Type(gathered)).ShouldBe("<class 'asyncio.tasks._GatheringFuture'>");
            await Sleep(3);
            gathered.Done().ShouldBeTrue();
            gathered.Exception().ShouldBeNull();
            Str(gathered.Result()).ShouldBe("[1, 2]");
            Str(gathered).ShouldBe("<_GatheringFuture finished result=[1, 2]>");
        });
    }

    [Fact]
    public void Null_awaitables_are_rejected()
    {
        PyRun.Main(async () =>
        {
            Should.Throw<ArgumentNullException>(() => Gather((IAwaitable)null!, Sleep(0)));
            Should.Throw<ArgumentNullException>(() => Gather((IEnumerable<IAwaitable>)null!));
            await Sleep(0);
        });
    }

    [Fact]
    public void Result_less_tasks_gather_as_a_list_of_objects()
    {
        // test_tasks.py GatherTestsBase.test_success, with tasks that return None: `gather(t1, t2)` is [None, None].
        var output = PyRun.Main(async () =>
        {
            var t1 = CreateTask(Sleep(1));
            var t2 = CreateTask(Sleep(2));
            List<object> results = await Gather<object>(t1, t2);
            Print(results);
            Print(await Gather<object>(CreateTask(Sleep(0)), Sleep(0, "x")));
        });
        output.Stdout.ShouldBe("[None, None]\n[None, 'x']\n");
    }

    [Fact]
    public void Awaitables_of_derived_result_types_gather_under_their_base_type()
    {
        // IAwaitable<T> is covariant: tasks of str and of list gather as objects, as Python's gather takes any awaitables.
        var output = PyRun.Main(async () =>
        {
            var text = CreateTask(Sleep(1, "a"));
            var list = CreateTask(Sleep(2, new List<int> { 1 }));
            Print(await Gather<object>(text, list));
            Print(await WaitFor<object>(Sleep(1, "b"), 5));
            Future<object> shielded = Shield<object>(CreateTask(Sleep(1, "c")));
            Print(await shielded);
            var ensured = EnsureFuture<object>(CreateTask(Sleep(1, "d")));
            Print(await ensured);
        });
        output.Stdout.ShouldBe("['a', [1]]\nb\nc\nd\n");
    }

    [Fact]
    public void A_future_chained_for_a_base_result_type_follows_and_cancels_its_source()
    {
        // futures.py _chain_future: the destination copies the source's outcome; cancelling it cancels the source.
        var output = PyRun.Main(async () =>
        {
            var source = CreateTask(Sleep(10, "late"));
            var ensured = EnsureFuture<object>(source);
            ReferenceEquals(ensured, source).ShouldBeFalse();
            ensured.Cancel();
            await Sleep(0);
            await Sleep(0);
            Print(source.Cancelled(), ensured.Cancelled());
            var failing = CreateTask(Fail(1, "boom"));
            var chained = EnsureFuture<object>(CreateTask(Sleep(0, "x")));
            Print(await chained);
            (await CoroutineTests.Catch<ValueError>(async () => await Gather<object>(failing))).Message.ShouldBe("boom");
        });
        output.Stdout.ShouldBe("True True\nx\n");
    }

    [Fact]
    public void A_child_done_while_another_childs_callback_waits_in_the_ready_queue_completes_the_gather_when_CPython_does()
    {
        // No CPython test: found by the differential fuzzer (fuzz/regressions/fixed_gather_child_counted_early_1.json).
        // f1's cancellation queues both gathers' callbacks; the shield finishes a step later, so CPython
        // completes the gather over (shield(f0), f1) one iteration after the gather over f1 alone.
        var output = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var f0 = loop.CreateFuture<int>();
            var f1 = loop.CreateFuture<int>();
            loop.CallLater(1, () => f0.SetResult(5));
            loop.CallLater(1, () => f1.Cancel());
            var both = CreateTask(Gathered("both", Shield(f0), f1));
            var one = CreateTask(Gathered("one", f1));
            await Gather(both, one);
        });
        output.Stdout.ShouldBe("one [CancelledError('')]\nboth [5, CancelledError('')]\n");

        static async Coroutine<int> Gathered(string name, params IAwaitable[] children)
        {
            Print(name, await Gather(returnExceptions: true, children));
            return 0;
        }
    }
}
