using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace PyAsync.Examples;

/// <summary>What a ported program wrote, how long it took on its clock, and its exit status (when run as a process).</summary>
public sealed record ProgramOutput(string Stdout, string Stderr, double Seconds, int ExitCode = 0);

/// <summary>
/// Runs a ported program as if it were its own process: in a fresh <see cref="ProgramContext"/>
/// (captured stdout and stderr, task names from Task-1, the given clock) on a thread of its own, with a
/// watchdog, so that programs can run one after another or in parallel without seeing each other.
/// </summary>
public static class ProgramHost
{
    public static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The program thread's stack: 8 MB, what a process's main thread gets on Linux, rather than the
    /// 1.5 MB of a .NET thread, so a program can nest as many inline awaits as it could run as a process
    /// (how deep it may go before <see cref="RecursionError"/> depends on the stack size).
    /// </summary>
    public const int StackSize = 8 * 1024 * 1024;

    /// <summary>Runs <paramref name="program"/> on <paramref name="clock"/>; an exception it lets out is rethrown here.</summary>
    /// <exception cref="TimeoutException">The program did not finish within <see cref="Watchdog"/>.</exception>
    public static ProgramOutput Run(Action program, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(program);
        return Run(new Statements(program).Invoke, clock, asProcess: false);
    }

    /// <summary>A program without an exit status, as one that returns 0.</summary>
    [StackTraceHidden]
    public sealed class Statements(Action program)
    {
        public int Invoke()
        {
            program();
            return 0;
        }
    }

    /// <summary>
    /// Runs <paramref name="program"/> (returning its exit status) on <paramref name="clock"/>. With
    /// <paramref name="asProcess"/>, as a process would end: an exception it lets out is printed as
    /// CPython's traceback to its stderr and gives exit status 1 (<see cref="ProgramContext.RunMain"/>);
    /// without, it is rethrown here.
    /// </summary>
    /// <exception cref="TimeoutException">The program did not finish within <see cref="Watchdog"/>.</exception>
    public static ProgramOutput Run(Func<int> program, TimeProvider clock, bool asProcess)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        ExceptionDispatchInfo? failure = null;
        int exitCode = 0;
        var watch = Stopwatch.StartNew();
        using (ProgramContext.Enter(TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr), clock))
        {
            var thread = new Thread(() =>
            {
                try
                {
                    if (!asProcess) exitCode = program();
                    else
                    {
                        int returned = 0;
                        int status = ProgramContext.RunMain([StackTraceHidden] () => returned = program());
                        exitCode = status != 0 ? status : returned;
                    }
                }
                catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
            }, StackSize) { IsBackground = true, Name = "ported program" };
            thread.Start();
            if (!thread.Join(Watchdog))
                throw new TimeoutException($"The program did not finish within {Watchdog.TotalSeconds} s.\nstdout so far:\n{stdout}\nstderr so far:\n{stderr}");
        }
        watch.Stop();
        failure?.Throw();
        double seconds = clock is VirtualClock v ? v.Seconds : watch.Elapsed.TotalSeconds;
        return new ProgramOutput(stdout.ToString(), stderr.ToString(), seconds, exitCode);
    }
}
