using PyAsync.Examples;
using PyAsync.Tests.Support;

namespace PyAsync.Tests;

/// <summary>
/// Every example (examples/docNNN/: the seed snippets and the project's own programs): its C# port
/// prints what CPython printed for the Python original, and the stored CPython output is still what
/// CPython prints (python3, or the version the example names, e.g. 3.13 for <c>Queue.shutdown</c>).
/// </summary>
/// <remarks>
/// To refresh the stored outputs after changing a Python original, run
/// <c>PYASYNC_UPDATE_EXPECTED=1 dotnet test --filter ExampleStoredOutput</c>.
/// </remarks>
public class ExampleTests
{
    public static TheoryData<string> Examples() => Names(Catalog.All);

    /// <summary>The examples whose output python3 produced.</summary>
    public static TheoryData<string> ExamplesOfPython3() => Names(Catalog.All.Where(e => e.Python is null));

    /// <summary>The examples whose output CPython 3.13 produced.</summary>
    public static TheoryData<string> ExamplesOfPython313() => Names(Catalog.All.Where(e => e.Python == "3.13"));

    private static TheoryData<string> Names(IEnumerable<Example> examples)
    {
        var data = new TheoryData<string>();
        foreach (var example in examples) data.Add(example.Name);
        return data;
    }

    private static Example Find(string name) => Catalog.All.Single(e => e.Name == name);

    [Fact]
    public void Every_group_has_examples_and_names_are_unique()
    {
        Catalog.All.Select(e => e.Name).ShouldBeUnique();
        foreach (var group in Catalog.Groups) Catalog.All.ShouldContain(e => e.Group == group);
    }

    [Fact]
    public void Every_example_names_a_CPython_the_tests_know()
    {
        foreach (var example in Catalog.All) new string?[] { null, "3.13" }.ShouldContain(example.Python, $"{example.Name} names CPython {example.Python}");
    }

    [Fact]
    public void The_porting_guide_links_only_to_examples_that_exist()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var links = System.Text.RegularExpressions.Regex.Matches(readme, @"\((examples/doc\d+/\w+\.cs)\)").Select(m => m.Groups[1].Value).ToList();
        links.Count.ShouldBeGreaterThan(30);
        foreach (var link in links) File.Exists(Path.Combine(Repository.Root, link)).ShouldBeTrue($"README links to {link}, which does not exist");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_prints_what_CPython_printed(string name)
    {
        var example = Find(name);
        File.Exists(example.PythonPath).ShouldBeTrue($"{example.PythonPath} is missing");
        File.Exists(example.CSharpPath).ShouldBeTrue($"{example.CSharpPath} is missing");
        var output = ProgramHost.Run(new ProgramHost.Statements(example.Entry).Invoke, new VirtualClock(), asProcess: true);
        OutputNormalizer.Stdout(output.Stdout).ShouldBe(example.Expected, $"stdout of {name}");
        OutputNormalizer.Stderr(output.Stderr).ShouldBe(example.ExpectedStderr, $"stderr of {name}");
    }

    [PythonTheory]
    [MemberData(nameof(ExamplesOfPython3))]
    [Trait("Category", "Slow")]
    public void ExampleStoredOutput_is_what_CPython_prints(string name) => CheckStoredOutput(name);

    [Python313Theory]
    [MemberData(nameof(ExamplesOfPython313))]
    [Trait("Category", "Slow")]
    public void ExampleStoredOutput_is_what_CPython_3_13_prints(string name) => CheckStoredOutput(name);

    private static void CheckStoredOutput(string name)
    {
        var example = Find(name);
        var source = Path.Combine(Repository.Root, "examples", "doc" + example.Group.Id);
        string program = Path.Combine(source, example.Name + ".py");
        // Checked before with CPython on exactly these inputs (see OracleCache): not run again.
        string key = OracleCache.Key(Python.ExecutableFor(example.Python), program, example.Expected, example.ExpectedStderr);
        if (OracleCache.Verified(key)) return;
        var raw = Python.RunVirtual(program, example.Python);
        var stdout = OutputNormalizer.Stdout(raw.Stdout);
        var stderr = OutputNormalizer.Stderr(raw.Stderr);
        if (Environment.GetEnvironmentVariable("PYASYNC_UPDATE_EXPECTED") == "1")
        {
            Write(Path.Combine(source, example.Name + ".expected.txt"), stdout);
            Write(Path.Combine(source, example.Name + ".expected.stderr.txt"), stderr);
            return;
        }
        stdout.ShouldBe(example.Expected, $"CPython's stdout for {name} differs from the stored one");
        stderr.ShouldBe(example.ExpectedStderr, $"CPython's stderr for {name} differs from the stored one");
        OracleCache.Record(key);
    }

    private static void Write(string path, string content)
    {
        if (content.Length == 0) File.Delete(path);
        else File.WriteAllText(path, content);
    }
}
