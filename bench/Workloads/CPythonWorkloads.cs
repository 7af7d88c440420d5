using System.Diagnostics;
using System.Text.Json;

namespace PyAsync.Bench.Workloads;

/// <summary>
/// The CPython columns: run bench/python/workloads.py under python3 (CPython 3.11 on this machine),
/// the same workloads in asyncio, and read back one measurement per run; the uvloop column runs it
/// with <c>--uvloop</c> under the system's python3, which Debian's <c>python3-uvloop</c> equips.
/// </summary>
public static class CPythonWorkloads
{
    /// <summary>The interpreter: <c>PYASYNC_PYTHON</c> if set, else <c>python3</c> on the PATH.</summary>
    public static string Interpreter => Environment.GetEnvironmentVariable("PYASYNC_PYTHON") is { Length: > 0 } p ? p : "python3";

    /// <summary>
    /// The interpreter of the uvloop column: <c>PYASYNC_UVLOOP_PYTHON</c> if set, else the system's
    /// <c>/usr/bin/python3</c> (where Debian's <c>python3-uvloop</c> installs uvloop).
    /// </summary>
    public static string UvloopInterpreter =>
        Environment.GetEnvironmentVariable("PYASYNC_UVLOOP_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";

    /// <summary>What the uvloop column skipped for lacks, and how to get it.</summary>
    public static string UvloopMissing =>
        $"no CPython+uvloop column: {UvloopInterpreter} cannot import uvloop (Debian: sudo apt-get install python3-uvloop; " +
        "or set PYASYNC_UVLOOP_PYTHON to a python3 that has it, e.g. after pip install uvloop)";

    /// <summary>The script, copied next to the benchmark's assembly.</summary>
    public static string Script => Path.Combine(AppContext.BaseDirectory, "python", "workloads.py");

    /// <summary>The interpreter's version line (<c>Python 3.11.7</c>), or null if it cannot be started.</summary>
    public static string? Version()
    {
        try
        {
            var (code, output, _) = Execute(Interpreter, ["--version"], TimeSpan.FromSeconds(30));
            return code == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>
    /// The uvloop column's versions (<c>uvloop 0.17.0 on Python 3.11.2</c>), or null if its interpreter
    /// cannot be started or has no uvloop.
    /// </summary>
    public static string? UvloopVersion()
    {
        try
        {
            var (code, output, _) = Execute(UvloopInterpreter,
                ["-c", "import sys, uvloop; print('uvloop', uvloop.__version__, 'on Python', sys.version.split()[0])"],
                TimeSpan.FromSeconds(30));
            return code == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>
    /// <paramref name="runs"/> measured runs of <paramref name="workload"/> at size <paramref name="n"/>,
    /// after a warm-up, in one process; on uvloop's loop under <see cref="UvloopInterpreter"/> when
    /// <paramref name="uvloop"/> is set; with <paramref name="cold"/>, without the warm-up (the first
    /// full-size runs of a fresh process).
    /// </summary>
    public static List<Measurement> Run(Workload workload, int n, int runs, bool uvloop = false, bool cold = false)
    {
        string interpreter = uvloop ? UvloopInterpreter : Interpreter;
        string[] arguments = [Script, .. uvloop ? ["--uvloop"] : Array.Empty<string>(), .. cold ? ["--cold"] : Array.Empty<string>(), workload.Id,
            n.ToString(System.Globalization.CultureInfo.InvariantCulture), runs.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var (code, output, error) = Execute(interpreter, arguments, TimeSpan.FromMinutes(20));
        if (code != 0) throw new InvalidOperationException($"{interpreter} workloads.py {string.Join(' ', arguments[1..])} failed ({code}):\n{error}");
        var measurements = new List<Measurement>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            measurements.Add(new Measurement(
                root.GetProperty("seconds").GetDouble(),
                root.GetProperty("value").GetInt64(),
                workload.Expected(n),
                root.GetProperty("bytes_per_task").ValueKind == JsonValueKind.Number ? root.GetProperty("bytes_per_task").GetDouble() : null,
                root.GetProperty("peak_working_set").GetInt64()));
        }
        return measurements;
    }

    private static (int Code, string Output, string Error) Execute(string interpreter, IEnumerable<string> arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo(interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"cannot start {interpreter}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{interpreter} did not finish within {limit}");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
