using System.Diagnostics;

namespace PyAsync.Tests.Support;

/// <summary>
/// Finds python3 (CPython, the oracle), or a given version such as python3.13, and runs programs
/// under tools/pyvirtual.py.
/// </summary>
public static class Python
{
    private static readonly Lazy<string?> s_executable = new(() => Find("python3"));
    // pyenv's own versions first: a python3.13 on PATH may be a pyenv shim that fails when 3.13 is not selected.
    private static readonly Lazy<string?> s_python313 = new(() => FindPyenv("3.13") ?? Find("python3.13"));
    private static readonly Lazy<string?> s_python312 = new(() => FindPyenv("3.12") ?? Find("python3.12"));

    public static string? Executable => s_executable.Value;

    /// <summary>CPython 3.13: the newest <c>~/.pyenv/versions/3.13.*</c>, else <c>python3.13</c> on PATH.</summary>
    public static string? Executable313 => s_python313.Value;

    /// <summary>CPython 3.12: the newest <c>~/.pyenv/versions/3.12.*</c>, else <c>python3.12</c> on PATH.</summary>
    public static string? Executable312 => s_python312.Value;

    public static string MissingReason =>
        "python3 is not on PATH: the stored CPython outputs cannot be checked against CPython here.";

    public static string Missing313Reason =>
        "CPython 3.13 (~/.pyenv/versions/3.13.* or python3.13 on PATH) is missing: the outputs stored from it cannot be checked here.";

    /// <summary>The interpreter for <paramref name="version"/>: null for python3, or "3.13".</summary>
    public static string ExecutableFor(string? version) => version switch
    {
        null => Executable ?? throw new InvalidOperationException(MissingReason),
        "3.13" => Executable313 ?? throw new InvalidOperationException(Missing313Reason),
        _ => throw new ArgumentException($"No way to find CPython {version}", nameof(version)),
    };

    /// <summary>The repository's tools/pyvirtual.py, found by walking up from the test binaries.</summary>
    public static string VirtualHarness => Path.Combine(Repository.Root, "tools", "pyvirtual.py");

    /// <summary>
    /// Runs <paramref name="script"/> (Python source, UTF-8 on stdin) with python3 and returns what it printed (UTF-8).
    /// The output is cached by the interpreter's version and the script (<see cref="OracleCache.StoredOutput"/>): a
    /// script CPython already ran on the same interpreter is not run again.
    /// </summary>
    public static string RunScript(string script)
    {
        script = script.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (OracleCache.StoredOutput(Executable!, script) is { } stored) return stored;
        string output = RunScriptNow(script);
        OracleCache.RecordOutput(Executable!, script, output);
        return output;
    }

    private static string RunScriptNow(string script)
    {
        var psi = new ProcessStartInfo(Executable!) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = System.Diagnostics.Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using (var stdin = new StreamWriter(process.StandardInput.BaseStream, new System.Text.UTF8Encoding(false)))
            stdin.Write(script);
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"python3 failed ({process.ExitCode}) on the script:\n{stderr.Result}");
        return output;
    }

    /// <summary>
    /// Runs <paramref name="script"/> (Python source) with python3 on the virtual clock (tools/pyvirtual.py) and returns
    /// its output, cached as <see cref="RunScript"/>'s by the interpreter, pyvirtual.py and the script.
    /// </summary>
    public static Output RunVirtualScript(string script)
    {
        const string separator = "\n--- stderr ---\n";
        script = script.Replace("\r\n", "\n", StringComparison.Ordinal);
        string key = "# run with pyvirtual.py:\n" + File.ReadAllText(VirtualHarness) + "\n# the program:\n" + script;
        if (OracleCache.StoredOutput(Executable!, key) is { } stored)
        {
            int at = stored.IndexOf(separator, StringComparison.Ordinal);
            return new Output(stored[..at], stored[(at + separator.Length)..]);
        }
        string folder = Directory.CreateTempSubdirectory("pyasync-virtual-").FullName;
        try
        {
            string path = Path.Combine(folder, "program.py");
            File.WriteAllText(path, script);
            var output = RunVirtual(path);
            OracleCache.RecordOutput(Executable!, key, output.Stdout + separator + output.Stderr);
            return output;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs <paramref name="program"/> with CPython (python3, or <paramref name="version"/>) on a virtual clock; returns its raw output.</summary>
    public static Output RunVirtual(string program, string? version = null)
    {
        var psi = new ProcessStartInfo(ExecutableFor(version))
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
        using var process = System.Diagnostics.Process.Start(psi)!;
        var stderrTask = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit((int)PyRun.Watchdog.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python3 did not finish {program}");
        }
        return new Output(stdout.Replace("\r\n", "\n"), stderrTask.Result.Replace("\r\n", "\n"));
    }

    private static string? Find(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static string? FindPyenv(string version)
    {
        var versions = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv", "versions");
        if (!Directory.Exists(versions)) return null;
        return Directory.GetDirectories(versions, version + ".*")
            .OrderByDescending(d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version())
            .Select(d => Path.Combine(d, "bin", "python3"))
            .FirstOrDefault(File.Exists);
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

/// <summary>A theory that is skipped, saying why, when CPython 3.13 is missing.</summary>
public sealed class Python313TheoryAttribute : TheoryAttribute
{
    public Python313TheoryAttribute()
    {
        if (Python.Executable313 is null) Skip = Python.Missing313Reason;
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
