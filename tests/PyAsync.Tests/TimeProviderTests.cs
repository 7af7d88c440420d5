using Microsoft.Extensions.Time.Testing;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// The loop on a <see cref="TimeProvider"/> that a test moves by hand (FakeTimeProvider from
/// Microsoft.Extensions.TimeProvider.Testing): it waits for its timers on the provider's own timers, so
/// <c>Advance</c> drives it, and it never wakes before the provider's time reaches a deadline. No
/// CPython counterpart (CPython's tests patch <c>loop.time</c> instead); the loop's side of it is
/// <c>BaseEventLoop._run_once</c> computing its select() timeout from the next timer.
/// </summary>
public class TimeProviderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>A loop running <paramref name="main"/> on its own thread; <see cref="Loop"/> once it runs.</summary>
    private sealed class LoopThread
    {
        private readonly TaskCompletionSource<EventLoop> _loop = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LoopThread(Func<Coroutine> main, TimeProvider clock, bool blocks = false)
        {
            var thread = new Thread(() =>
            {
                try
                {
                    Run(Started(main), clock: clock);
                    _ended.SetResult();
                }
                catch (Exception e)
                {
                    _ended.SetException(e);
                }
            }) { IsBackground = true };
            thread.Start();
            // main's first step, which schedules its first timers, has run (unless it blocks the loop).
            if (blocks) Loop.ShouldNotBeNull();
            else OnLoop(() => true);
        }

        private async Coroutine Started(Func<Coroutine> main)
        {
            _loop.SetResult(GetRunningLoop());
            await main();
        }

        public EventLoop Loop => _loop.Task.WaitAsync(Patience).GetAwaiter().GetResult();

        public bool Ended => _ended.Task.IsCompleted;

        public void WaitEnded() => _ended.Task.WaitAsync(Patience).GetAwaiter().GetResult();

        /// <summary>
        /// Runs <paramref name="read"/> on the loop's thread after everything due now has run: posted from
        /// here, it hops once more through <c>CallSoon</c>, so the timers the posting iteration found due
        /// run first.
        /// </summary>
        public T OnLoop<T>(Func<T> read)
        {
            var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            var loop = Loop;
            loop.CallSoonThreadsafe(() => loop.CallSoon(() => result.SetResult(read())));
            return result.Task.WaitAsync(Patience).GetAwaiter().GetResult();
        }
    }

    [Fact]
    public void Sleep_ends_when_the_fake_clock_is_advanced_past_it_and_not_before()
    {
        var clock = new FakeTimeProvider();
        double? started = null, woke = null;
        var program = new LoopThread(async () =>
        {
            started = GetRunningLoop().Time();
            // 100 s: a loop that waited in real time would not end within the test's patience.
            await Sleep(100);
            woke = GetRunningLoop().Time();
        }, clock);

        clock.Advance(TimeSpan.FromSeconds(99.9));
        program.OnLoop(() => woke).ShouldBeNull();
        program.Ended.ShouldBeFalse();

        clock.Advance(TimeSpan.FromSeconds(0.1));
        program.WaitEnded();
        (woke!.Value - started!.Value).ShouldBe(100, tolerance: 1e-6);
    }

    [Fact]
    public void Advancing_by_hand_runs_the_timers_due_in_deadline_order_one_step_at_a_time()
    {
        var clock = new FakeTimeProvider();
        var ran = new List<string>();
        var allDone = new TaskCompletionSource();
        var program = new LoopThread(async () =>
        {
            var loop = GetRunningLoop();
            double t0 = loop.Time();
            loop.CallLater(2, () => ran.Add($"b at {loop.Time() - t0:0.###}"));
            loop.CallLater(1, () => ran.Add($"a at {loop.Time() - t0:0.###}"));
            loop.CallLater(2, () => ran.Add($"c at {loop.Time() - t0:0.###}"));
            await Sleep(3);
            ran.Add($"main at {loop.Time() - t0:0.###}");
        }, clock);

        program.OnLoop(() => string.Join(", ", ran)).ShouldBe("");
        clock.Advance(TimeSpan.FromSeconds(1));
        program.OnLoop(() => string.Join(", ", ran)).ShouldBe("a at 1");
        clock.Advance(TimeSpan.FromSeconds(0.5));
        program.OnLoop(() => string.Join(", ", ran)).ShouldBe("a at 1");
        clock.Advance(TimeSpan.FromSeconds(0.5));
        program.OnLoop(() => string.Join(", ", ran)).ShouldBe("a at 1, b at 2, c at 2");
        clock.Advance(TimeSpan.FromSeconds(1));
        program.WaitEnded();
        string.Join(", ", ran).ShouldBe("a at 1, b at 2, c at 2, main at 3");
    }

    [Fact]
    public void A_fake_clock_nobody_advances_keeps_the_timers_waiting_but_not_work_from_other_threads()
    {
        var clock = new FakeTimeProvider();
        string? fromThread = null;
        double? started = null;
        var program = new LoopThread(async () =>
        {
            started = GetRunningLoop().Time();
            fromThread = await WaitFor(ToThread(() => "from a thread"), timeout: 10);
            await Sleep(1);
        }, clock);
        // The thread's result wakes the loop although its time stands still; the sleep waits for Advance.
        var deadline = DateTime.UtcNow + Patience;
        while (program.OnLoop(() => fromThread) is null && DateTime.UtcNow < deadline) Thread.Sleep(10);
        program.OnLoop(() => fromThread).ShouldBe("from a thread");
        program.OnLoop(() => GetRunningLoop().Time()).ShouldBe(started!.Value);
        program.Ended.ShouldBeFalse();
        clock.Advance(TimeSpan.FromSeconds(1));
        program.WaitEnded();
    }

    [Fact]
    public void Blocking_time_sleep_follows_the_fake_clock()
    {
        var clock = new FakeTimeProvider();
        double? slept = null;
        var program = new LoopThread(async () =>
        {
            double t0 = Time.Monotonic();
            Time.Sleep(30);
            slept = Time.Monotonic() - t0;
        }, clock, blocks: true);
        // The loop's thread is blocked in time.sleep(): advance until it returns.
        var deadline = DateTime.UtcNow + Patience;
        while (!program.Ended && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            Thread.Sleep(20);
        }
        program.WaitEnded();
        slept!.Value.ShouldBeGreaterThanOrEqualTo(30);
    }

    [Fact]
    public void Time_functions_read_the_fake_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        double now = 0;
        Run(async () => { now = Time.Now(); }, clock: clock);
        now.ShouldBe((new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero) - DateTimeOffset.UnixEpoch).TotalSeconds);
    }
}
