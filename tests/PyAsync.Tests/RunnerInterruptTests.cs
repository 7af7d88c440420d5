using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// What stops <c>Run</c>'s main task from outside: a .NET <see cref="CancellationToken"/> given to
/// <c>Run</c>, which cancels the main task as Ctrl+C does in CPython 3.11's runner (test_runners.py,
/// TestRunner.test_signal_install_not_supported_ok and the interrupt tests; Ctrl+C itself is in
/// <see cref="RunnerSigintTests"/>).
/// </summary>
public class RunnerInterruptTests
{
    [Fact]
    public void A_run_off_the_main_thread_leaves_ctrl_c_alone()
    {
        // The test host's threads are never the process's main thread: Run installs nothing here, so a
        // run ends only by itself (this test would otherwise take over the test host's Ctrl+C).
        Environment.CurrentManagedThreadId.ShouldNotBe(1);
        Run(async () => { await Sleep(0); return 1; }).ShouldBe(1);
    }

    // ---------------------------------------------------------------- CancellationToken

    [Fact]
    public void A_token_cancels_the_main_task_at_its_await_and_Run_raises_OperationCanceledException_for_it()
    {
        using var cts = new CancellationTokenSource();
        var log = new List<string>();
        var error = Should.Throw<OperationCanceledException>(() => Run(async () =>
        {
            try
            {
                await ToThread(() => cts.Cancel());
                await Sleep(3600);
            }
            catch (CancelledError e)
            {
                log.Add($"main cancelled {Repr(e.Args)}");
                throw;
            }
        }, clock: new VirtualClock(), cancellationToken: cts.Token));
        error.ShouldNotBeOfType<CancelledError>();
        error.CancellationToken.ShouldBe(cts.Token);
        error.InnerException.ShouldBeOfType<CancelledError>();
        log.ShouldBe(["main cancelled ()"]);
    }

    [Fact]
    public void A_main_task_that_catches_the_cancellation_returns_its_result()
    {
        using var cts = new CancellationTokenSource();
        int result = Run(async () =>
        {
            try
            {
                await ToThread(() => cts.Cancel());
                await Sleep(3600);
                return 1;
            }
            catch (CancelledError)
            {
                return 2;
            }
        }, clock: new VirtualClock(), cancellationToken: cts.Token);
        result.ShouldBe(2);
    }

    [Fact]
    public void A_token_cancelled_before_the_run_cancels_the_main_task_before_its_first_step()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        bool ran = false;
        Should.Throw<OperationCanceledException>(() => Run(async () => { ran = true; await Sleep(0); }, cancellationToken: cts.Token))
            .CancellationToken.ShouldBe(cts.Token);
        ran.ShouldBeFalse();
    }

    [Fact]
    public void Other_tasks_still_pending_are_cancelled_by_the_shutdown_as_usual()
    {
        using var cts = new CancellationTokenSource();
        var log = new List<string>();
        Should.Throw<OperationCanceledException>(() => Run(async () =>
        {
            _ = CreateTask(Worker());
            await Sleep(1);
            cts.Cancel();
            await Sleep(3600);
        }, clock: new VirtualClock(), cancellationToken: cts.Token));
        log.ShouldBe(["worker cancelled"]);

        async Coroutine Worker()
        {
            try { await Sleep(7200); }
            catch (CancelledError) { log.Add("worker cancelled"); throw; }
        }
    }

    [Fact]
    public void A_cancellation_the_main_task_asked_for_itself_stays_a_CancelledError()
    {
        // Run raises OperationCanceledException only when the token's cancellation is the last one left.
        using var cts = new CancellationTokenSource();
        Should.Throw<CancelledError>(() => Run(async () =>
        {
            CurrentTask()!.Cancel("by itself");
            await Sleep(0);
        }, cancellationToken: cts.Token)).Args.ShouldBe(new PyTuple(["by itself"]));
    }

    [Fact]
    public void A_token_that_fires_after_the_run_changes_nothing()
    {
        using var cts = new CancellationTokenSource();
        Run(async () => { await Sleep(0); return 5; }, cancellationToken: cts.Token).ShouldBe(5);
        cts.Cancel();
    }

    [Fact]
    public void Runner_run_takes_the_token_too_and_the_runner_goes_on()
    {
        using var runner = new Runner(clock: new VirtualClock());
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Should.Throw<OperationCanceledException>(() => runner.Run(Echo("x"), cancellationToken: cts.Token));
        runner.Run(Echo("y")).ShouldBe("y");

        static async Coroutine<string> Echo(string value) => await Sleep(1, value);
    }
}
