using System.Diagnostics;
using PyAsync.Tests.Support;

namespace PyAsync.Tests;

/// <summary>
/// Ctrl+C (SIGINT) as CPython 3.11's runner handles it (test_runners.py, TestRunner's interrupt tests),
/// in real processes: tests/SigintProbe, built with the solution, and its Python original.
/// </summary>
[Trait("Category", "Slow")]
public class RunnerSigintTests
{
    /// <summary>
    /// tests/SigintProbe's program and its Python original, sigint_probe.py, each sent one SIGINT once
    /// they print "ready": the same lines and exit code (130 from the program's own handler).
    /// </summary>
    [Theory]
    [InlineData("reraise", 130, "ready\nmain cancelled ()\nworker cancelled\nKeyboardInterrupt ()\n")]
    [InlineData("swallow", 0, "ready\nmain cancelled ()\nworker cancelled\nmain returned\n")]
    public void The_first_ctrl_c_cancels_the_main_task_and_Run_raises_KeyboardInterrupt_as_CPython(string mode, int exitCode, string output)
    {
        var port = Interrupt("dotnet", [ProbeProcesses.Dll, mode]);
        port.ShouldBe((exitCode, output, ""));
        if (Python.Executable is { } python)
            Interrupt(python, [Path.Combine(ProbeProcesses.Folder, "sigint_probe.py"), mode]).ShouldBe((exitCode, output, ""));
    }

    private static (int ExitCode, string Stdout, string Stderr) Interrupt(string program, string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(ProbeProcesses.StartInfo(program, arguments))!;
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();
            // Bounded, as every wait here: a program that never gets ready fails the test instead of hanging the run.
            var ready = process.StandardOutput.ReadLineAsync();
            ready.Wait(TimeSpan.FromSeconds(30)).ShouldBeTrue($"{program} printed nothing within 30 s");
            string first = ready.Result ?? "";
            first.ShouldBe("ready");
            using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!) kill.WaitForExit(30_000).ShouldBeTrue("kill did not end");
            var rest = process.StandardOutput.ReadToEndAsync();
            process.WaitForExit(30_000).ShouldBeTrue($"{program} did not end after SIGINT");
            return (process.ExitCode, first + "\n" + rest.Result, stderr.Result);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

}
