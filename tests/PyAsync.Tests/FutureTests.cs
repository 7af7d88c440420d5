using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// asyncio.Future: state, result, exception, cancel, done callbacks, repr, await
/// (CPython: test_futures.py, BaseFutureTests; asyncio futures.py, src/PyAsync/Futures).
/// </summary>
public class FutureTests
{
    [Fact]
    public void A_new_future_is_pending_and_has_no_result_or_exception_yet()
    {
        // test_futures.py: test_initial_state; messages of CPython's C implementation (_asyncio)
        PyRun.Main(async () =>
        {
            var f = Future<int>();
            f.Done().ShouldBeFalse();
            f.Cancelled().ShouldBeFalse();
            Should.Throw<InvalidStateError>(() => f.Result()).Message.ShouldBe("Result is not set.");
            Should.Throw<InvalidStateError>(() => f.Exception()).Message.ShouldBe("Exception is not set.");
            f.GetLoop().ShouldBeSameAs(GetRunningLoop());
            await Sleep(0);
        });
    }

    [Fact]
    public void SetResult_finishes_the_future_once()
    {
        // test_futures.py: test_result; a second set raises "invalid state" in the C implementation
        PyRun.Main(async () =>
        {
            var f = Future<int>();
            f.SetResult(42);
            f.Done().ShouldBeTrue();
            f.Result().ShouldBe(42);
            f.Exception().ShouldBeNull();
            f.Cancel().ShouldBeFalse();
            Should.Throw<InvalidStateError>(() => f.SetResult(1)).Message.ShouldBe("invalid state");
            Should.Throw<InvalidStateError>(() => f.SetException(new ValueError("x")));
            await Sleep(0);
        });
    }

    [Fact]
    public void SetException_makes_Result_rethrow_the_same_exception()
    {
        // test_futures.py: test_exception
        PyRun.Main(async () =>
        {
            var f = Future<int>();
            var error = new ValueError("bad");
            f.SetException(error);
            f.Exception().ShouldBeSameAs(error);
            Should.Throw<ValueError>(() => f.Result()).ShouldBeSameAs(error);
            Should.Throw<InvalidStateError>(() => f.SetResult(1));
            await Sleep(0);
        });
    }

    [Fact]
    public void Cancel_cancels_a_pending_future_only_and_keeps_the_message()
    {
        // test_futures.py: test_cancel, test_cancel_message_getter
        PyRun.Main(async () =>
        {
            var f = Future<int>();
            f.Cancel("stop").ShouldBeTrue();
            f.Cancelled().ShouldBeTrue();
            f.Done().ShouldBeTrue();
            f.Cancel().ShouldBeFalse();
            Should.Throw<CancelledError>(() => f.Result()).Args.ShouldBe(new PyTuple("stop"));
            Should.Throw<CancelledError>(() => f.Exception()).Args.ShouldBe(new PyTuple("stop"));
            Should.Throw<InvalidStateError>(() => f.SetResult(1)).Message.ShouldBe("invalid state");
            await Sleep(0);
        });
    }

    [Fact]
    public void Done_callbacks_are_scheduled_with_call_soon_in_registration_order()
    {
        // test_futures.py: test_callbacks_invoked_on_set_result (callbacks run later, in order)
        var order = new List<string>();
        PyRun.Main(async () =>
        {
            var f = Future<int>();
            f.AddDoneCallback(_ => order.Add("first"));
            f.AddDoneCallback(fut => order.Add($"second {fut.Result()}"));
            GetRunningLoop().CallSoon(() => order.Add("call_soon before set"));
            f.SetResult(3);
            order.ShouldBeEmpty();
            await Sleep(0);
            order.ShouldBe(["call_soon before set", "first", "second 3"]);
        });
    }

    [Fact]
    public void A_callback_added_to_a_done_future_is_scheduled_soon()
    {
        // test_futures.py: test_callbacks_invoked_on_set_result (add_done_callback on done future)
        bool ran = false;
        PyRun.Main(async () =>
        {
            var f = Future<int>();
            f.SetResult(1);
            f.AddDoneCallback(_ => ran = true);
            ran.ShouldBeFalse();
            await Sleep(0);
            ran.ShouldBeTrue();
        });
    }

    [Fact]
    public void RemoveDoneCallback_removes_every_registration_and_returns_the_count()
    {
        // test_futures.py: test_callbacks_remove_first_callback / test_remove_done_callback
        var ran = new List<string>();
        PyRun.Main(async () =>
        {
            var f = Future<int>();
            f.AddDoneCallback(A);
            f.AddDoneCallback(B);
            f.AddDoneCallback(A);
            f.RemoveDoneCallback(A).ShouldBe(2);
            f.RemoveDoneCallback(A).ShouldBe(0);
            f.SetResult(1);
            await Sleep(0);
        });
        ran.ShouldBe(["B"]);

        void A(Future<int> _) => ran.Add("A");
        void B(Future<int> _) => ran.Add("B");
    }

    [Fact]
    public void Callbacks_run_in_the_context_they_were_added_in()
    {
        var local = new AsyncLocal<string>();
        string? seen = null;
        PyRun.Main(async () =>
        {
            var f = Future<int>();
            local.Value = "at add";
            f.AddDoneCallback(_ => seen = local.Value);
            local.Value = "at set";
            f.SetResult(1);
            await Sleep(0);
        });
        seen.ShouldBe("at add");
    }

    [Fact]
    public void An_exception_in_a_done_callback_is_reported_and_the_others_still_run()
    {
        bool second = false;
        Dictionary<string, object?>? reported = null;
        PyRun.Main(async () =>
        {
            GetRunningLoop().SetExceptionHandler((_, ctx) => reported = ctx);
            var f = Future<int>();
            f.AddDoneCallback(Fails);
            f.AddDoneCallback(_ => second = true);
            f.SetResult(1);
            await Sleep(0);
        });
        second.ShouldBeTrue();
        reported.ShouldNotBeNull();
        ((string)reported["message"]!).ShouldStartWith("Exception in callback Fails(<Future finished result=1>)");
        reported["exception"].ShouldBeOfType<ValueError>();
        reported["handle"].ShouldBe("<Handle Fails(<Future finished result=1>)>");
    }

    private static void Fails(Future<int> _) => throw new ValueError("cb");

    private static void Cb(Future<int> _) { }

    [Fact]
    public void Futures_print_as_CPython_prints_them()
    {
        // test_futures.py: test_future_repr
        PyRun.Main(async () =>
        {
            var pending = Future<int>();
            Str(pending).ShouldBe("<Future pending>");
            pending.AddDoneCallback(Cb);
            Str(pending).ShouldBe("<Future pending cb=[Cb()]>");
            pending.AddDoneCallback(Cb);
            pending.AddDoneCallback(Cb);
            Str(pending).ShouldBe("<Future pending cb=[Cb(), <1 more>, Cb()]>");

            var done = Future<string>();
            done.SetResult("ok");
            Str(done).ShouldBe("<Future finished result='ok'>");

            var failed = Future<int>();
            failed.SetException(new ValueError("bad"));
            Str(failed).ShouldBe("<Future finished exception=ValueError('bad')>");
            failed.Exception();

            var cancelled = Future<int>();
            cancelled.Cancel();
            Str(cancelled).ShouldBe("<Future cancelled>");
            Str(Type(cancelled)).ShouldBe("<class '_asyncio.Future'>");
            await Sleep(0);
        });
    }

    [Fact]
    public void Awaiting_a_future_gives_its_result_when_something_else_sets_it()
    {
        var (result, _) = PyRun.Main(async () =>
        {
            var f = GetRunningLoop().CreateFuture<string>();
            GetRunningLoop().CallLater(2, () => f.SetResult("later"));
            var value = await f;
            GetRunningLoop().Time().ShouldBe(2);
            return value;
        });
        result.ShouldBe("later");
    }

    [Fact]
    public void Awaiting_a_failed_future_raises_its_exception()
    {
        PyRun.Main(async () =>
        {
            var f = Future<int>();
            GetRunningLoop().CallSoon(() => f.SetException(new ValueError("nope")));
            var e = await CoroutineTests.Catch<ValueError>(async () => await f);
            e.Message.ShouldBe("nope");
        });
    }

    [Fact]
    public void The_non_generic_base_is_awaitable_and_gives_the_result_as_object()
    {
        var (result, _) = PyRun.Main(async () =>
        {
            Future f = Future<int>();
            ((Future<int>)f).SetResult(5);
            return await f;
        });
        result.ShouldBe(5);
    }

    [Fact]
    public void A_future_made_outside_any_loop_works_as_in_the_seed()
    {
        // seed 003: Future() at module level, then done(), set_result(42), result()
        PyRun.Program(() =>
        {
            var myFuture = new Future<int>();
            myFuture.Done().ShouldBeFalse();
            myFuture.SetResult(42);
            myFuture.Done().ShouldBeTrue();
            myFuture.Result().ShouldBe(42);
            Should.Throw<RuntimeError>(() => myFuture.GetLoop()).Message.ShouldBe("Future object is not initialized.");
        });
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        PyRun.Main(async () =>
        {
            var f = Future<int>();
            Should.Throw<ArgumentNullException>(() => f.SetException(null!));
            Should.Throw<ArgumentNullException>(() => f.AddDoneCallback((Action<Future<int>>)null!));
            Should.Throw<ArgumentNullException>(() => f.RemoveDoneCallback((Action<Future<int>>)null!));
            await Sleep(0);
        });
    }

    [Fact]
    public void A_future_round_trip_allocates_nothing_beyond_the_future_and_the_handle_that_completes_it()
    {
        // Creating a future, completing it from a CallSoon callback and awaiting it (suspend,
        // register the task's wake-up, schedule it, resume) allocates the future and the CallSoon's
        // Handle (CPython's call_soon makes one too), and nothing else: the await itself allocates
        // nothing. Measured as bytes per round trip minus the bytes of each part on its own.
        const int rounds = 20_000, handles = 1_000;
        double perRound = double.NaN, perFuture = double.NaN, perHandle = double.NaN;
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            for (int i = 0; i < 100; i++) await Round(loop);

            long start = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < rounds; i++) await Round(loop);
            perRound = (GC.GetAllocatedBytesForCurrentThread() - start) / (double)rounds;

            var keep = new Future<int>[rounds];
            start = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < rounds; i++) keep[i] = loop.CreateFuture<int>();
            perFuture = (GC.GetAllocatedBytesForCurrentThread() - start) / (double)rounds;
            GC.KeepAlive(keep);

            // Once with the ready queue grown, so that only the handles are counted.
            for (int pass = 0; pass < 2; pass++)
            {
                start = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < handles; i++) loop.CallSoon(Ignore, keep[i]);
                perHandle = (GC.GetAllocatedBytesForCurrentThread() - start) / (double)handles;
                await Sleep(0);
            }
        });
        perHandle.ShouldBeInRange(16, 64, "a Handle with one argument is a small object");
        (perRound - perFuture - perHandle).ShouldBeLessThan(1.0, $"{perRound} bytes per round trip, {perFuture} for the future, {perHandle} for the handle");

        static Future<int> Round(EventLoop loop)
        {
            var f = loop.CreateFuture<int>();
            loop.CallSoon(Complete, f);
            return f;
        }

        static void Ignore(Future<int> f) { }
    }

    private static void Complete(Future<int> f) => f.SetResult(1);
}
