using PyAsync.Tests.Support;
using static PyAsync.Asyncio;
using static PyAsync.Tests.EventLoopTests;

namespace PyAsync.Tests;

/// <summary>
/// Handle and TimerHandle: cancel/cancelled, when, what a handle keeps, reprs
/// (CPython: test_events.py HandleTests, TimerTests; asyncio events.py, src/PyAsync/Events).
/// </summary>
public class HandleTests
{
    [Fact]
    public void Cancelled_handles_and_timers_do_not_run()
    {
        // test_events.py: HandleTests.test_handle / TimerTests.test_timer cancel().
        var ran = new List<string>();
        WithLoop(loop =>
        {
            var h = loop.CallSoon(() => ran.Add("soon"));
            var t = loop.CallLater(1, () => ran.Add("later"));
            h.Cancel();
            t.Cancel();
            h.Cancelled().ShouldBeTrue();
            t.Cancelled().ShouldBeTrue();
            loop.CallLater(2, loop.Stop);
            loop.RunForever();
        });
        ran.ShouldBeEmpty();
    }

    [Fact]
    public void A_handle_still_describes_its_callback_after_it_ran()
    {
        // test_events.py HandleTests.test_handle and test_handle_repr: a Handle keeps its callback and
        // context after it ran; cancel() then marks it cancelled and drops the callback.
        var ran = new List<string>();
        WithLoop(loop =>
        {
            var context = ExecutionContext.Capture();
            var first = loop.CallSoon(() => ran.Add("first"), context);
            loop.CallSoon(loop.Stop);
            loop.RunForever();
            var second = loop.CallSoon(() => ran.Add("second"));
            first.ShouldNotBeSameAs(second);
            first.ToString().ShouldBe("<Handle A_handle_still_describes_its_callback_after_it_ran.<locals>.<lambda>()>");
            first.GetContext().ShouldBeSameAs(context);
            first.Cancelled().ShouldBeFalse();
            first.Cancel();
            first.Cancelled().ShouldBeTrue();
            first.ToString().ShouldBe("<Handle cancelled>");
            second.Cancelled().ShouldBeFalse();
            loop.CallSoon(loop.Stop);
            loop.RunForever();
        });
        ran.ShouldBe(["first", "second"]);
    }

    [Fact]
    public void A_cancelled_handle_stays_cancelled_after_the_loop_ran_on()
    {
        // test_events.py: HandleTests.test_handle (cancel, then cancelled() is True).
        WithLoop(loop =>
        {
            var h = loop.CallSoon(() => throw new InvalidOperationException("must not run"));
            h.Cancel();
            for (int i = 0; i < 3; i++) loop.CallSoon(() => { });
            loop.CallSoon(loop.Stop);
            loop.RunForever();
            for (int i = 0; i < 3; i++) loop.CallSoon(() => { });
            loop.CallSoon(loop.Stop);
            loop.RunForever();
            h.Cancelled().ShouldBeTrue();
            h.ToString().ShouldBe("<Handle cancelled>");
        });
    }

    [Fact]
    public void A_callback_that_cancels_its_own_handle_is_cancelled_afterwards()
    {
        // CPython: cancel() while the callback runs sets _cancelled; cancelled() is True after.
        WithLoop(loop =>
        {
            Handle? self = null;
            self = loop.CallSoon(() => self!.Cancel());
            loop.CallSoon(loop.Stop);
            loop.RunForever();
            self.Cancelled().ShouldBeTrue();
        });
    }

    [Fact]
    public void A_timer_converts_to_a_handle_that_cancels_it()
    {
        // CPython's TimerHandle is a Handle.
        var ran = new List<string>();
        WithLoop(loop =>
        {
            Handle h = loop.CallLater(1, () => ran.Add("timer"));
            h.ToString().ShouldStartWith("<TimerHandle when=1.0 ");
            h.Cancel();
            h.Cancelled().ShouldBeTrue();
            loop.CallLater(2, loop.Stop);
            loop.RunForever();
        });
        ran.ShouldBeEmpty();
    }

    [Fact]
    public void TimerHandle_reports_when_it_is_due()
    {
        WithLoop(loop =>
        {
            var t = loop.CallAt(12.5, () => { });
            t.When().ShouldBe(12.5);
            t.ToString().ShouldStartWith("<TimerHandle when=12.5 ");
            t.Cancel();
            t.ToString().ShouldBe("<TimerHandle cancelled when=12.5>");
        });
    }

    [Fact]
    public void CallSoon_passes_its_argument_and_reprs_like_CPython()
    {
        WithLoop(loop =>
        {
            var h = loop.CallSoon(Record, 41);
            h.ToString().ShouldBe("<Handle Record(41)>");
            loop.CallSoon(loop.Stop);
            loop.RunForever();
            s_recorded.ShouldBe(41);
        });
    }

    private static int s_recorded;

    private static void Record(int x) => s_recorded = x;

    [Fact]
    public void Callbacks_are_named_by_their_qualified_name_as_in_CPython()
    {
        WithLoop(loop =>
        {
            void Local() { }
            loop.CallSoon(Local).ToString().ShouldBe("<Handle Callbacks_are_named_by_their_qualified_name_as_in_CPython.<locals>.Local()>");
            loop.CallSoon(() => { }).ToString().ShouldBe("<Handle Callbacks_are_named_by_their_qualified_name_as_in_CPython.<locals>.<lambda>()>");
        });
    }
}
