using Microsoft.Extensions.Logging;

namespace PyAsync;

/// <summary>
/// Mirrors asyncio's logger, <c>logging.getLogger('asyncio')</c> (<c>asyncio/log.py</c>): where the
/// event loop's reports go. With no logger set (the default, as with no logging configured in
/// CPython), they are written to <see cref="Sys.Stderr"/> in CPython's words, with a Python-shaped
/// traceback. With an <see cref="ILogger"/> set they go to it instead, and nothing is written to stderr.
/// </summary>
/// <remarks>
/// <para>The reports, their levels (CPython's) and event ids:</para>
/// <list type="table">
/// <listheader><term>Event</term><description>What, at which level</description></listheader>
/// <item><term><see cref="ExceptionHandlerReport"/></term><description>The default exception handler's
/// report (<c>loop.default_exception_handler</c>: "Exception in callback ...", an error in a task's done
/// callback, ...), at <see cref="LogLevel.Error"/>.</description></item>
/// <item><term><see cref="ExceptionNeverRetrieved"/></term><description>"Task exception was never
/// retrieved" and "Future exception was never retrieved" (also through the default exception handler),
/// at <see cref="LogLevel.Error"/>.</description></item>
/// <item><term><see cref="ExceptionHandlerFailed"/></term><description>"Exception in default exception
/// handler" (the handler itself raised), at <see cref="LogLevel.Error"/>.</description></item>
/// <item><term><see cref="SlowCallback"/></term><description>Debug mode's "Executing &lt;Task ...&gt; took
/// 0.150 seconds", at <see cref="LogLevel.Warning"/>.</description></item>
/// <item><term><see cref="CoroutineNeverAwaited"/></term><description>"RuntimeWarning: coroutine 'F' was
/// never awaited", at <see cref="LogLevel.Warning"/>. CPython sends it through <c>warnings</c>, not the
/// asyncio logger (as <c>logging.captureWarnings(True)</c> would send it to <c>py.warnings</c>); here it
/// goes to the logger unless <see cref="Warnings.ShowWarning"/> was replaced, which then gets it.</description></item>
/// <item><term><see cref="VirtualClockAdvanced"/></term><description>PyAsync's own: the
/// <see cref="VirtualClock"/> jumped while .NET awaits were pending, at <see cref="LogLevel.Warning"/>.</description></item>
/// <item><term><see cref="ConcurrentFutureCallbackFailed"/></term><description>"exception calling callback
/// for &lt;Future ...&gt;" (CPython's <c>concurrent.futures</c> logger), at <see cref="LogLevel.Error"/>.</description></item>
/// <item><term><see cref="Unraisable"/></term><description>"Exception ignored in: ..." (CPython's
/// <c>sys.unraisablehook</c>, which writes to stderr, not to a logger): an exception raised where nothing
/// could catch it, at <see cref="LogLevel.Error"/>.</description></item>
/// </list>
/// <para>
/// Each entry's message is CPython's text without the traceback; the exception, where there is one, is
/// the entry's exception. Its state is a list of name/value pairs with the message template under
/// <c>{OriginalFormat}</c> (as <c>LoggerMessage</c> makes them): for the exception handler's reports the
/// template is <c>{Message}</c> followed by one <c>key: {key}</c> line per context entry, with the entries'
/// reprs as values (<c>future</c>, <c>task</c>, <c>handle</c>, ...); for a slow step
/// <c>Executing {Handle} took {Seconds} seconds</c>.
/// </para>
/// <para>
/// A logger that throws does not stop the loop: what it threw is written to stderr as an unraisable
/// exception ("Exception ignored in: the asyncio logger ..."), followed by the report it was given.
/// A logger that is not enabled for a report's level drops the report, as logging's levels do.
/// </para>
/// </remarks>
public static class AsyncioLog
{
    /// <summary>The category (logger name) the reports are meant for: <c>asyncio</c>, as in CPython.</summary>
    public const string CategoryName = "asyncio";

    /// <summary>The default exception handler's report (<c>loop.default_exception_handler</c>).</summary>
    public static readonly EventId ExceptionHandlerReport = new(1, nameof(ExceptionHandlerReport));

    /// <summary>"Task exception was never retrieved" / "Future exception was never retrieved".</summary>
    public static readonly EventId ExceptionNeverRetrieved = new(2, nameof(ExceptionNeverRetrieved));

    /// <summary>"Exception in default exception handler": the handler itself raised.</summary>
    public static readonly EventId ExceptionHandlerFailed = new(3, nameof(ExceptionHandlerFailed));

    /// <summary>Debug mode: "Executing ... took N seconds" (<c>loop.slow_callback_duration</c>).</summary>
    public static readonly EventId SlowCallback = new(4, nameof(SlowCallback));

    /// <summary>"RuntimeWarning: coroutine '...' was never awaited".</summary>
    public static readonly EventId CoroutineNeverAwaited = new(5, nameof(CoroutineNeverAwaited));

    /// <summary>The <see cref="VirtualClock"/> advanced while .NET awaits were pending.</summary>
    public static readonly EventId VirtualClockAdvanced = new(6, nameof(VirtualClockAdvanced));

    /// <summary>"exception calling callback for ...": a <c>ConcurrentFuture</c>'s done callback raised.</summary>
    public static readonly EventId ConcurrentFutureCallbackFailed = new(7, nameof(ConcurrentFutureCallbackFailed));

    /// <summary>"Exception ignored in: ...": an exception raised where nothing could catch it.</summary>
    public static readonly EventId Unraisable = new(8, nameof(Unraisable));

    /// <summary>A write to a transport whose connection is lost, after the first few (CPython's <c>logger.warning('socket.send() raised exception.')</c>).</summary>
    public static readonly EventId SocketSendFailed = new(9, nameof(SocketSendFailed));

    /// <summary>A child process was reaped by someone else (CPython's "Unknown child process pid %d, will report returncode 255").</summary>
    public static readonly EventId ChildProcessUnknown = new(10, nameof(ChildProcessUnknown));

    /// <summary>A child process ended after its loop closed (CPython's "Loop %r that handles pid %r is closed").</summary>
    public static readonly EventId ChildLoopClosed = new(11, nameof(ChildLoopClosed));

    /// <summary>Writes to a pipe whose reader is gone, after the first few (CPython's "pipe closed by peer or os.write(pipe, data) raised exception.").</summary>
    public static readonly EventId PipeWriteFailed = new(12, nameof(PipeWriteFailed));

    private static ILogger? s_logger;
    private static readonly AsyncLocal<LoggerScope?> s_scope = new();

    /// <summary>
    /// The process-wide asyncio logger (Python's <c>logging.getLogger('asyncio')</c> with a handler
    /// attached), for example <c>AsyncioLog.Logger = loggerFactory.CreateLogger(AsyncioLog.CategoryName)</c>.
    /// Null (the default) writes the reports to <see cref="Sys.Stderr"/>, as CPython does with no logging
    /// configured. A scope opened with <see cref="Use"/> takes precedence.
    /// </summary>
    public static ILogger? Logger
    {
        get => Volatile.Read(ref s_logger);
        set => Volatile.Write(ref s_logger, value);
    }

    /// <summary>
    /// Sends the reports made in the current execution flow to <paramref name="logger"/> (null: to stderr)
    /// until the returned scope is disposed: what runs in this flow, and the loops, tasks and threads
    /// started from it (they inherit its <see cref="ExecutionContext"/>). For one program or one
    /// <c>Runner</c> among several in a process, or for a test; it has no CPython counterpart.
    /// </summary>
    /// <example><code>
    /// using (AsyncioLog.Use(logger)) Run(Main());
    /// </code></example>
    public static IDisposable Use(ILogger? logger)
    {
        var scope = new LoggerScope(logger, s_scope.Value);
        s_scope.Value = scope;
        return scope;
    }

    /// <summary>The logger the reports made here go to: the innermost scope's, else <see cref="Logger"/>; null for stderr.</summary>
    internal static ILogger? Current => s_scope.Value is { } scope ? scope.Logger : Logger;

    private sealed class LoggerScope(ILogger? logger, LoggerScope? outer) : IDisposable
    {
        public ILogger? Logger => logger;

        public void Dispose()
        {
            // Only the scope that is current in this flow can end; disposing an outer one first ends both.
            for (var s = s_scope.Value; s is not null; s = s.Outer)
            {
                if (s != this) continue;
                s_scope.Value = outer;
                return;
            }
        }

        private LoggerScope? Outer => outer;
    }
}
