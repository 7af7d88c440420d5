using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// The <c>asyncio</c> module for ported programs: start a file with <c>using PyAsync;</c> and
/// <c>using static PyAsync.Asyncio;</c>, then write <c>Run(Main())</c>, <c>CreateTask(...)</c>,
/// <c>await Sleep(1)</c>, <c>Print(...)</c> as the Python reads.
/// </summary>
/// <remarks>
/// A thin facade: each member forwards to the type that implements the concept (the event loop,
/// tasks, runners, builtins), and its documentation names the Python function it mirrors.
/// </remarks>
public static partial class Asyncio
{
    /// <summary>Python's <c>None</c>, for results of type <see cref="NoneType"/>.</summary>
    public static readonly NoneType None = NoneType.None;

    // ---------------------------------------------------------------- running

    /// <summary>
    /// Mirrors <c>asyncio.run(main, debug=None)</c>: runs <paramref name="main"/> on a new event loop
    /// and returns its result (or rethrows its exception with its original stack trace); then cancels
    /// and awaits the tasks still pending, and closes the loop.
    /// </summary>
    /// <param name="main">The coroutine to run.</param>
    /// <param name="debug">Debug mode: slow steps are reported (see <see cref="EventLoop.SlowCallbackDuration"/>).</param>
    /// <param name="clock">The loop's clock, e.g. <c>new VirtualClock()</c>; null means the default (see <see cref="ProgramContext"/>).</param>
    /// <param name="cancellationToken">Cancels the main task as Ctrl+C does (no Python equivalent); see <see cref="Runner.Run{T}(Coroutine{T}, Context?, CancellationToken)"/>.</param>
    /// <remarks>
    /// Ctrl+C, as in CPython: on the process's main thread, the first SIGINT cancels the main task, and if it
    /// ends cancelled <c>Run</c> raises <see cref="KeyboardInterrupt"/>. If <paramref name="cancellationToken"/>
    /// cancelled it, <c>Run</c> raises <see cref="OperationCanceledException"/> for that token.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="main"/> is null.</exception>
    /// <exception cref="RuntimeError">Called while an event loop is running on this thread.</exception>
    /// <exception cref="KeyboardInterrupt">Ctrl+C cancelled the main task.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> cancelled the main task.</exception>
    public static T Run<T>(Coroutine<T> main, bool? debug = null, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(main);
        ThrowIfLoopRunning();
        using var runner = new Runner(debug, clock: clock);
        return runner.Run(main, cancellationToken: cancellationToken);
    }

    /// <summary>Mirrors <c>asyncio.run(main, debug=None)</c> for a result-less coroutine.</summary>
    /// <inheritdoc cref="Run{T}(Coroutine{T}, bool?, TimeProvider?, CancellationToken)"/>
    public static void Run(Coroutine main, bool? debug = null, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(main);
        ThrowIfLoopRunning();
        using var runner = new Runner(debug, clock: clock);
        runner.Run(main, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Mirrors <c>asyncio.run(main())</c> for a coroutine function given uncalled: an
    /// <c>async Coroutine () =&gt; ...</c> lambda, or a method group (<c>Run(Main)</c>). It calls
    /// <paramref name="main"/> once and runs the coroutine it returns, as <see cref="Run(Coroutine, bool?, TimeProvider?, CancellationToken)"/> does.
    /// </summary>
    /// <remarks>
    /// An <c>async () =&gt; ...</c> lambda without a return type fits both this overload and the TPL one
    /// (<see cref="Run(Func{Task}, bool?, TimeProvider?, CancellationToken)"/>); it takes this one, so a port's lambda runs
    /// as a coroutine. Differs from CPython, where <c>asyncio.run(main)</c> with the function itself
    /// raises <c>ValueError</c>: in C# passing the function is unambiguous, so it is accepted.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="main"/> is null, or returned null.</exception>
    /// <exception cref="RuntimeError">Called while an event loop is running on this thread.</exception>
    [OverloadResolutionPriority(1)]
    public static void Run(Func<Coroutine> main, bool? debug = null, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(main);
        ThrowIfLoopRunning();
        Run(main() ?? throw new ArgumentNullException(nameof(main), "the coroutine function returned null"), debug, clock, cancellationToken);
    }

    /// <summary>Mirrors <c>asyncio.run(main())</c> for a coroutine function with a result; see <see cref="Run(Func{Coroutine}, bool?, TimeProvider?, CancellationToken)"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="main"/> is null, or returned null.</exception>
    /// <exception cref="RuntimeError">Called while an event loop is running on this thread.</exception>
    [OverloadResolutionPriority(1)]
    public static T Run<T>(Func<Coroutine<T>> main, bool? debug = null, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(main);
        ThrowIfLoopRunning();
        return Run(main() ?? throw new ArgumentNullException(nameof(main), "the coroutine function returned null"), debug, clock, cancellationToken);
    }

    /// <summary>
    /// Runs plain TPL code (an <c>async Task</c> lambda or method) on a new PyAsync event loop, the
    /// role Nito.AsyncEx's <c>AsyncContext.Run</c> plays: its awaits resume on the loop's thread, and
    /// it may await coroutines, tasks and futures. No Python equivalent.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="main"/> is null.</exception>
    /// <exception cref="RuntimeError">Called while an event loop is running on this thread.</exception>
    public static void Run(Func<Task> main, bool? debug = null, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(main);
        ThrowIfLoopRunning();
        Run(AwaitTask(main), debug, clock, cancellationToken);
    }

    /// <summary>Runs plain TPL code that returns a value on a new PyAsync event loop; see <see cref="Run(Func{Task}, bool?, TimeProvider?, CancellationToken)"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="main"/> is null.</exception>
    /// <exception cref="RuntimeError">Called while an event loop is running on this thread.</exception>
    public static T Run<T>(Func<Task<T>> main, bool? debug = null, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(main);
        ThrowIfLoopRunning();
        return Run(AwaitTask(main), debug, clock, cancellationToken);
    }

    private static async Coroutine AwaitTask(Func<Task> main) => await main();

    private static async Coroutine<T> AwaitTask<T>(Func<Task<T>> main) => await main();

    private static void ThrowIfLoopRunning()
    {
        if (EventLoop.Running is not null) throw new RuntimeError("asyncio.run() cannot be called from a running event loop");
    }

    /// <summary>Mirrors <c>asyncio.Runner(debug=None, loop_factory=None)</c>; see <see cref="PyAsync.Runner"/>.</summary>
    public static Runner Runner(bool? debug = null, Func<EventLoop>? loopFactory = null, TimeProvider? clock = null) =>
        new(debug, loopFactory, clock);

    // ---------------------------------------------------------------- loops

    /// <summary>Mirrors <c>asyncio.get_running_loop()</c>.</summary>
    /// <exception cref="RuntimeError">No event loop is running on this thread.</exception>
    public static EventLoop GetRunningLoop() => EventLoop.GetRunningLoop();

    /// <summary>Mirrors <c>asyncio.get_event_loop()</c> (3.12 and 3.13 behaviour); see <see cref="EventLoop.GetEventLoop"/>.</summary>
    public static EventLoop GetEventLoop() => EventLoop.GetEventLoop();

    /// <summary>Mirrors <c>asyncio.new_event_loop()</c>.</summary>
    public static EventLoop NewEventLoop() => new();

    /// <summary>Mirrors <c>asyncio.set_event_loop(loop)</c>.</summary>
    public static void SetEventLoop(EventLoop? loop) => EventLoop.SetEventLoop(loop);

    // ---------------------------------------------------------------- futures and tasks

    /// <summary>Mirrors <c>asyncio.Future()</c>: a future bound to the running loop (or unbound until first awaited).</summary>
    public static Future<T> Future<T>() => new();

    /// <summary>Mirrors <c>asyncio.Future()</c> for a future whose result type does not matter.</summary>
    public static Future<object?> Future() => new();

    /// <summary>
    /// Mirrors <c>asyncio.create_task(coro, name=None, context=None)</c>: schedules <paramref name="coro"/>
    /// as a task on the running loop; its first step runs on a later loop iteration.
    /// </summary>
    /// <remarks>
    /// As in Python 3.13, a task given a name does not use up a <c>Task-N</c> number (3.11's and 3.12's
    /// <c>asyncio.create_task</c> did). Without <paramref name="context"/> the task runs in a copy of the
    /// current context; with one (<c>CopyContext()</c>), in that <see cref="Context"/> itself, so its
    /// changes are visible through it afterwards.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="coro"/> is null.</exception>
    /// <exception cref="RuntimeError">No event loop is running on this thread.</exception>
    public static PyTask<T> CreateTask<T>(Coroutine<T> coro, string? name = null, Context? context = null) =>
        EventLoop.GetRunningLoop().CreateTask(coro, name, context);

    /// <summary>Mirrors <c>asyncio.create_task(coro, name=None, context=None)</c> for a result-less coroutine.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="coro"/> is null.</exception>
    /// <exception cref="RuntimeError">No event loop is running on this thread.</exception>
    public static PyTask CreateTask(Coroutine coro, string? name = null, Context? context = null) =>
        EventLoop.GetRunningLoop().CreateTask(coro, name, context);

    /// <summary>Mirrors <c>asyncio.current_task()</c>: the task running now, or null outside any task.</summary>
    /// <exception cref="RuntimeError">No event loop is running on this thread.</exception>
    public static IPyTask? CurrentTask() => EventLoop.GetRunningLoop().CurrentTask();

    /// <summary>Mirrors <c>asyncio.all_tasks()</c>: the running loop's tasks that are not done yet.</summary>
    /// <exception cref="RuntimeError">No event loop is running on this thread.</exception>
    public static HashSet<IPyTask> AllTasks() => [.. EventLoop.GetRunningLoop().AllTasks()];

    /// <summary>
    /// Mirrors <c>asyncio.sleep(delay)</c>: a coroutine that completes after <paramref name="delay"/>
    /// seconds. <c>Sleep(0)</c> (or a negative delay) yields to the loop for exactly one iteration.
    /// </summary>
    /// <exception cref="ValueError"><paramref name="delay"/> is not a number (as in Python 3.13).</exception>
    public static Coroutine Sleep(double delay) => SleepCoroutine.Create(delay);

    /// <summary>Mirrors <c>asyncio.sleep(delay, result)</c>: completes with <paramref name="result"/>.</summary>
    /// <exception cref="ValueError"><paramref name="delay"/> is not a number (as in Python 3.13).</exception>
    public static Coroutine<T> Sleep<T>(double delay, T result) => SleepCoroutine.Create(delay, result);

    /// <summary><c>asyncio.sleep</c> with a <see cref="TimeSpan"/>.</summary>
    public static Coroutine Sleep(TimeSpan delay) => Sleep(delay.TotalSeconds);

    // ---------------------------------------------------------------- builtins

    /// <summary>
    /// Mirrors <c>print(*args, sep=' ', end='\n')</c>: writes each argument as Python's <c>str()</c>
    /// formats it, separated by <paramref name="sep"/> and followed by <paramref name="end"/>, to
    /// <see cref="Sys.Stdout"/>.
    /// </summary>
    /// <remarks>
    /// Up to twelve positional arguments; pass <paramref name="sep"/> and <paramref name="end"/> by name
    /// (<c>Print("a", "b", sep: "-")</c>), as Python requires. <c>Print(null)</c> prints <c>None</c> and
    /// <c>Print()</c> an empty line. The <c>e0</c>...<c>e11</c> parameters are filled in by the compiler to
    /// tell which arguments were given; do not pass them.
    /// </remarks>
    public static void Print(
        object? a0 = null, object? a1 = null, object? a2 = null, object? a3 = null, object? a4 = null, object? a5 = null,
        object? a6 = null, object? a7 = null, object? a8 = null, object? a9 = null, object? a10 = null, object? a11 = null,
        string? sep = null, string? end = null,
        [CallerArgumentExpression(nameof(a0))] string? e0 = null, [CallerArgumentExpression(nameof(a1))] string? e1 = null,
        [CallerArgumentExpression(nameof(a2))] string? e2 = null, [CallerArgumentExpression(nameof(a3))] string? e3 = null,
        [CallerArgumentExpression(nameof(a4))] string? e4 = null, [CallerArgumentExpression(nameof(a5))] string? e5 = null,
        [CallerArgumentExpression(nameof(a6))] string? e6 = null, [CallerArgumentExpression(nameof(a7))] string? e7 = null,
        [CallerArgumentExpression(nameof(a8))] string? e8 = null, [CallerArgumentExpression(nameof(a9))] string? e9 = null,
        [CallerArgumentExpression(nameof(a10))] string? e10 = null, [CallerArgumentExpression(nameof(a11))] string? e11 = null)
    {
        int count = e11 != null ? 12 : e10 != null ? 11 : e9 != null ? 10 : e8 != null ? 9 : e7 != null ? 8 : e6 != null ? 7
            : e5 != null ? 6 : e4 != null ? 5 : e3 != null ? 4 : e2 != null ? 3 : e1 != null ? 2 : e0 != null ? 1 : 0;
        ReadOnlySpan<object?> values = [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11];
        Builtins.Print(values[..count], sep, end);
    }

    /// <summary>Mirrors <c>str(x)</c>; see <see cref="Builtins.Str"/>.</summary>
    public static string Str(object? value) => Builtins.Str(value);

    /// <summary>Mirrors <c>repr(x)</c>; see <see cref="Builtins.Repr"/>.</summary>
    public static string Repr(object? value) => Builtins.Repr(value);

    /// <summary>Mirrors <c>type(x)</c>; see <see cref="Builtins.Type"/>.</summary>
    public static PyType Type(object? value) => Builtins.Type(value);

    /// <summary>
    /// Mirrors Python's built-in <c>format(value, format_spec)</c>, the standard format mini-language
    /// (<c>[[fill]align][sign][z][#][0][width][grouping][.precision][type]</c>) behind f-strings:
    /// <c>f'{x:.2f}'</c> is <c>$"{Format(x, ".2f")}"</c>, or <c>$"{Py(x):.2f}"</c> with <see cref="Py"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Gives CPython's text for ints (every .NET integer type and <see cref="System.Numerics.BigInteger"/>),
    /// floats (<see cref="double"/>; a <see cref="float"/> is widened to double), <see cref="string"/>
    /// (and <see cref="char"/>), <see cref="bool"/> (<c>True</c> for an empty spec, as an int otherwise) and
    /// <c>None</c>; any other object gives its <c>str()</c> for an empty spec and a <see cref="TypeError"/>
    /// otherwise, as <c>object.__format__</c> does. Floats round half-even on their exact binary value
    /// (<c>format(2.675, '.2f')</c> is <c>'2.67'</c>). Always culture-invariant: <c>'n'</c> formats as
    /// CPython does in the default C locale (like <c>'d'</c>/<c>'g'</c>, no grouping).
    /// </para>
    /// <para>
    /// Errors are CPython's <see cref="ValueError"/>s and messages (<c>Unknown format code 'd' for object of
    /// type 'float'</c>). Differences: where CPython raises <c>OverflowError</c> (<c>'c'</c> out of range, an
    /// int too large for a float type) this throws <see cref="OverflowException"/> with CPython's message;
    /// <see cref="decimal"/> is not Python's <c>Decimal</c> and formats as a plain object; a fill character
    /// outside the Basic Multilingual Plane is not supported.
    /// </para>
    /// </remarks>
    public static string Format(object? value, string formatSpec = "") => PyFormat.Format(value, formatSpec);

    /// <summary>
    /// Wraps <paramref name="value"/> so that C# interpolation applies Python's format mini-language:
    /// <c>f'{x:.2f}'</c> ports as <c>$"{Py(x):.2f}"</c>, <c>f'{n:>5}'</c> as <c>$"{Py(n):>5}"</c>
    /// (the text after the colon is passed to <see cref="Format"/>). No Python equivalent: f-strings do this
    /// natively.
    /// </summary>
    /// <remarks>
    /// A spec holding <c>{</c> or <c>}</c> (a brace as fill) cannot be written in an interpolation hole;
    /// use <see cref="Format"/> for those. C#'s own alignment (<c>{Py(x),8:.2f}</c>) still applies, after
    /// Python's formatting.
    /// </remarks>
    public static PyFormattable Py(object? value) => new(value);
}
