using System.Diagnostics;
using System.Text;

namespace PyAsync;

/// <summary>
/// CPython's <c>logging.getLogger('asyncio')</c> as it behaves with no logging configured: messages
/// of level WARNING and above go to <see cref="Sys.Stderr"/>, with a Python-shaped traceback when an
/// exception is attached.
/// </summary>
internal static class Logger
{
    public static void Warning(string message) => Sys.Stderr.WriteLine(message);

    public static void Error(string message, Exception? exception)
    {
        var text = new StringBuilder(message);
        if (exception is not null) text.Append('\n').Append(FormatException(exception));
        Sys.Stderr.WriteLine(text.ToString());
    }

    /// <summary>
    /// CPython's unraisable hook (<c>sys.unraisablehook</c>): an exception raised where nothing can catch
    /// it, such as a finalizer or a report the loop makes, is printed as <c>Exception ignored in: ...</c>
    /// with its traceback, and goes no further. Never throws.
    /// </summary>
    public static void Unraisable(string where, Exception exception)
    {
        try
        {
            Sys.Stderr.WriteLine($"Exception ignored in: {where}\n{FormatException(exception)}");
        }
        catch (Exception)
        {
            // Nowhere left to report to.
        }
    }

    /// <summary>
    /// A traceback in Python's shape: <c>Traceback (most recent call last):</c>, one
    /// <c>File "...", line N, in Name</c> entry per .NET frame (oldest first, async plumbing skipped),
    /// then <c>Type: message</c>.
    /// </summary>
    public static string FormatException(Exception exception)
    {
        var text = new StringBuilder("Traceback (most recent call last):");
        var frames = new StackTrace(exception, fNeedFileInfo: true).GetFrames();
        for (int i = frames.Length - 1; i >= 0; i--)
        {
            var method = frames[i].GetMethod();
            if (method is null || IsPlumbing(method)) continue;
            string name = method.Name == "MoveNext" && method.DeclaringType is { } sm ? QualNames.OfStateMachine(sm) : method.Name;
            var file = frames[i].GetFileName();
            text.Append('\n').Append(file is null
                ? $"  File \"<unknown>\", in {name}"
                : $"  File \"{file}\", line {frames[i].GetFileLineNumber()}, in {name}");
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

    private static bool IsPlumbing(System.Reflection.MethodBase method)
    {
        var ns = method.DeclaringType?.Namespace ?? "";
        return ns.StartsWith("System.Runtime", StringComparison.Ordinal) || ns == "PyAsync.CompilerServices";
    }
}
