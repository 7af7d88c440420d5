namespace PyAsync;

/// <summary>
/// What CPython does with an exception that reaches the top of a program: the <c>with</c> blocks it
/// leaves exit (an <c>asyncio.run</c> closes its loop: pending tasks are cancelled, reports made), then
/// <c>sys.excepthook</c> prints the traceback to stderr, then what only goes when the exception's
/// traceback is freed at exit (the reports of failed tasks that the traceback's frames kept alive), and
/// the process exits with status 1.
/// </summary>
/// <remarks>
/// <para>
/// .NET instead prints its own stack trace and aborts (status 134), and runs <c>finally</c> blocks only
/// after printing. So the runners register here what closes the ones still open on the thread
/// (<see cref="SetRunnerCloser"/>), and this closes them before the traceback prints, keeping the
/// loop's final reports for after it, as CPython's come.
/// </para>
/// <para>
/// It is used in two places: <see cref="ProgramContext.RunMain"/> (a host running a program as if it
/// were a process), and the process's own handler for an exception nobody catches on the main
/// thread, which the first <c>asyncio.run</c> on the main thread installs. A caught exception changes
/// nothing.
/// </para>
/// <para>
/// A difference in a real process: the handler runs before .NET unwinds the main thread, and the process
/// exits from it, so the <c>finally</c> blocks and <c>using</c> declarations around <c>Run</c> in the main
/// program do not run (CPython runs them, and so does .NET's own crash, after printing). The README says so,
/// and how to keep .NET's behaviour.
/// </para>
/// </remarks>
internal static class UncaughtException
{
    /// <summary>The exit status of a program that CPython ends with an uncaught <c>KeyboardInterrupt</c> (128 + SIGINT, as a shell shows it).</summary>
    public const int KeyboardInterruptStatus = 130;

    // Closes the runners still open on the calling thread and returns what their loops left to report
    // at exit; set once by the runners (a lower layer cannot name them).
    private static Func<Action?>? s_closeOpenRunners;
    private static int s_processHookInstalled;

    /// <summary>Registers what closes the calling thread's open runners (see the remarks); the first registration stays.</summary>
    public static void SetRunnerCloser(Func<Action?> closer) => Interlocked.CompareExchange(ref s_closeOpenRunners, closer, null);

    /// <summary>
    /// Does what CPython does with <paramref name="exception"/> at the top of the program (see the
    /// summary) and returns the exit status: 1, or 130 for <see cref="KeyboardInterrupt"/>. Never throws.
    /// </summary>
    public static int Report(Exception exception)
    {
        Action? atExit = null;
        try
        {
            atExit = s_closeOpenRunners?.Invoke();
        }
        catch (Exception closing)
        {
            Try(() => Traceback.PrintException(closing));
        }
        // No settling of unretrieved failures while the traceback prints: what is still unretrieved now is
        // what the exception's traceback keeps alive in CPython, reported after it (atExit), never before.
        var settle = Sys.SetBeforeOutput(null);
        try
        {
            Try(() =>
            {
                Sys.Stdout.Flush();
                Traceback.PrintException(exception);
            });
        }
        finally
        {
            Sys.SetBeforeOutput(settle);
        }
        if (atExit is not null) Try(atExit);
        Try(() =>
        {
            Sys.Stdout.Flush();
            Sys.Stderr.Flush();
        });
        return exception is KeyboardInterrupt ? KeyboardInterruptStatus : 1;
    }

    /// <summary>
    /// Makes an exception that nobody catches on the process's main thread end the process as CPython
    /// would (<see cref="Report"/>, then exit with its status) instead of .NET's abort. Installed once.
    /// </summary>
    /// <remarks>
    /// An app that wants .NET's own crash (its stack trace, exit status 134, a crash dump) sets the
    /// <see cref="AppContext"/> switch <see cref="KeepDotnetCrashSwitch"/>, e.g. in its project:
    /// <c>&lt;RuntimeHostConfigurationOption Include="PyAsync.KeepDotnetCrash" Value="true" /&gt;</c>.
    /// </remarks>
    public static void InstallProcessHook()
    {
        if (AppContext.TryGetSwitch(KeepDotnetCrashSwitch, out bool keep) && keep) return;
        if (Interlocked.Exchange(ref s_processHookInstalled, 1) == 0)
            AppDomain.CurrentDomain.UnhandledException += OnUnhandled;
    }

    /// <summary>The <see cref="AppContext"/> switch that leaves an uncaught exception to .NET (see <see cref="InstallProcessHook"/>).</summary>
    public const string KeepDotnetCrashSwitch = "PyAsync.KeepDotnetCrash";

    /// <summary>The process's main thread: .NET numbers it 1, the first managed thread.</summary>
    public static bool IsMainThread => Environment.CurrentManagedThreadId == 1;

    // Runs before .NET prints anything and before any finally block (the first pass found no handler).
    private static void OnUnhandled(object? sender, UnhandledExceptionEventArgs e)
    {
        if (!IsMainThread || e.ExceptionObject is not Exception error) return;
        Environment.Exit(Report(error));
    }

    private static void Try(Action action)
    {
        try
        {
            action();
        }
        catch (Exception)
        {
            // Reporting must not throw: stderr itself failed, nothing is left to tell.
        }
    }
}
