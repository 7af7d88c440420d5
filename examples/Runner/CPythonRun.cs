using System.Diagnostics;

namespace PyAsync.Examples;

/// <summary>What CPython printed for a program, and its exit status.</summary>
public sealed record CPythonOutput(string Stdout, string Stderr, int ExitCode);

/// <summary>
/// Runs a porter's Python program under CPython for the <c>port</c> command: on the virtual clock through
/// tools/pyvirtual.py (copied next to the runner), as the examples' stored outputs were made, or for real.
/// </summary>
public static class CPythonRun
{
    /// <summary>The harness that runs a program on a virtual clock.</summary>
    public static string VirtualHarness => Path.Combine(AppContext.BaseDirectory, "pyvirtual.py");

    /// <summary>Runs <paramref name="program"/> with <paramref name="python"/> in the program's folder (so its local imports work).</summary>
    /// <exception cref="FileNotFoundException">The interpreter cannot be started.</exception>
    /// <exception cref="TimeoutException">It did not finish within <see cref="ProgramHost.Watchdog"/>.</exception>
    public static CPythonOutput Run(string python, string program, bool realTime)
    {
        string fullPath = Path.GetFullPath(program);
        var psi = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(fullPath)!,
        };
        if (!realTime) psi.ArgumentList.Add(VirtualHarness);
        psi.ArgumentList.Add(fullPath);
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        System.Diagnostics.Process process;
        try
        {
            process = System.Diagnostics.Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FileNotFoundException($"Cannot start '{python}': {e.Message}", python, e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(ProgramHost.Watchdog))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{python} did not finish {program} within {ProgramHost.Watchdog.TotalSeconds} s.");
            }
            return new CPythonOutput(stdout.Result.Replace("\r\n", "\n"), stderr.Result.Replace("\r\n", "\n"), process.ExitCode);
        }
    }
}
