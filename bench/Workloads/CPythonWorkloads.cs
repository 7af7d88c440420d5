using System.Diagnostics;
using System.Text.Json;

namespace PyAsync.Bench.Workloads;

/// <summary>
/// The CPython column: runs bench/python/workloads.py under python3 (CPython 3.11 on this machine),
/// the same workloads in asyncio, and reads back one measurement per run.
/// </summary>
public static class CPythonWorkloads
{
    /// <summary>The interpreter: <c>PYASYNC_PYTHON</c> if set, else <c>python3</c> on the PATH.</summary>
    public static string Interpreter => Environment.GetEnvironmentVariable("PYASYNC_PYTHON") is { Length: > 0 } p ? p : "python3";

    /// <summary>The script, copied next to the benchmark's assembly.</summary>
    public static string Script => Path.Combine(AppContext.BaseDirectory, "python", "workloads.py");

    /// <summary>The interpreter's version line (<c>Python 3.11.7</c>), or null if it cannot be started.</summary>
    public static string? Version()
    {
        try
        {
            var (code, output, _) = Execute(["--version"], TimeSpan.FromSeconds(30));
            return code == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>
    /// <paramref name="runs"/> measured runs of <paramref name="workload"/> at size <paramref name="n"/>,
    /// after a warm-up, in one process.
    /// </summary>
    public static List<Measurement> Run(Workload workload, int n, int runs)
    {
        var (code, output, error) = Execute([Script, workload.Id, n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            runs.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromMinutes(20));
        if (code != 0) throw new InvalidOperationException($"{Interpreter} workloads.py {workload.Id} failed ({code}):\n{error}");
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

    private static (int Code, string Output, string Error) Execute(IEnumerable<string> arguments, TimeSpan limit)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Interpreter}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Interpreter} did not finish within {limit}");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
