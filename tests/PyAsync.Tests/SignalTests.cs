using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>Signals are the process's: these tests run one at a time, with real signals sent to the test process.</summary>
[CollectionDefinition(nameof(SignalTests), DisableParallelization = true)]
public sealed class SignalTestsCollection;

/// <summary>
/// <c>loop.add_signal_handler</c> / <c>remove_signal_handler</c> (test_unix_events.py, SelectorEventLoopSignalTests)
/// with real signals sent to the test process. The expected outputs are CPython 3.11's for the same programs
/// in Python (quoted in each test).
/// </summary>
[Collection(nameof(SignalTests))]
public class SignalTests
{
    private static void Handler(string what) => Print("handler", what);

    /// <summary>
    /// <c>loop.add_signal_handler(signal.SIGUSR1, handler, "a"); os.kill(os.getpid(), signal.SIGUSR1); print("killed")</c>,
    /// then three <c>await asyncio.sleep(0); print("iteration", i)</c>: CPython 3.11 prints killed, iteration 0,
    /// iteration 1, handler a, iteration 2 (its selector sees the wakeup fd in the next iteration, whose callback
    /// queues the handler for the one after).
    /// </summary>
    [Fact]
    public void A_signal_sent_to_the_process_runs_the_handler_two_iterations_later_as_CPython()
    {
        var output = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            loop.AddSignalHandler(Signal.SIGUSR1, Handler, "a");
            Os.Kill(Os.Getpid(), Signal.SIGUSR1);
            Print("killed");
            for (int i = 0; i < 3; i++)
            {
                await Sleep(0);
                Print("iteration", i);
            }
            loop.RemoveSignalHandler(Signal.SIGUSR1).ShouldBeTrue();
        });
        output.Stdout.ShouldBe("killed\niteration 0\niteration 1\nhandler a\niteration 2\n");
    }

    /// <summary>A handler runs for each signal, on a virtual clock too: the clock does not jump past a signal sent to the process.</summary>
    [Fact]
    public void Each_signal_runs_the_handler_and_a_sleep_does_not_jump_past_it()
    {
        var output = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            int count = 0;
            loop.AddSignalHandler(Signal.SIGUSR2, () => Print("got", ++count, "at", loop.Time()));
            Os.Kill(Os.Getpid(), Signal.SIGUSR2);
            await Sleep(10);
            Os.Kill(Os.Getpid(), Signal.SIGUSR2);
            await Sleep(10);
            loop.RemoveSignalHandler(Signal.SIGUSR2);
        });
        output.StdoutLines.Length.ShouldBe(2);
        output.StdoutLines[0].ShouldStartWith("got 1 at ");
        output.StdoutLines[1].ShouldStartWith("got 2 at ");
        double first = double.Parse(output.StdoutLines[0].Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture);
        double second = double.Parse(output.StdoutLines[1].Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture);
        (second - first).ShouldBe(10, 1e-6);
    }

    /// <summary>test_remove_signal_handler: true when there was one, then false (CPython prints "True False").</summary>
    /// <summary>test_unix_events.py's add_signal_handler with *args: the handler gets every argument given, in order.</summary>
    [Fact]
    public void A_handler_gets_two_or_three_arguments_as_add_signal_handler_passes_args()
    {
        var output = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            loop.AddSignalHandler(Signal.SIGUSR1, (string a, int b) => Print("usr1", a, b), "x", 1);
            loop.AddSignalHandler(Signal.SIGUSR2, (string a, int b, double c) => Print("usr2", a, b, c), "y", 2, 3.5);
            Os.Kill(Os.Getpid(), Signal.SIGUSR1);
            Os.Kill(Os.Getpid(), Signal.SIGUSR2);
            for (int i = 0; i < 3; i++) await Sleep(0);
            loop.RemoveSignalHandler(Signal.SIGUSR1).ShouldBeTrue();
            loop.RemoveSignalHandler(Signal.SIGUSR2).ShouldBeTrue();
        });
        output.Stdout.ShouldBe("usr1 x 1\nusr2 y 2 3.5\n");
    }

    [Fact]
    public void Removing_a_handler_says_whether_there_was_one()
    {
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            loop.RemoveSignalHandler(Signal.SIGUSR1).ShouldBeFalse();
            loop.AddSignalHandler(Signal.SIGUSR1, () => { });
            loop.RemoveSignalHandler(Signal.SIGUSR1).ShouldBeTrue();
            loop.RemoveSignalHandler(Signal.SIGUSR1).ShouldBeFalse();
        });
    }

    /// <summary>test_add_signal_handler_coroutine_error, _check_signal, and EINVAL: CPython's exceptions and messages.</summary>
    [Fact]
    public void Bad_signals_and_coroutines_raise_CPythons_errors()
    {
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            Should.Throw<ValueError>(() => loop.AddSignalHandler((Signal)0, () => { })).Message.ShouldBe("invalid signal number 0");
            Should.Throw<ValueError>(() => loop.AddSignalHandler((Signal)65, () => { })).Message.ShouldBe("invalid signal number 65");
            Should.Throw<RuntimeError>(() => loop.AddSignalHandler(Signal.SIGKILL, () => { })).Message.ShouldBe("sig 9 cannot be caught");
            Should.Throw<TypeError>(() => loop.AddSignalHandler(Signal.SIGUSR2, async () => await Sleep(0)))
                .Message.ShouldBe("coroutines cannot be used with add_signal_handler()");
            Should.Throw<ValueError>(() => loop.RemoveSignalHandler((Signal)65)).Message.ShouldBe("invalid signal number 65");
        });
    }

    /// <summary>test_close: closing the loop removes its handlers; a closed loop takes none.</summary>
    [Fact]
    public void Closing_the_loop_removes_its_handlers()
    {
        var loop = NewEventLoop();
        loop.AddSignalHandler(Signal.SIGUSR1, () => { });
        loop.Close();
        loop.RemoveSignalHandler(Signal.SIGUSR1).ShouldBeFalse();
        Should.Throw<RuntimeError>(() => loop.AddSignalHandler(Signal.SIGUSR1, () => { })).Message.ShouldBe("Event loop is closed");
    }

    /// <summary>signal.Signals is an IntEnum: print() shows the number (3.11), repr() the member.</summary>
    [Fact]
    public void Signals_print_as_CPython_3_11()
    {
        Str(Signal.SIGINT).ShouldBe("2");
        Repr(Signal.SIGUSR1).ShouldBe("<Signals.SIGUSR1: 10>");
    }
}
