using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace PyAsync;

/// <summary>
/// CPython's <c>logging.getLogger('asyncio')</c>: every report of the loop goes through here. With no
/// <see cref="ILogger"/> set (<see cref="AsyncioLog"/>) it behaves as CPython's does with no logging
/// configured: messages of level WARNING and above go to <see cref="Sys.Stderr"/>, with a Python-shaped
/// traceback when an exception is attached. With one, they go to it. Nothing here throws.
/// </summary>
internal static class Logger
{
    /// <summary>A report at WARNING: <paramref name="text"/> is CPython's line, <paramref name="template"/> and <paramref name="values"/> its structured form.</summary>
    public static void Warning(EventId id, string text, string template, params KeyValuePair<string, object?>[] values) =>
        Write(LogLevel.Warning, id, text, null, template, values);

    /// <summary>A report at ERROR, with the exception whose traceback CPython prints after it.</summary>
    public static void Error(EventId id, string text, Exception? exception, string template, params KeyValuePair<string, object?>[] values) =>
        Write(LogLevel.Error, id, text, exception, template, values);

    /// <summary>A named value of a report's state.</summary>
    public static KeyValuePair<string, object?> Value(string name, object? value) => new(name, value);

    /// <summary>Debug mode's report of a slow callback or task step (CPython's <c>_run_once</c>).</summary>
    public static void SlowCallback(string handle, double seconds) =>
        Warning(AsyncioLog.SlowCallback, $"Executing {handle} took {seconds.ToString("F3", CultureInfo.InvariantCulture)} seconds",
            "Executing {Handle} took {Seconds} seconds", Value("Handle", handle), Value("Seconds", seconds));

    /// <summary>The <see cref="VirtualClock"/> jumped although .NET awaits, or I/O, were pending.</summary>
    public static void VirtualClockAdvanced(string? io = null)
    {
        string text = io is not null
            ? $"VirtualClock: I/O in flight for 1 s of real time while timers wait ({io}); advancing the virtual clock"
            : "VirtualClock: .NET awaits pending for 1 s of real time while timers wait; advancing the virtual clock";
        Warning(AsyncioLog.VirtualClockAdvanced, text, text);
    }

    /// <summary>concurrent.futures' <c>LOGGER.exception('exception calling callback for %r', self)</c>.</summary>
    public static void CallbackFailed(string future, Exception exception) =>
        Error(AsyncioLog.ConcurrentFutureCallbackFailed, $"exception calling callback for {future}", exception,
            "exception calling callback for {Future}", Value("Future", future));

    /// <summary>
    /// CPython's unraisable hook (<c>sys.unraisablehook</c>): an exception raised where nothing can catch
    /// it, such as a finalizer or a report the loop makes, is printed as <c>Exception ignored in: ...</c>
    /// with its traceback (or given to the asyncio logger), and goes no further. Never throws.
    /// </summary>
    public static void Unraisable(string where, Exception exception) =>
        Write(LogLevel.Error, AsyncioLog.Unraisable, $"Exception ignored in: {where}", exception,
            "Exception ignored in: {Object}", [Value("Object", where)]);

    private static void Write(LogLevel level, EventId id, string text, Exception? exception, string template, KeyValuePair<string, object?>[] values)
    {
        ILogger? logger = null;
        try
        {
            logger = AsyncioLog.Current;
            if (logger is null)
            {
                WriteToStderr(text, exception);
                return;
            }
            if (!logger.IsEnabled(level)) return;
            // Reports come in CPython's order with the program's output (see Sys).
            Sys.BeforeOutput();
            logger.Log(level, id, new LogEntry(text, template, values), exception, LogEntry.Format);
        }
        catch (Exception failure)
        {
            // The logger (or stderr) threw: as logging's handleError, say so on stderr, then give the report there.
            try
            {
                string where = logger is null ? "the asyncio report" : $"the asyncio logger ({logger.GetType().Name})";
                WriteToStderr($"Exception ignored in: {where}", failure);
                if (logger is not null) WriteToStderr(text, exception);
            }
            catch (Exception)
            {
                // Nowhere left to report to.
            }
        }
    }

    private static void WriteToStderr(string text, Exception? exception)
    {
        if (exception is null)
        {
            Sys.Stderr.WriteLine(text);
            return;
        }
        var message = new StringBuilder(text).Append('\n').Append(FormatException(exception));
        Sys.Stderr.WriteLine(message.ToString());
    }

    /// <summary>
    /// A report's state, as <c>LoggerMessage</c> makes it: the named values, then the template under
    /// <c>{OriginalFormat}</c>; <see cref="ToString"/> is CPython's text.
    /// </summary>
    private sealed class LogEntry(string text, string template, KeyValuePair<string, object?>[] values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public static readonly Func<LogEntry, Exception?, string> Format = static (entry, _) => entry.ToString();

        public int Count => values.Length + 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == values.Length ? new("{OriginalFormat}", template) : values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (int i = 0; i < Count; i++) yield return this[i];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => text;
    }

    /// <summary>
    /// A traceback in Python's shape: <c>Traceback (most recent call last):</c>, one
    /// <c>File "...", line N, in Name</c> entry per .NET frame (oldest first, async plumbing skipped),
    /// then <c>Type: message</c>.
    /// </summary>
    public static string FormatException(Exception exception)
    {
        var text = new StringBuilder("Traceback (most recent call last):");
        foreach (var frame in Traceback.Frames(exception))
        {
            if (frame.IsAsyncPlumbing) continue;
            text.Append('\n').Append(frame.File is null
                ? $"  File \"<unknown>\", in {frame.Name}"
                : $"  File \"{frame.File}\", line {frame.Line}, in {frame.Name}");
        }
        string description;
        try
        {
            description = PyRepr.ExceptionStr(exception);
        }
        catch (Exception)
        {
            description = "<exception str() failed>"; // what CPython's traceback prints for it
        }
        text.Append('\n').Append(PyTypes.ExceptionName(exception.GetType()));
        if (description.Length > 0) text.Append(": ").Append(description);
        return text.ToString();
    }
}
