using System.Diagnostics;

namespace PyAsync.Tests.Support;

/// <summary>Finds python3 (CPython, the oracle) and runs programs under tools/pyvirtual.py.</summary>
public static class Python
{
    private static readonly Lazy<string?> s_executable = new(Find);

    public static string? Executable => s_executable.Value;

    public static string MissingReason =>
        "python3 is not on PATH: the stored CPython outputs cannot be checked against CPython here.";

    /// <summary>The repository's tools/pyvirtual.py, found by walking up from the test binaries.</summary>
    public static string VirtualHarness => Path.Combine(Repository.Root, "tools", "pyvirtual.py");

    /// <summary>Runs <paramref name="program"/> with CPython on a virtual clock; returns its raw output.</summary>
    public static Output RunVirtual(string program)
    {
        var psi = new ProcessStartInfo(Executable ?? throw new InvalidOperationException(MissingReason))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(program)!,
        };
        psi.ArgumentList.Add(VirtualHarness);
        psi.ArgumentList.Add(program);
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(psi)!;
        var stderrTask = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit((int)PyRun.Watchdog.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python3 did not finish {program}");
        }
        return new Output(stdout.Replace("\r\n", "\n"), stderrTask.Result.Replace("\r\n", "\n"));
    }

    private static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            var candidate = Path.Combine(dir, "python3");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>A fact that is skipped, saying why, when python3 is missing.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (Python.Executable is null) Skip = Python.MissingReason;
    }
}

/// <summary>A theory that is skipped, saying why, when python3 is missing.</summary>
public sealed class PythonTheoryAttribute : TheoryAttribute
{
    public PythonTheoryAttribute()
    {
        if (Python.Executable is null) Skip = Python.MissingReason;
    }
}

public static class Repository
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PyAsync.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PyAsync.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => s_root.Value;
}
