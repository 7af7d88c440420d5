using System.Reflection;
using PyAsync.Examples;
using PyAsync.Tests.Support;

namespace PyAsync.Tests;

/// <summary>
/// Small programs kept both ways under tests/PyAsync.Tests/Programs/NAME/: the Python original
/// (main.py), its C# port (Program.cs, namespace <c>PyAsync.Tests.Programs.Name</c>, entry point
/// <c>Program.Entry()</c>), and what CPython printed for it (expected.txt for stdout,
/// expected.stderr.txt for stderr), normalised by <see cref="OutputNormalizer"/>.
/// </summary>
/// <remarks>
/// To refresh the stored outputs after changing a Python original, run
/// <c>PYASYNC_UPDATE_EXPECTED=1 dotnet test --filter StoredOutput</c>.
/// </remarks>
public class ProgramTests
{
    private static string ProgramsDir => Path.Combine(Repository.Root, "tests", "PyAsync.Tests", "Programs");

    public static TheoryData<string> Programs()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(ProgramsDir).Order(StringComparer.Ordinal))
            if (File.Exists(Path.Combine(dir, "main.py"))) data.Add(Path.GetFileName(dir));
        return data;
    }

    [Fact]
    public void There_are_at_least_15_programs() => ((IEnumerable<object[]>)Programs()).Count().ShouldBeGreaterThanOrEqualTo(15);

    [Theory]
    [MemberData(nameof(Programs))]
    public void Port_prints_what_CPython_printed(string name)
    {
        var output = PyRun.Program(EntryOf(name));
        OutputNormalizer.Stdout(output.Stdout).ShouldBe(Read(name, "expected.txt"), $"stdout of {name}");
        OutputNormalizer.Stderr(output.Stderr).ShouldBe(Read(name, "expected.stderr.txt"), $"stderr of {name}");
    }

    [PythonTheory]
    [MemberData(nameof(Programs))]
    [Trait("Category", "Slow")]
    public void StoredOutput_is_what_CPython_prints(string name)
    {
        string program = Path.Combine(ProgramsDir, name, "main.py");
        // Checked before with CPython on exactly these inputs (see OracleCache): not run again.
        string key = OracleCache.Key(Python.ExecutableFor(null), program, Read(name, "expected.txt"), Read(name, "expected.stderr.txt"));
        if (OracleCache.Verified(key)) return;
        var raw = Python.RunVirtual(program);
        var stdout = OutputNormalizer.Stdout(raw.Stdout);
        var stderr = OutputNormalizer.Stderr(raw.Stderr);
        if (Environment.GetEnvironmentVariable("PYASYNC_UPDATE_EXPECTED") == "1")
        {
            Write(name, "expected.txt", stdout);
            Write(name, "expected.stderr.txt", stderr);
        }
        stdout.ShouldBe(Read(name, "expected.txt"), $"CPython's stdout for {name} differs from the stored one");
        stderr.ShouldBe(Read(name, "expected.stderr.txt"), $"CPython's stderr for {name} differs from the stored one");
        OracleCache.Record(key);
    }

    private static Action EntryOf(string name)
    {
        string pascal = string.Concat(name.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        var type = typeof(ProgramTests).Assembly.GetType($"PyAsync.Tests.Programs.{pascal}.Program")
                   ?? throw new InvalidOperationException($"No port PyAsync.Tests.Programs.{pascal}.Program for {name}");
        var entry = type.GetMethod("Entry", BindingFlags.Public | BindingFlags.Static)
                    ?? throw new InvalidOperationException($"{type} has no public static Entry()");
        return entry.CreateDelegate<Action>();
    }

    private static string Read(string name, string file)
    {
        var path = Path.Combine(ProgramsDir, name, file);
        return File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "";
    }

    private static void Write(string name, string file, string content)
    {
        var path = Path.Combine(ProgramsDir, name, file);
        if (content.Length == 0) File.Delete(path);
        else File.WriteAllText(path, content);
    }
}
