using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>asyncio.Event (CPython: test_locks.py, EventTests; src/PyAsync/Locks).</summary>
public class EventTests
{
    [Fact]
    public void Repr_and_type_are_CPythons()
    {
        // test_locks.py: EventTests.test_repr
        PyRun.Main(async () =>
        {
            var ev = Event();
            Repr(ev).ShouldMatch(@"^<asyncio\.locks\.Event object at 0x[0-9a-f]+ \[unset\]>$");
            Str(Type(ev)).ShouldBe("<class 'asyncio.locks.Event'>");
            var waiter = CreateTask(ev.Wait());
            await Sleep(0);
            Repr(ev).ShouldEndWith("[unset, waiters:1]>");
            Repr(waiter).ShouldContain("coro=<Event.wait()");
            ev.Set();
            Repr(ev).ShouldEndWith("[set, waiters:1]>");
            await waiter;
            Repr(ev).ShouldMatch(@"^<asyncio\.locks\.Event object at 0x[0-9a-f]+ \[set\]>$");
        });
    }

    [Fact]
    public void Set_wakes_every_waiter_in_the_order_they_started_waiting()
    {
        // test_locks.py: EventTests.test_wait
        PyRun.Main(async () =>
        {
            var ev = Event();
            ev.IsSet().ShouldBeFalse();
            var result = new List<int>();

            async Coroutine C(int n)
            {
                if (await ev.Wait()) result.Add(n);
            }

            var t1 = CreateTask(C(1));
            var t2 = CreateTask(C(2));
            await Sleep(0);
            result.ShouldBeEmpty();

            var t3 = CreateTask(C(3));
            ev.Set();
            await Sleep(0);
            result.ShouldBe([3, 1, 2]);
            foreach (var t in new[] { t1, t2, t3 }) t.Done().ShouldBeTrue();
        });
    }

    [Fact]
    public void Wait_on_a_set_event_returns_true_without_yielding()
    {
        // test_locks.py: EventTests.test_wait_on_set
        PyRun.Main(async () =>
        {
            var ev = Event();
            ev.Set();
            var ran = false;
            var other = CreateTask(Set(() => ran = true));
            (await ev.Wait()).ShouldBeTrue();
            ran.ShouldBeFalse();
            await other;
        });

        static async Coroutine Set(Action action) => action();
    }

    [Fact]
    public void A_cancelled_wait_leaves_no_waiter_behind()
    {
        // test_locks.py: EventTests.test_wait_cancel
        PyRun.Main(async () =>
        {
            var ev = Event();
            var wait = CreateTask(ev.Wait());
            GetRunningLoop().CallSoon(() => { wait.Cancel(); });
            await CoroutineTests.Catch<CancelledError>(async () => await wait);
            ev.WaiterCount.ShouldBe(0);
        });
    }

    [Fact]
    public void Clear_unsets_the_flag()
    {
        // test_locks.py: EventTests.test_clear
        var ev = Event();
        ev.IsSet().ShouldBeFalse();
        ev.Set();
        ev.IsSet().ShouldBeTrue();
        ev.Clear();
        ev.IsSet().ShouldBeFalse();
    }

    [Fact]
    public void A_waiter_woken_by_set_returns_even_if_the_event_is_cleared_before_it_runs()
    {
        // test_locks.py: EventTests.test_clear_with_waiters
        PyRun.Main(async () =>
        {
            var ev = Event();
            var result = new List<int>();

            async Coroutine<bool> C1()
            {
                if (await ev.Wait()) result.Add(1);
                return true;
            }

            var t = CreateTask(C1());
            await Sleep(0);
            result.ShouldBeEmpty();

            ev.Set();
            ev.Clear();
            ev.IsSet().ShouldBeFalse();
            ev.Set();
            ev.Set();
            ev.WaiterCount.ShouldBe(1);

            await Sleep(0);
            result.ShouldBe([1]);
            ev.WaiterCount.ShouldBe(0);
            t.Result().ShouldBeTrue();
        });
    }

    [Fact]
    public void WaitFor_on_an_event_times_out_and_leaves_no_waiter()
    {
        // test_locks.py: EventTests.test_wait_cancel (cancelled by wait_for's timeout)
        PyRun.Main(async () =>
        {
            var ev = Event();
            await CoroutineTests.Catch<TimeoutError>(async () => await WaitFor(ev.Wait(), 2));
            GetRunningLoop().Time().ShouldBe(2);
            ev.WaiterCount.ShouldBe(0);
            GetRunningLoop().CallLater(1, ev.Set);
            (await WaitFor(ev.Wait(), 2)).ShouldBeTrue();
            GetRunningLoop().Time().ShouldBe(3);
        });
    }

    [Fact]
    public void An_event_waited_for_on_one_loop_cannot_be_waited_for_on_another()
    {
        // test_locks.py: ConditionTests.test_ambiguous_loops (mixins._LoopBoundMixin, for Event)
        var ev = Event();
        PyRun.Program(() =>
        {
            Run(SetSoon(ev));
            ev.Clear();
            var error = Should.Throw<RuntimeError>(() => Run(SetSoon(ev)));
            error.Message.ShouldMatch(@"^<asyncio\.locks\.Event object at 0x[0-9a-f]+ \[unset\]> is bound to a different event loop$");
        });

        static async Coroutine SetSoon(PyAsync.Event ev)
        {
            GetRunningLoop().CallSoon(ev.Set);
            await ev.Wait();
        }
    }
}
