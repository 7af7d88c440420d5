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
    private readonly UnawaitedOutsideLoops _unawaited = new();
    private static readonly UnawaitedOutsideLoops s_globalUnawaited = new();
    private static int s_exitHookInstalled;

    private ProgramContext(TextWriter? stdout, TextWriter? stderr, TimeProvider? clock)
    {
        Stdout = stdout;
        Stderr = stderr;
        Clock = clock;
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

    internal static TimeProvider DefaultClock() =>
        Current?.Clock ?? (TimeProvider?)s_environmentClock.Value ?? TimeProvider.System;

    internal static int NextTaskId(ProgramContext? context) =>
        context is null ? Interlocked.Increment(ref s_globalTaskCounter) : Interlocked.Increment(ref context._taskCounter);

    /// <summary>
    /// A coroutine created while no loop runs is watched until the program ends (this context's scope
    /// is disposed, or the process exits): if it is still unawaited then, it is reported, as CPython
    /// reports one at interpreter exit (<c>sys:1: RuntimeWarning: coroutine ... was never awaited</c>).
    /// </summary>
    internal static void WatchOutsideLoop(UnawaitedCoroutine sentinel)
    {
        if (Current is { } context)
        {
            context._unawaited.Add(sentinel);
            return;
        }
        s_globalUnawaited.Add(sentinel);
        if (Interlocked.Exchange(ref s_exitHookInstalled, 1) == 0)
            AppDomain.CurrentDomain.ProcessExit += static (_, _) => s_globalUnawaited.ReportAll();
    }

    private sealed class Scope(ProgramContext? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            s_current.Value?._unawaited.ReportAll();
            s_current.Value = previous;
        }
    }
}

/// <summary>The sentinels of coroutines created outside any loop; consumed ones are pruned as the list grows.</summary>
internal sealed class UnawaitedOutsideLoops
{
    private readonly List<UnawaitedCoroutine> _sentinels = new();
    private int _pruneAt = 64;

    public void Add(UnawaitedCoroutine sentinel)
    {
        lock (_sentinels)
        {
            _sentinels.Add(sentinel);
            if (_sentinels.Count < _pruneAt) return;
            _sentinels.RemoveAll(s => s.Done);
            _pruneAt = Math.Max(64, _sentinels.Count * 2);
        }
    }

    public void ReportAll()
    {
        UnawaitedCoroutine[] pending;
        lock (_sentinels)
        {
            pending = [.. _sentinels];
            _sentinels.Clear();
        }
        foreach (var sentinel in pending) sentinel.ReportNow();
    }
}
