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
    /// An exception that nobody catches ends the process as CPython's interpreter does (once <c>Run</c> has run on
    /// the main thread): the loop closes, the Python-shaped traceback (<see cref="Traceback"/>) goes to stderr with
    /// CPython's reports in CPython's order, and the exit status is 1 (130 for <see cref="KeyboardInterrupt"/>),
    /// instead of .NET's abort; see <see cref="ProgramContext.RunMain"/>. A caught exception changes nothing.
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
    /// Mirrors <c>print(sep=' ', end='\n', file=None, flush=False)</c> with no objects: writes only
    /// <paramref name="end"/> (an empty line by default).
    /// </summary>
    /// <remarks>See <see cref="Print(object?, KeywordOnly, string?, string?, TextWriter?, bool)"/>.</remarks>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it (see <see cref="KeywordOnly"/>).</param>
    /// <param name="sep">Python's <c>sep</c>: written between the values; null means the default, one space, as Python's <c>None</c>.</param>
    /// <param name="end">Python's <c>end</c>: written after the last value; null means the default, <c>"\n"</c>, as Python's <c>None</c>.</param>
    /// <param name="file">Python's <c>file</c>: where to write; null means <see cref="Sys.Stdout"/>, read at the call, as Python's <c>file=None</c>.</param>
    /// <param name="flush">Python's <c>flush</c>: when true, flushes <paramref name="file"/> (or <see cref="Sys.Stdout"/>) after writing.</param>
    public static void Print(KeywordOnly _ = default, string? sep = " ", string? end = "\n", TextWriter? file = null, bool flush = false) =>
        Builtins.Print([], sep, end, file, flush);

    /// <summary>
    /// Mirrors <c>print(v1, sep=' ', end='\n', file=None, flush=False)</c>: writes the one value
    /// as Python's <c>str()</c> formats it, followed by
    /// <paramref name="end"/>, to <paramref name="file"/> (<see cref="Sys.Stdout"/> when null).
    /// </summary>
    /// <remarks>
    /// <para>
    /// One overload per number of positional values, zero to twelve (CPython's <c>*objects</c>); for more, or for
    /// Python's <c>print(*items)</c>, pass a collection expression with a spread: <c>Print([.. items])</c>, see
    /// <see cref="Print(StarArgs, KeywordOnly, string?, string?, TextWriter?, bool)"/>. The keyword-only parameters
    /// come after <see cref="KeywordOnly"/> and are passed by name, as Python requires: <c>Print("a", "b", sep: "-")</c>,
    /// <c>Print("x", end: "")</c>, <c>Print(e, file: Sys.Stderr, flush: true)</c>; a second string is always a second
    /// value, never <paramref name="sep"/>.
    /// </para>
    /// <para>
    /// <c>Print(null)</c> prints <c>None</c>. A list or an array is one value and prints as Python's list
    /// (<c>Print(items)</c> prints <c>[1, 2, 3]</c>, as <c>print(items)</c> does). Differs from CPython in that the
    /// whole line (values, separators and end) is written with one <see cref="TextWriter.Write(string)"/> call, where
    /// CPython calls <c>file.write</c> for each piece, so one print is one write to the stream.
    /// </para>
    /// </remarks>
    /// <param name="value1">The value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it (see <see cref="KeywordOnly"/>).</param>
    /// <param name="sep">Python's <c>sep</c>: written between the values; null means the default, one space, as Python's <c>None</c>.</param>
    /// <param name="end">Python's <c>end</c>: written after the last value; null means the default, <c>"\n"</c>, as Python's <c>None</c>.</param>
    /// <param name="file">Python's <c>file</c>: where to write; null means <see cref="Sys.Stdout"/>, read at the call, as Python's <c>file=None</c>.</param>
    /// <param name="flush">Python's <c>flush</c>: when true, flushes <paramref name="file"/> (or <see cref="Sys.Stdout"/>) after writing.</param>
    public static void Print(object? value1, KeywordOnly _ = default, string? sep = " ", string? end = "\n", TextWriter? file = null, bool flush = false) =>
        Builtins.Print([value1], sep, end, file, flush);

    /// <summary>
    /// Mirrors <c>print(v1, v2, sep=' ', end='\n', file=None, flush=False)</c>: writes the two values
    /// as Python's <c>str()</c> formats them, separated by <paramref name="sep"/> and followed by
    /// <paramref name="end"/>, to <paramref name="file"/> (<see cref="Sys.Stdout"/> when null).
    /// </summary>
    /// <remarks>See <see cref="Print(object?, KeywordOnly, string?, string?, TextWriter?, bool)"/>.</remarks>
    /// <param name="value1">The first value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value2">The second value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it (see <see cref="KeywordOnly"/>).</param>
    /// <param name="sep">Python's <c>sep</c>: written between the values; null means the default, one space, as Python's <c>None</c>.</param>
    /// <param name="end">Python's <c>end</c>: written after the last value; null means the default, <c>"\n"</c>, as Python's <c>None</c>.</param>
    /// <param name="file">Python's <c>file</c>: where to write; null means <see cref="Sys.Stdout"/>, read at the call, as Python's <c>file=None</c>.</param>
    /// <param name="flush">Python's <c>flush</c>: when true, flushes <paramref name="file"/> (or <see cref="Sys.Stdout"/>) after writing.</param>
    public static void Print(object? value1, object? value2, KeywordOnly _ = default, string? sep = " ", string? end = "\n", TextWriter? file = null, bool flush = false) =>
        Builtins.Print([value1, value2], sep, end, file, flush);

    /// <summary>
    /// Mirrors <c>print(v1, v2, v3, sep=' ', end='\n', file=None, flush=False)</c>: writes the three values
    /// as Python's <c>str()</c> formats them, separated by <paramref name="sep"/> and followed by
    /// <paramref name="end"/>, to <paramref name="file"/> (<see cref="Sys.Stdout"/> when null).
    /// </summary>
    /// <remarks>See <see cref="Print(object?, KeywordOnly, string?, string?, TextWriter?, bool)"/>.</remarks>
    /// <param name="value1">The first value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value2">The second value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value3">The third value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it (see <see cref="KeywordOnly"/>).</param>
    /// <param name="sep">Python's <c>sep</c>: written between the values; null means the default, one space, as Python's <c>None</c>.</param>
    /// <param name="end">Python's <c>end</c>: written after the last value; null means the default, <c>"\n"</c>, as Python's <c>None</c>.</param>
    /// <param name="file">Python's <c>file</c>: where to write; null means <see cref="Sys.Stdout"/>, read at the call, as Python's <c>file=None</c>.</param>
    /// <param name="flush">Python's <c>flush</c>: when true, flushes <paramref name="file"/> (or <see cref="Sys.Stdout"/>) after writing.</param>
    public static void Print(object? value1, object? value2, object? value3, KeywordOnly _ = default, string? sep = " ", string? end = "\n", TextWriter? file = null, bool flush = false) =>
        Builtins.Print([value1, value2, value3], sep, end, file, flush);

    /// <summary>
    /// Mirrors <c>print(v1, v2, v3, v4, sep=' ', end='\n', file=None, flush=False)</c>: writes the four values
    /// as Python's <c>str()</c> formats them, separated by <paramref name="sep"/> and followed by
    /// <paramref name="end"/>, to <paramref name="file"/> (<see cref="Sys.Stdout"/> when null).
    /// </summary>
    /// <remarks>See <see cref="Print(object?, KeywordOnly, string?, string?, TextWriter?, bool)"/>.</remarks>
    /// <param name="value1">The first value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value2">The second value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value3">The third value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value4">The fourth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it (see <see cref="KeywordOnly"/>).</param>
    /// <param name="sep">Python's <c>sep</c>: written between the values; null means the default, one space, as Python's <c>None</c>.</param>
    /// <param name="end">Python's <c>end</c>: written after the last value; null means the default, <c>"\n"</c>, as Python's <c>None</c>.</param>
    /// <param name="file">Python's <c>file</c>: where to write; null means <see cref="Sys.Stdout"/>, read at the call, as Python's <c>file=None</c>.</param>
    /// <param name="flush">Python's <c>flush</c>: when true, flushes <paramref name="file"/> (or <see cref="Sys.Stdout"/>) after writing.</param>
    public static void Print(object? value1, object? value2, object? value3, object? value4, KeywordOnly _ = default, string? sep = " ", string? end = "\n", TextWriter? file = null, bool flush = false) =>
        Builtins.Print([value1, value2, value3, value4], sep, end, file, flush);

    /// <summary>
    /// Mirrors <c>print(v1, v2, v3, v4, v5, sep=' ', end='\n', file=None, flush=False)</c>: writes the five values
    /// as Python's <c>str()</c> formats them, separated by <paramref name="sep"/> and followed by
    /// <paramref name="end"/>, to <paramref name="file"/> (<see cref="Sys.Stdout"/> when null).
    /// </summary>
    /// <remarks>See <see cref="Print(object?, KeywordOnly, string?, string?, TextWriter?, bool)"/>.</remarks>
    /// <param name="value1">The first value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value2">The second value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value3">The third value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value4">The fourth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value5">The fifth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it (see <see cref="KeywordOnly"/>).</param>
    /// <param name="sep">Python's <c>sep</c>: written between the values; null means the default, one space, as Python's <c>None</c>.</param>
    /// <param name="end">Python's <c>end</c>: written after the last value; null means the default, <c>"\n"</c>, as Python's <c>None</c>.</param>
    /// <param name="file">Python's <c>file</c>: where to write; null means <see cref="Sys.Stdout"/>, read at the call, as Python's <c>file=None</c>.</param>
    /// <param name="flush">Python's <c>flush</c>: when true, flushes <paramref name="file"/> (or <see cref="Sys.Stdout"/>) after writing.</param>
    public static void Print(object? value1, object? value2, object? value3, object? value4, object? value5, KeywordOnly _ = default, string? sep = " ", string? end = "\n", TextWriter? file = null, bool flush = false) =>
        Builtins.Print([value1, value2, value3, value4, value5], sep, end, file, flush);

    /// <summary>
    /// Mirrors <c>print(v1, v2, v3, v4, v5, v6, sep=' ', end='\n', file=None, flush=False)</c>: writes the six values
    /// as Python's <c>str()</c> formats them, separated by <paramref name="sep"/> and followed by
    /// <paramref name="end"/>, to <paramref name="file"/> (<see cref="Sys.Stdout"/> when null).
    /// </summary>
    /// <remarks>See <see cref="Print(object?, KeywordOnly, string?, string?, TextWriter?, bool)"/>.</remarks>
    /// <param name="value1">The first value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value2">The second value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value3">The third value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value4">The fourth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value5">The fifth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value6">The sixth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it (see <see cref="KeywordOnly"/>).</param>
    /// <param name="sep">Python's <c>sep</c>: written between the values; null means the default, one space, as Python's <c>None</c>.</param>
    /// <param name="end">Python's <c>end</c>: written after the last value; null means the default, <c>"\n"</c>, as Python's <c>None</c>.</param>
    /// <param name="file">Python's <c>file</c>: where to write; null means <see cref="Sys.Stdout"/>, read at the call, as Python's <c>file=None</c>.</param>
    /// <param name="flush">Python's <c>flush</c>: when true, flushes <paramref name="file"/> (or <see cref="Sys.Stdout"/>) after writing.</param>
    public static void Print(object? value1, object? value2, object? value3, object? value4, object? value5, object? value6, KeywordOnly _ = default, string? sep = " ", string? end = "\n", TextWriter? file = null, bool flush = false) =>
        Builtins.Print([value1, value2, value3, value4, value5, value6], sep, end, file, flush);

    /// <summary>
    /// Mirrors <c>print(v1, v2, v3, v4, v5, v6, v7, sep=' ', end='\n', file=None, flush=False)</c>: writes the seven values
    /// as Python's <c>str()</c> formats them, separated by <paramref name="sep"/> and followed by
    /// <paramref name="end"/>, to <paramref name="file"/> (<see cref="Sys.Stdout"/> when null).
    /// </summary>
    /// <remarks>See <see cref="Print(object?, KeywordOnly, string?, string?, TextWriter?, bool)"/>.</remarks>
    /// <param name="value1">The first value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value2">The second value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value3">The third value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value4">The fourth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value5">The fifth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value6">The sixth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value7">The seventh value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it (see <see cref="KeywordOnly"/>).</param>
    /// <param name="sep">Python's <c>sep</c>: written between the values; null means the default, one space, as Python's <c>None</c>.</param>
    /// <param name="end">Python's <c>end</c>: written after the last value; null means the default, <c>"\n"</c>, as Python's <c>None</c>.</param>
    /// <param name="file">Python's <c>file</c>: where to write; null means <see cref="Sys.Stdout"/>, read at the call, as Python's <c>file=None</c>.</param>
    /// <param name="flush">Python's <c>flush</c>: when true, flushes <paramref name="file"/> (or <see cref="Sys.Stdout"/>) after writing.</param>
    public static void Print(object? value1, object? value2, object? value3, object? value4, object? value5, object? value6, object? value7, KeywordOnly _ = default, string? sep = " ", string? end = "\n", TextWriter? file = null, bool flush = false) =>
        Builtins.Print([value1, value2, value3, value4, value5, value6, value7], sep, end, file, flush);

    /// <summary>
    /// Mirrors <c>print(v1, v2, v3, v4, v5, v6, v7, v8, sep=' ', end='\n', file=None, flush=False)</c>: writes the eight values
    /// as Python's <c>str()</c> formats them, separated by <paramref name="sep"/> and followed by
    /// <paramref name="end"/>, to <paramref name="file"/> (<see cref="Sys.Stdout"/> when null).
    /// </summary>
    /// <remarks>See <see cref="Print(object?, KeywordOnly, string?, string?, TextWriter?, bool)"/>.</remarks>
    /// <param name="value1">The first value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value2">The second value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value3">The third value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value4">The fourth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value5">The fifth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value6">The sixth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value7">The seventh value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value8">The eighth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it (see <see cref="KeywordOnly"/>).</param>
    /// <param name="sep">Python's <c>sep</c>: written between the values; null means the default, one space, as Python's <c>None</c>.</param>
    /// <param name="end">Python's <c>end</c>: written after the last value; null means the default, <c>"\n"</c>, as Python's <c>None</c>.</param>
    /// <param name="file">Python's <c>file</c>: where to write; null means <see cref="Sys.Stdout"/>, read at the call, as Python's <c>file=None</c>.</param>
    /// <param name="flush">Python's <c>flush</c>: when true, flushes <paramref name="file"/> (or <see cref="Sys.Stdout"/>) after writing.</param>
    public static void Print(object? value1, object? value2, object? value3, object? value4, object? value5, object? value6, object? value7, object? value8, KeywordOnly _ = default, string? sep = " ", string? end = "\n", TextWriter? file = null, bool flush = false) =>
        Builtins.Print([value1, value2, value3, value4, value5, value6, value7, value8], sep, end, file, flush);

    /// <summary>
    /// Mirrors <c>print(v1, v2, v3, v4, v5, v6, v7, v8, v9, sep=' ', end='\n', file=None, flush=False)</c>: writes the nine values
    /// as Python's <c>str()</c> formats them, separated by <paramref name="sep"/> and followed by
    /// <paramref name="end"/>, to <paramref name="file"/> (<see cref="Sys.Stdout"/> when null).
    /// </summary>
    /// <remarks>See <see cref="Print(object?, KeywordOnly, string?, string?, TextWriter?, bool)"/>.</remarks>
    /// <param name="value1">The first value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value2">The second value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value3">The third value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value4">The fourth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value5">The fifth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value6">The sixth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value7">The seventh value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value8">The eighth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value9">The ninth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it (see <see cref="KeywordOnly"/>).</param>
    /// <param name="sep">Python's <c>sep</c>: written between the values; null means the default, one space, as Python's <c>None</c>.</param>
    /// <param name="end">Python's <c>end</c>: written after the last value; null means the default, <c>"\n"</c>, as Python's <c>None</c>.</param>
    /// <param name="file">Python's <c>file</c>: where to write; null means <see cref="Sys.Stdout"/>, read at the call, as Python's <c>file=None</c>.</param>
    /// <param name="flush">Python's <c>flush</c>: when true, flushes <paramref name="file"/> (or <see cref="Sys.Stdout"/>) after writing.</param>
    public static void Print(object? value1, object? value2, object? value3, object? value4, object? value5, object? value6, object? value7, object? value8, object? value9, KeywordOnly _ = default, string? sep = " ", string? end = "\n", TextWriter? file = null, bool flush = false) =>
        Builtins.Print([value1, value2, value3, value4, value5, value6, value7, value8, value9], sep, end, file, flush);

    /// <summary>
    /// Mirrors <c>print(v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, sep=' ', end='\n', file=None, flush=False)</c>: writes the ten values
    /// as Python's <c>str()</c> formats them, separated by <paramref name="sep"/> and followed by
    /// <paramref name="end"/>, to <paramref name="file"/> (<see cref="Sys.Stdout"/> when null).
    /// </summary>
    /// <remarks>See <see cref="Print(object?, KeywordOnly, string?, string?, TextWriter?, bool)"/>.</remarks>
    /// <param name="value1">The first value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value2">The second value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value3">The third value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value4">The fourth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value5">The fifth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value6">The sixth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value7">The seventh value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value8">The eighth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value9">The ninth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value10">The tenth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it (see <see cref="KeywordOnly"/>).</param>
    /// <param name="sep">Python's <c>sep</c>: written between the values; null means the default, one space, as Python's <c>None</c>.</param>
    /// <param name="end">Python's <c>end</c>: written after the last value; null means the default, <c>"\n"</c>, as Python's <c>None</c>.</param>
    /// <param name="file">Python's <c>file</c>: where to write; null means <see cref="Sys.Stdout"/>, read at the call, as Python's <c>file=None</c>.</param>
    /// <param name="flush">Python's <c>flush</c>: when true, flushes <paramref name="file"/> (or <see cref="Sys.Stdout"/>) after writing.</param>
    public static void Print(object? value1, object? value2, object? value3, object? value4, object? value5, object? value6, object? value7, object? value8, object? value9, object? value10, KeywordOnly _ = default, string? sep = " ", string? end = "\n", TextWriter? file = null, bool flush = false) =>
        Builtins.Print([value1, value2, value3, value4, value5, value6, value7, value8, value9, value10], sep, end, file, flush);

    /// <summary>
    /// Mirrors <c>print(v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, sep=' ', end='\n', file=None, flush=False)</c>: writes the eleven values
    /// as Python's <c>str()</c> formats them, separated by <paramref name="sep"/> and followed by
    /// <paramref name="end"/>, to <paramref name="file"/> (<see cref="Sys.Stdout"/> when null).
    /// </summary>
    /// <remarks>See <see cref="Print(object?, KeywordOnly, string?, string?, TextWriter?, bool)"/>.</remarks>
    /// <param name="value1">The first value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value2">The second value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value3">The third value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value4">The fourth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value5">The fifth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value6">The sixth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value7">The seventh value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value8">The eighth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value9">The ninth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value10">The tenth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value11">The eleventh value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it (see <see cref="KeywordOnly"/>).</param>
    /// <param name="sep">Python's <c>sep</c>: written between the values; null means the default, one space, as Python's <c>None</c>.</param>
    /// <param name="end">Python's <c>end</c>: written after the last value; null means the default, <c>"\n"</c>, as Python's <c>None</c>.</param>
    /// <param name="file">Python's <c>file</c>: where to write; null means <see cref="Sys.Stdout"/>, read at the call, as Python's <c>file=None</c>.</param>
    /// <param name="flush">Python's <c>flush</c>: when true, flushes <paramref name="file"/> (or <see cref="Sys.Stdout"/>) after writing.</param>
    public static void Print(object? value1, object? value2, object? value3, object? value4, object? value5, object? value6, object? value7, object? value8, object? value9, object? value10, object? value11, KeywordOnly _ = default, string? sep = " ", string? end = "\n", TextWriter? file = null, bool flush = false) =>
        Builtins.Print([value1, value2, value3, value4, value5, value6, value7, value8, value9, value10, value11], sep, end, file, flush);

    /// <summary>
    /// Mirrors <c>print(v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, sep=' ', end='\n', file=None, flush=False)</c>: writes the twelve values
    /// as Python's <c>str()</c> formats them, separated by <paramref name="sep"/> and followed by
    /// <paramref name="end"/>, to <paramref name="file"/> (<see cref="Sys.Stdout"/> when null).
    /// </summary>
    /// <remarks>See <see cref="Print(object?, KeywordOnly, string?, string?, TextWriter?, bool)"/>.</remarks>
    /// <param name="value1">The first value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value2">The second value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value3">The third value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value4">The fourth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value5">The fifth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value6">The sixth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value7">The seventh value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value8">The eighth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value9">The ninth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value10">The tenth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value11">The eleventh value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="value12">The twelfth value, formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it (see <see cref="KeywordOnly"/>).</param>
    /// <param name="sep">Python's <c>sep</c>: written between the values; null means the default, one space, as Python's <c>None</c>.</param>
    /// <param name="end">Python's <c>end</c>: written after the last value; null means the default, <c>"\n"</c>, as Python's <c>None</c>.</param>
    /// <param name="file">Python's <c>file</c>: where to write; null means <see cref="Sys.Stdout"/>, read at the call, as Python's <c>file=None</c>.</param>
    /// <param name="flush">Python's <c>flush</c>: when true, flushes <paramref name="file"/> (or <see cref="Sys.Stdout"/>) after writing.</param>
    public static void Print(object? value1, object? value2, object? value3, object? value4, object? value5, object? value6, object? value7, object? value8, object? value9, object? value10, object? value11, object? value12, KeywordOnly _ = default, string? sep = " ", string? end = "\n", TextWriter? file = null, bool flush = false) =>
        Builtins.Print([value1, value2, value3, value4, value5, value6, value7, value8, value9, value10, value11, value12], sep, end, file, flush);

    /// <summary>
    /// Mirrors <c>print(*items, sep=' ', end='\n', file=None, flush=False)</c>, Python's starred argument: a collection
    /// expression with a spread, <c>Print([.. items])</c>, prints each element as one value; <c>print(a, *items)</c> is
    /// <c>Print([a, .. items])</c>. Also the form for more than twelve values.
    /// </summary>
    /// <remarks>
    /// Only a collection expression reaches this overload: <c>Print(items)</c> with a list or an array prints it as one
    /// value, Python's list (<c>[1, 2, 3]</c>), as <c>print(items)</c> does. Differs from Python in one place: a
    /// collection expression without a spread is still spread, so <c>Print([1, 2])</c> prints <c>1 2</c> where Python's
    /// <c>print([1, 2])</c> prints <c>[1, 2]</c>; print a list literal as <c>Print(new List&lt;int&gt; { 1, 2 })</c>.
    /// The rest is as in <see cref="Print(object?, KeywordOnly, string?, string?, TextWriter?, bool)"/>.
    /// </remarks>
    /// <param name="objects">The values, <c>[.. items]</c>; each is formatted as <c>str()</c> (null prints <c>None</c>).</param>
    /// <param name="_">Marks where Python's keyword-only parameters start; never pass it (see <see cref="KeywordOnly"/>).</param>
    /// <param name="sep">Python's <c>sep</c>: written between the values; null means the default, one space, as Python's <c>None</c>.</param>
    /// <param name="end">Python's <c>end</c>: written after the last value; null means the default, <c>"\n"</c>, as Python's <c>None</c>.</param>
    /// <param name="file">Python's <c>file</c>: where to write; null means <see cref="Sys.Stdout"/>, read at the call, as Python's <c>file=None</c>.</param>
    /// <param name="flush">Python's <c>flush</c>: when true, flushes <paramref name="file"/> (or <see cref="Sys.Stdout"/>) after writing.</param>
    public static void Print(StarArgs objects, KeywordOnly _ = default, string? sep = " ", string? end = "\n", TextWriter? file = null, bool flush = false) =>
        Builtins.Print(objects.AsSpan(), sep, end, file, flush);

    /// <summary>
    /// Mirrors <c>socket.socketpair()</c>: two connected stream sockets (Unix-domain, as CPython's on Linux), blocking
    /// until <c>Blocking = false</c>, as Python's until <c>setblocking(False)</c>. Dispose both.
    /// </summary>
    /// <exception cref="System.Net.Sockets.SocketException">The system could not make them.</exception>
    public static (System.Net.Sockets.Socket, System.Net.Sockets.Socket) SocketPair() => PySocket.SocketPair();

    /// <summary>Mirrors <c>str(x)</c>; see <see cref="Builtins.Str"/>.</summary>
    public static string Str(object? value) => Builtins.Str(value);

    /// <summary>Mirrors <c>repr(x)</c>; see <see cref="Builtins.Repr"/>.</summary>
    public static string Repr(object? value) => Builtins.Repr(value);

    /// <summary>Mirrors <c>type(x)</c>; see <see cref="Builtins.Type"/>.</summary>
    public static PyType Type(object? value) => Builtins.Type(value);

    /// <summary>
    /// Mirrors a <c>b'...'</c> literal: <c>b'ping\n'</c> is <c>Bytes("ping\n")</c>, each char one byte
    /// (<c>"ping\n"u8.ToArray()</c> gives the same bytes for ASCII text).
    /// </summary>
    /// <remarks>
    /// Python's literal holds ASCII characters and escapes; C#'s escape <c>"\xff"</c> is the char U+00FF, so
    /// chars up to U+00FF are taken as the byte of that value (<c>Bytes("\xff")</c> is <c>b'\xff'</c>), where
    /// Python rejects a non-ASCII character written as is. A char from U+0100 raises <see cref="ValueError"/>
    /// (<c>bytes must be in range(0, 256)</c>); encode text with <see cref="BytesExtensions.Encode"/>.
    /// C#'s <c>\x</c> escape takes up to four hex digits: <c>"\xffb"</c> is one char (U+0FFB), so write <c>"\u00ffb"</c>.
    /// </remarks>
    public static byte[] Bytes(string literal) => PyCodecs.BytesLiteral(literal);

    /// <summary>Mirrors <c>bytes(n)</c>: <paramref name="count"/> zero bytes; <see cref="ValueError"/> (<c>negative count</c>) below zero.</summary>
    public static byte[] Bytes(int count) => PyCodecs.Zeros(count);

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
