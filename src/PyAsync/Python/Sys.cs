namespace PyAsync;

/// <summary>Mirrors the parts of Python's <c>sys</c> module that ports use: the standard streams.</summary>
/// <remarks>
/// Reading <see cref="Stdout"/> or <see cref="Stderr"/> on a thread that runs an event loop first
/// lets the loop settle what it still has to report (a failed task nobody can retrieve any more), so
/// that reports and the program's own output come in CPython's order (see <see cref="SetBeforeOutput"/>).
/// </remarks>
public static class Sys
{
    // What the event loop running on this thread does before anything is written (see the remarks).
    [ThreadStatic] private static Action? t_beforeOutput;

    /// <summary>Python's <c>sys.stdout</c>: the current <see cref="ProgramContext"/>'s output, else the console.</summary>
    public static TextWriter Stdout
    {
        get
        {
            t_beforeOutput?.Invoke();
            return ProgramContext.Current?.Stdout ?? Console.Out;
        }
    }

    /// <summary>Python's <c>sys.stderr</c>: the current <see cref="ProgramContext"/>'s error stream, else the console.</summary>
    public static TextWriter Stderr
    {
        get
        {
            t_beforeOutput?.Invoke();
            return ProgramContext.Current?.Stderr ?? Console.Error;
        }
    }

    /// <summary>Runs the hook a running loop installed (see <see cref="SetBeforeOutput"/>), for output that does not go through the streams.</summary>
    internal static void BeforeOutput() => t_beforeOutput?.Invoke();

    /// <summary>
    /// Installs what runs on this thread before output is written (an event loop's pending reports)
    /// and returns what was installed before, to put back. The hook must not throw.
    /// </summary>
    internal static Action? SetBeforeOutput(Action? hook)
    {
        var previous = t_beforeOutput;
        t_beforeOutput = hook;
        return previous;
    }
}
