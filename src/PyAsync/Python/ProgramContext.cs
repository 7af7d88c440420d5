namespace PyAsync;

/// <summary>
/// What one ported program sees as its process: its standard output and error, the clock its event
/// loops use, and the counter that names tasks <c>Task-1</c>, <c>Task-2</c>, ...
/// </summary>
/// <remarks>
/// <para>
/// Python gives each program a process of its own. .NET tests and the examples runner run many
/// programs in one process, often at the same time, so PyAsync keeps this state in an
/// <see cref="AsyncLocal{T}"/>: <see cref="Enter"/> installs a fresh context for the calling flow, and
/// every loop, task and <c>Print</c> started from that flow uses it. Without a context, output goes to
/// <see cref="Console"/>, task numbering is process-wide, and loops use the system clock, or a shared
/// <see cref="VirtualClock"/> when the environment variable <c>PYASYNC_CLOCK</c> is <c>virtual</c>.
/// </para>
/// </remarks>
public sealed class ProgramContext
{
    private static readonly AsyncLocal<ProgramContext?> s_current = new();
    private static int s_globalTaskCounter;
    private static readonly Lazy<VirtualClock?> s_environmentClock = new(() =>
        string.Equals(Environment.GetEnvironmentVariable("PYASYNC_CLOCK"), "virtual", StringComparison.OrdinalIgnoreCase)
            ? new VirtualClock() : null);

    private int _taskCounter;
    // Python's atexit: what runs when the program ends (its scope is disposed).
    private readonly List<Action> _atExit = new();

    private ProgramContext(TextWriter? stdout, TextWriter? stderr, TimeProvider? clock)
    {
        Stdout = stdout;
        Stderr = stderr;
        Clock = clock;
    }

    /// <summary>
    /// Runs <paramref name="main"/> as CPython runs a program's main module, and returns the exit status
    /// the process would have: 0 when it returns; when it lets an exception out, 1 (130 for
    /// <see cref="KeyboardInterrupt"/>) after doing what CPython does: the <c>asyncio.run</c> it leaves
    /// closes its loop, the Python-shaped traceback (<see cref="Traceback"/>) goes to <see cref="Sys.Stderr"/>,
    /// then the reports of failed tasks that only the exception kept alive ("Task exception was never
    /// retrieved"), in CPython's order. No Python equivalent: for hosts that run ported programs as if
    /// each were a process (an examples runner, a test). A ported program needs nothing: in a real
    /// process, <c>Run</c> on the main thread makes an uncaught exception end it the same way.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="main"/> is null.</exception>
    public static int RunMain(Action main)
    {
        ArgumentNullException.ThrowIfNull(main);
        int status = 0;
        try
        {
            main();
        }
        // The filter runs before the finally blocks between the throw and here, as .NET's own handler
        // for an uncaught exception does: the runners the exception leaves are closed by Report.
        catch (Exception e) when (Uncaught(e, out status))
        {
        }
        return status;
    }

    private static bool Uncaught(Exception exception, out int status)
    {
        status = UncaughtException.Report(exception);
        return true;
    }

    /// <summary>The context installed for the calling flow, or null.</summary>
    public static ProgramContext? Current => s_current.Value;

    /// <summary>Where <c>Print</c> writes in this context; null means <see cref="Console.Out"/>.</summary>
    public TextWriter? Stdout { get; }

    /// <summary>Where warnings and the event loop's error reports go; null means <see cref="Console.Error"/>.</summary>
    public TextWriter? Stderr { get; }

    /// <summary>The clock every event loop created in this context uses; null means the default.</summary>
    public TimeProvider? Clock { get; }

    /// <summary>
    /// Installs a new context for the calling flow (and everything it starts) until the returned
    /// scope is disposed. Task names restart at <c>Task-1</c>.
    /// </summary>
    /// <param name="stdout">Receives <c>Print</c> output; null keeps the console.</param>
    /// <param name="stderr">Receives warnings and error reports; null keeps the console.</param>
    /// <param name="clock">The clock for every loop created in the scope, e.g. one shared <see cref="VirtualClock"/>.</param>
    public static IDisposable Enter(TextWriter? stdout = null, TextWriter? stderr = null, TimeProvider? clock = null)
    {
        var previous = s_current.Value;
        s_current.Value = new ProgramContext(stdout, stderr, clock);
        return new Scope(previous);
    }

    /// <summary>
    /// Makes <paramref name="program"/> the calling flow's program, in a flow that did not inherit it: a
    /// thread started without the caller's execution context (CPython's threads start with an empty
    /// contextvars context, but share their process's output).
    /// </summary>
    internal static void Adopt(ProgramContext? program) => s_current.Value = program;

    internal static TimeProvider DefaultClock() =>
        Current?.Clock ?? (TimeProvider?)s_environmentClock.Value ?? TimeProvider.System;

    /// <summary>
    /// The next number of asyncio's default task names (<c>Task-N</c>): per program, as
    /// <c>asyncio.tasks._task_name_counter</c> is per process; process-wide without a context.
    /// </summary>
    internal static int NextTaskNumber(ProgramContext? context) =>
        context is null ? Interlocked.Increment(ref s_globalTaskCounter) : Interlocked.Increment(ref context._taskCounter);

    /// <summary>
    /// Python's <c>atexit.register</c>: <paramref name="callback"/> runs when this program ends (its
    /// scope is disposed), after the ones registered before it. It must not throw.
    /// </summary>
    internal void AtExit(Action callback)
    {
        lock (_atExit) _atExit.Add(callback);
    }

    private void RunAtExit()
    {
        Action[] callbacks;
        lock (_atExit)
        {
            callbacks = [.. _atExit];
            _atExit.Clear();
        }
        foreach (var callback in callbacks) callback();
    }

    private sealed class Scope(ProgramContext? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            s_current.Value?.RunAtExit();
            s_current.Value = previous;
        }
    }
}
