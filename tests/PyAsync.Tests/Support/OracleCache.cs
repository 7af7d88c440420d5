using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PyAsync.Tests.Support;

/// <summary>
/// Which stored CPython outputs were already checked against CPython, for exactly these inputs: the
/// staleness checks (a program's stored output is what CPython prints for it) start a Python with the
/// virtual loop for each program, about a second each, and most runs change none of their inputs.
/// </summary>
/// <remarks>
/// <para>
/// A check's key is a SHA-256 of everything its result depends on: the interpreter's <c>sys.version</c>,
/// tools/pyvirtual.py, the program and the <c>.py</c> files of its folder it imports,
/// and the stored stdout and stderr it is compared with. A check whose key is in
/// <c>tests/oracle-verified.txt</c> passed before, with CPython, on the same inputs, and CPython on the
/// virtual clock is deterministic: it is not run again. Any change of an input, of the stored output, or
/// of the interpreter gives a new key, and CPython runs; a pass adds the key to the file (commit it with
/// the change, so CI skips what was checked).
/// </para>
/// <para>
/// <c>PYASYNC_ORACLE=always</c> runs every check with CPython whatever the file says (and still records
/// the passes); <c>PYASYNC_UPDATE_EXPECTED=1</c> always runs CPython, as it rewrites the stored outputs.
/// </para>
/// </remarks>
public static class OracleCache
{
    private static readonly string s_file = Path.Combine(Repository.Root, "tests", "oracle-verified.txt");
    private static readonly object s_lock = new();
    private static readonly Lazy<HashSet<string>> s_keys = new(() =>
        File.Exists(s_file)
            ? File.ReadAllLines(s_file).Where(l => l.Length > 0 && l[0] != '#').ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal));
    private static readonly Dictionary<string, string> s_versions = new(StringComparer.Ordinal);

    private static bool Always =>
        Environment.GetEnvironmentVariable("PYASYNC_ORACLE") == "always" ||
        Environment.GetEnvironmentVariable("PYASYNC_UPDATE_EXPECTED") == "1";

    /// <summary>The key of checking <paramref name="program"/> under <paramref name="interpreter"/> against the stored outputs.</summary>
    public static string Key(string interpreter, string program, string expectedStdout, string expectedStderr)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string label, byte[] bytes)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"\n{label} {bytes.Length}\n"));
            hash.AppendData(bytes);
        }
        Add("version", Encoding.UTF8.GetBytes(VersionOf(interpreter)));
        Add("harness", File.ReadAllBytes(Python.VirtualHarness));
        Add("program", Encoding.UTF8.GetBytes(Path.GetFileName(program)));
        foreach (var file in WithLocalImports(program))
            Add(Path.GetFileName(file), File.ReadAllBytes(file));
        Add("stdout", Encoding.UTF8.GetBytes(expectedStdout));
        Add("stderr", Encoding.UTF8.GetBytes(expectedStderr));
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    /// <summary>Whether the check with this key passed before (and is not to be run again).</summary>
    public static bool Verified(string key)
    {
        if (Always) return false;
        lock (s_lock) return s_keys.Value.Contains(key);
    }

    /// <summary>The check with this key passed with CPython: remember it.</summary>
    public static void Record(string key)
    {
        lock (s_lock)
        {
            if (!s_keys.Value.Add(key)) return;
            if (!File.Exists(s_file))
                File.WriteAllText(s_file, "# Keys of stored CPython outputs checked against CPython (tests/PyAsync.Tests/Support/OracleCache.cs).\n");
            File.AppendAllText(s_file, key + "\n");
        }
    }

    /// <summary>
    /// The program and the <c>.py</c> files of its folder that it imports (<c>import util</c>,
    /// <c>from util import delay</c>), and those they import, in a stable order.
    /// </summary>
    private static List<string> WithLocalImports(string program)
    {
        string folder = Path.GetDirectoryName(program)!;
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>([program]);
        while (todo.TryPop(out var file))
        {
            if (!found.Add(file)) continue;
            foreach (Match m in s_import.Matches(File.ReadAllText(file)))
            {
                foreach (var name in m.Groups["names"].Value.Split(','))
                {
                    string module = name.Trim().Split(' ')[0].Split('.')[0];
                    string path = Path.Combine(folder, module + ".py");
                    if (module.Length > 0 && File.Exists(path)) todo.Push(path);
                }
            }
        }
        return [.. found];
    }

    private static readonly Regex s_import = new(@"^\s*(?:from\s+(?<names>[\w.]+)\s+import|import\s+(?<names>[\w., ]+))", RegexOptions.Multiline);

    /// <summary>
    /// What CPython printed for <paramref name="script"/> before, under the same interpreter (<c>sys.version</c>),
    /// stored in <c>tests/cpython-outputs/</c> by <see cref="RecordOutput"/>; null when it never ran there (or with
    /// <c>PYASYNC_ORACLE=always</c>). A script's output is deterministic for the checks that use this.
    /// </summary>
    public static string? StoredOutput(string interpreter, string script)
    {
        if (Always) return null;
        string file = OutputFile(interpreter, script);
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    /// <summary>Stores what CPython printed for <paramref name="script"/>: commit the file with the change.</summary>
    public static void RecordOutput(string interpreter, string script, string output)
    {
        string file = OutputFile(interpreter, script);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, output);
    }

    private static string OutputFile(string interpreter, string script)
    {
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(VersionOf(interpreter) + "\n" + script))).ToLowerInvariant();
        return Path.Combine(Repository.Root, "tests", "cpython-outputs", key[..32] + ".txt");
    }

    private static string VersionOf(string interpreter)
    {
        lock (s_lock)
        {
            if (s_versions.TryGetValue(interpreter, out var known)) return known;
        }
        var psi = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("import sys; print(sys.version)");
        using var process = System.Diagnostics.Process.Start(psi)!;
        string version = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        if (process.ExitCode != 0 || version.Length == 0) throw new InvalidOperationException($"{interpreter} did not tell its version");
        lock (s_lock) s_versions[interpreter] = version;
        return version;
    }
}
