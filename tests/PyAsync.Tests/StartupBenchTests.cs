using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PyAsync.Bench.Harness;
using PyAsync.Bench.Startup;
using PyAsync.Tests.Support;

namespace PyAsync.Tests;

/// <summary>
/// The start-up bench (<c>dotnet run -c Release --project bench -- startup</c>) without publishing or
/// timing anything: its hello-world port prints what hello.py prints, and its table does the right
/// sums on made-up timings. Never its speed.
/// </summary>
[Trait("Category", "Slow")]
public class StartupBenchTests
{
    private static string StartupDir => Path.Combine(Repository.Root, "bench", "Startup");

    private static StartupRun Run(double firstLineMs, double exitMs, bool right = true) =>
        new(TimeSpan.FromMilliseconds(firstLineMs), TimeSpan.FromMilliseconds(exitMs), right);

    [Fact]
    public void The_Hello_port_prints_what_hello_py_prints()
    {
        // Compiled in memory with Roslyn against the PyAsync the tests use, and run on a virtual clock:
        // the same source the bench publishes, at none of the cost of a dotnet publish.
        string source = File.ReadAllText(Path.Combine(StartupDir, "Hello", "Program.cs"));
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => !Path.GetFileName(p).StartsWith("PyAsync", StringComparison.Ordinal))
            .Append(typeof(Asyncio).Assembly.Location)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("Hello",
            [CSharpSyntaxTree.ParseText(source, parse), CSharpSyntaxTree.ParseText("global using System;", parse)],
            references, new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var entry = Assembly.Load(image.ToArray()).EntryPoint!;

        var output = PyRun.Program(() => entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]));

        output.StdoutLines.ShouldBe(StartupBench.HelloLines);
        output.Stderr.ShouldBeEmpty();
    }

    [PythonFact]
    public void hello_py_prints_the_lines_the_bench_expects()
    {
        var start = new ProcessStartInfo(Python.Executable!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(StartupDir, "hello.py"));
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, error.Result);
        stdout.TrimEnd('\n').Split('\n').ShouldBe(StartupBench.HelloLines);
    }

    [Fact]
    public void Medians_minima_and_ratios_against_python3()
    {
        var python = new StartupRow("CPython", "python3 hello.py", IsReference: true, [Run(120, 240), Run(100, 220), Run(140, 260)], null);
        var aot = new StartupRow("PyAsync NativeAOT", "Hello", IsReference: false, [Run(20, 120), Run(30, 130), Run(10, 110), Run(40, 140)], 3_000_000);
        var rows = new[] { python, aot };

        python.FirstLineMedian.ShouldBe(120);
        aot.FirstLineMedian.ShouldBe(25);
        aot.FirstLineMin.ShouldBe(10);
        aot.ExitMedian.ShouldBe(125);
        var (firstLine, exit) = StartupReport.Ratios(aot, rows);
        firstLine!.Value.ShouldBe(120 / 25.0, 1e-9);
        exit!.Value.ShouldBe(240 / 125.0, 1e-9);
        StartupReport.Ratios(python, rows).ShouldBe((null, null));

        var cells = StartupReport.Cells(rows);
        cells[0][4].ShouldBe("1.00 (reference)");
        cells[1].ShouldBe(["PyAsync NativeAOT", "25.0", "10.0", "125.0", "4.80x", "1.92x", "3,000,000 B", "Hello"]);
    }

    [Fact]
    public void A_run_without_output_counts_its_exit_and_marks_the_row_wrong()
    {
        var row = new StartupRow("PyAsync JIT", "Hello", IsReference: false, [Run(50, 150), new StartupRun(null, TimeSpan.FromMilliseconds(70), false)], null);
        row.FirstLineMedian.ShouldBe(60);
        row.AllRight.ShouldBeFalse();
        StartupReport.Cells([row])[0][0].ShouldBe("PyAsync JIT WRONG OUTPUT");
        // Without a CPython row there is nothing to take ratios against.
        StartupReport.Cells([row])[0][4].ShouldBe("-");
    }

    [Fact]
    public void The_Markdown_table_lists_every_row_and_says_why_a_variant_was_skipped()
    {
        var rows = new[] { new StartupRow("CPython", "python3 hello.py", IsReference: true, [Run(120, 240)], null) };
        var markdown = StartupReport.Markdown(rows, [new SkippedVariant("PyAsync NativeAOT", "no linker: install clang")], runs: 1);
        markdown.ShouldContain("| CPython | 120.0 | 120.0 | 240.0 | 1.00 (reference) | 1.00 (reference) | - | `python3 hello.py` |");
        markdown.ShouldContain("- Skipped PyAsync NativeAOT: no linker: install clang");
    }

    [Theory]
    [InlineData("--runs")]
    [InlineData("--runs", "0")]
    [InlineData("--runs", "many")]
    [InlineData("--markdown")]
    [InlineData("--fast")]
    public void A_bad_command_line_is_a_usage_error(params string[] args) =>
        Should.Throw<UsageException>(() => StartupOptions.Parse(args));

    [Fact]
    public void The_command_line_is_read()
    {
        var options = StartupOptions.Parse(["--runs", "7", "--markdown", "out.md", "--no-aot", "--republish"]);
        options.Runs.ShouldBe(7);
        options.Markdown.ShouldBe("out.md");
        options.Aot.ShouldBeFalse();
        options.Republish.ShouldBeTrue();
        StartupOptions.Parse([]).Runs.ShouldBe(20);
    }
}
