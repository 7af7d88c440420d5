using PyAsync.Examples;
using Spectre.Console;

namespace PyAsync.Tests;

/// <summary>The examples runner's commands, run in-process on a plain-text console.</summary>
public class ExampleRunnerTests
{
    private static (int ExitCode, string Text) RunRunner(params string[] args)
    {
        var output = new StringWriter();
        var console = ExampleRunner.CreateConsole(output, redirected: true);
        int code = new ExampleRunner(console).Run(args);
        return (code, output.ToString());
    }

    [Fact]
    public void Without_arguments_it_lists_the_examples_by_group()
    {
        var (code, text) = RunRunner();
        code.ShouldBe(0);
        foreach (var group in Catalog.Groups) text.ShouldContain(group.Heading);
        text.ShouldContain("100 · Synchronization, queues, threads and context");
        foreach (var example in Catalog.All) text.ShouldContain(example.Name);
        text.ShouldNotContain("\u001b[");
    }

    [Fact]
    public void Run_shows_both_sources_the_output_the_verdict_and_a_summary()
    {
        var (code, text) = RunRunner("run", "say_after");
        code.ShouldBe(0);
        text.ShouldContain("Python: doc004/say_after.py");
        text.ShouldContain("C#: doc004/SayAfterExample.cs");
        text.ShouldContain("await say_after(1, 'hello')");
        text.ShouldContain("await SayAfter(1, \"hello\");");
        text.ShouldContain("finished at 12:00:03");
        text.ShouldContain("✔ matches CPython's output (3.0 s virtual time)");
        text.ShouldContain("Summary");
        text.ShouldContain("The example prints what CPython prints.");
        text.ShouldNotContain("\u001b[");
    }

    [Fact]
    public void A_document_can_be_run_alone()
    {
        var (code, text) = RunRunner("doc", "004");
        code.ShouldBe(0);
        text.ShouldContain($"All {Catalog.All.Count(e => e.Group.Id == "004")} examples print what CPython prints.");
    }

    [Fact]
    public void An_example_whose_output_came_from_another_CPython_says_which()
    {
        var (_, text) = RunRunner("run", "queue_shutdown");
        text.ShouldContain("Python 3.13: doc100/queue_shutdown.py");
        text.ShouldContain("C#: doc100/QueueShutdownExample.cs");
    }

    [Fact]
    public void Bad_arguments_are_a_usage_error()
    {
        RunRunner("run", "no_such_example").ExitCode.ShouldBe(2);
        RunRunner("doc", "999").ExitCode.ShouldBe(2);
        RunRunner("frobnicate").ExitCode.ShouldBe(2);
        RunRunner("all", "--no-such-option").ExitCode.ShouldBe(2);
        RunRunner("run", "say_after", "--width", "5").ExitCode.ShouldBe(2);
    }

    [Fact]
    public void Help_exits_0_and_shows_the_usage_with_the_dotnet_run_prefix()
    {
        var (code, text) = RunRunner("--help");
        code.ShouldBe(0);
        text.ShouldContain("USAGE:");
        text.ShouldContain("dotnet run --project examples -- [OPTIONS] [COMMAND]");
        foreach (var command in new[] { "list", "all", "doc <NNN>", "run <NAME>" }) text.ShouldContain(command);
        text.ShouldContain("--width");
    }

    [Fact]
    public void A_command_s_help_shows_its_options_with_the_prefix()
    {
        var (code, text) = RunRunner("run", "--help");
        code.ShouldBe(0);
        text.ShouldContain("dotnet run --project examples -- run <NAME>");
        text.ShouldContain("--real-time");
        text.ShouldContain("--width");
    }

    [Fact]
    public void Doc_without_a_group_is_a_clear_usage_error()
    {
        var (code, text) = RunRunner("doc");
        code.ShouldBe(2);
        text.ShouldContain("Error: Command 'doc' is missing required argument 'NNN'.");
        text.ShouldContain("See 'dotnet run --project examples -- --help'.");
    }

    [Fact]
    public void An_unknown_group_is_a_usage_error_that_lists_the_groups()
    {
        var (code, text) = RunRunner("doc", "999");
        code.ShouldBe(2);
        text.ShouldContain("No group '999'; the groups are 000, 001, 002, 003, 004, 100, 101.");
    }

    [Fact]
    public void An_unknown_example_is_a_usage_error_that_names_it_and_runs_nothing()
    {
        var (code, text) = RunRunner("run", "say_after", "no_such_example");
        code.ShouldBe(2);
        text.ShouldContain("No example named 'no_such_example'");
        text.ShouldNotContain("Summary");
    }

    [Fact]
    public void A_pair_that_is_not_in_the_catalog_can_be_shown_and_run_and_a_difference_is_a_diff()
    {
        var output = new StringWriter();
        var runner = new ExampleRunner(ExampleRunner.CreateConsole(output, redirected: true));
        var showcase = new PortShowcase("a pair of my own",
            new PanePair(new SourcePane("Python: mine.py", "print('a')\nprint('b')\n"), new SourcePane("C#: Mine.cs", "Print(\"a\");\nPrint(\"c\");\n")),
            "a\nb\n", "");
        var outcome = runner.ShowAndRun(showcase, () => new ProgramOutput("a\nc\n", "", 0.5), realTime: false);
        outcome.Matches.ShouldBeFalse();
        outcome.Seconds.ShouldBe(0.5);
        var text = output.ToString();
        text.ShouldContain("a pair of my own");
        text.ShouldContain("print('b')");
        text.ShouldContain("Print(\"c\");");
        text.ShouldContain("✘ differs from CPython's output (0.5 s virtual time)");
        text.ShouldContain("  a\n- b\n+ c\n");
    }

    [Fact]
    public void A_pair_whose_output_matches_is_reported_so()
    {
        var output = new StringWriter();
        var runner = new ExampleRunner(ExampleRunner.CreateConsole(output, redirected: true));
        var showcase = new PortShowcase("same", new PanePair(new SourcePane("P", "x"), new SourcePane("C", "y")), "ok\n", "warned\n");
        runner.ShowAndRun(showcase, () => new ProgramOutput("ok\n", "warned\n", 1), realTime: false).Matches.ShouldBeTrue();
        output.ToString().ShouldContain("✔ matches CPython's output (1.0 s virtual time)");
    }

    [Fact]
    public void The_csharp_pane_shows_the_port_as_a_top_level_program()
    {
        var (_, text) = RunRunner("run", "say_after");
        text.ShouldContain("│ static async Coroutine SayAfter(double delay, string what)");
        text.ShouldContain("Run(Main());");
        text.ShouldNotContain("namespace PyAsync.Examples");
        text.ShouldNotContain("[Example(");
        text.ShouldNotContain("Entry()");
        text.ShouldNotContain("public static class SayAfterExample");
    }

    [Fact]
    public void A_local_module_the_program_imports_is_shown_with_its_port()
    {
        var (_, text) = RunRunner("run", "three_delay_tasks");
        text.ShouldContain("Python: doc000/util.py");
        text.ShouldContain("C#: doc000/Util.cs");
        text.ShouldContain("public static class Util");
        text.ShouldContain("async def delay(delay_seconds: int) -> int:");
    }

    [Fact]
    public void At_120_columns_a_pair_that_fits_is_side_by_side()
    {
        var (code, text) = RunRunner("run", "say_after_create_task", "--width", "120");
        code.ShouldBe(0);
        var lines = Lines(text);
        lines.ShouldAllBe(l => l.GetCellWidth() <= 120);
        lines.ShouldContain(l => l.Contains("│ Python: doc004/say_after_create_task.py ") && l.Contains("│ C#: doc004/SayAfterCreateTaskExample.cs "));
        lines.ShouldContain(l => l.StartsWith("│     print(f\"started at {time.strftime('%X')}\")  ", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("│     Print($\"started at {Time.Strftime(\"%X\")}\");  ", StringComparison.Ordinal));
    }

    [Fact]
    public void At_80_columns_a_pair_too_wide_is_stacked_with_no_line_wrapped()
    {
        var (code, text) = RunRunner("run", "say_after_create_task", "--width", "80");
        code.ShouldBe(0);
        var lines = Lines(text);
        lines.ShouldAllBe(l => l.GetCellWidth() <= 80);
        int python = lines.FindIndex(l => l.Contains("Python: doc004/say_after_create_task.py"));
        int csharp = lines.FindIndex(l => l.Contains("C#: doc004/SayAfterCreateTaskExample.cs"));
        python.ShouldBeGreaterThanOrEqualTo(0);
        csharp.ShouldBeGreaterThan(python);
        // Whole lines, each on one line of its pane.
        lines.ShouldContain(l => l.StartsWith("│     print(f\"started at {time.strftime('%X')}\")", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("│     Print($\"started at {Time.Strftime(\"%X\")}\");", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.Contains("print(f\"started at") && l.Contains("Print($\"started at"));
    }

    [Fact]
    public void A_line_wider_than_its_pane_is_cut_with_a_marker_never_wrapped()
    {
        var example = Catalog.All.Single(e => e.Name == "to_thread_contextvar");
        string longest = example.Panes.CSharp.Lines.MaxBy(l => l.Length)!;
        longest.Length.ShouldBeGreaterThan(76);
        var (_, text) = RunRunner("run", example.Name, "--width", "80");
        var lines = Lines(text);
        lines.ShouldAllBe(l => l.GetCellWidth() <= 80);
        lines.ShouldContain("│ " + longest[..75] + "… │");
        // The rest of the line is not wrapped onto the next one.
        string rest = longest[75..];
        lines.ShouldNotContain(l => l.Contains(rest, StringComparison.Ordinal));
    }

    [Fact]
    public void Redirected_output_is_160_columns_unless_COLUMNS_or_width_says_otherwise()
    {
        ExampleRunner.CreateConsole(new StringWriter(), redirected: true).Profile.Width.ShouldBe(160);
        ExampleRunner.CreateConsole(new StringWriter(), redirected: true, width: ExampleRunner.ColumnsVariable("100")).Profile.Width.ShouldBe(100);
        ExampleRunner.ColumnsVariable(null).ShouldBeNull();
        ExampleRunner.ColumnsVariable("wide").ShouldBeNull();
        ExampleRunner.ColumnsVariable("0").ShouldBeNull();
        var (_, text) = RunRunner("list", "--width", "60");
        Lines(text).Where(l => l.StartsWith('╭')).ShouldAllBe(l => l.GetCellWidth() == 60);
    }

    [Fact]
    public void Cut_keeps_a_line_that_fits_and_marks_one_that_does_not()
    {
        SourcePanes.Cut("abcd", 4).ShouldBe("abcd");
        SourcePanes.Cut("abcde", 4).ShouldBe("abc…");
        SourcePanes.Cut("", 1).ShouldBe("");
    }

    [Fact]
    public void The_side_by_side_threshold_is_both_panes_widest_lines_plus_the_borders()
    {
        var pair = new PanePair(new SourcePane("P", "0123456789\nab\n"), new SourcePane("C#: a longer title", "x\n"));
        pair.SideBySideWidth.ShouldBe(10 + 18 + 7);
        SourcePanes.FitSideBySide(pair, 35).ShouldBeTrue();
        SourcePanes.FitSideBySide(pair, 34).ShouldBeFalse();
        var writer = new StringWriter();
        var exact = ExampleRunner.CreateConsole(writer, redirected: true, width: 35);
        foreach (var pane in SourcePanes.Render([pair], 35)) exact.Write(pane);
        Lines(writer.ToString()).ShouldContain("│ 0123456789 │ x                  │");
    }

    /// <summary>Every C# file of the examples (copied next to the runner): the examples' ports and their local modules.</summary>
    public static TheoryData<string> PortFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in CSharpFiles()) data.Add(file);
        return data;
    }

    private static List<string> CSharpFiles() =>
    [
        .. Directory.GetDirectories(AppContext.BaseDirectory, "doc*")
            .SelectMany(folder => Directory.GetFiles(folder, "*.cs"))
            .Order(StringComparer.Ordinal),
    ];

    [Fact]
    public void Every_CSharp_file_is_an_example_s_port_or_a_module_an_example_shows()
    {
        var files = CSharpFiles().Select(f => Path.GetRelativePath(AppContext.BaseDirectory, f).Replace('\\', '/')).ToList();
        files.Count.ShouldBeGreaterThan(60);
        var ports = Catalog.All.Select(e => $"doc{e.Group.Id}/{e.SourceFileName}").ToHashSet();
        var modules = Catalog.All.SelectMany(e => e.Helpers).Select(h => h.CSharp.Title["C#: ".Length..]).ToHashSet();
        modules.ShouldBe(["doc000/Util.cs", "doc003/Util.cs"], ignoreOrder: true);
        foreach (var file in files) (ports.Contains(file) || modules.Contains(file)).ShouldBeTrue($"{file} is shown by no example");
    }

    [Theory]
    [MemberData(nameof(PortFiles))]
    public void The_stripped_view_of_a_port_has_no_plumbing_and_invents_nothing(string path)
    {
        string original = File.ReadAllText(path).Replace("\r\n", "\n");
        string view = PortView.Strip(original, Path.GetFileName(path));
        view.ShouldNotContain("namespace");
        view.ShouldNotContain("[Example");
        view.ShouldNotContain("Entry()");
        view.ShouldNotContain("// Seed");
        // Every non-blank line of the view is a line of the file, in the file's order, de-indented at most
        // one level (two for the statements of a block Entry(), which become top-level statements), or the
        // expression of 'Entry() => X;'.
        var source = original.Split('\n');
        int at = 0;
        foreach (var line in view.Split('\n').Where(l => l.Length > 0))
        {
            while (at < source.Length && !Shows(source[at], line)) at++;
            at.ShouldBeLessThan(source.Length, $"'{line}' of the view of {Path.GetFileName(path)} is not a line of the file (in order)");
            at++;
        }
    }

    private static bool Shows(string original, string line) =>
        original == line || original == "    " + line || original == "        " + line || original == "    public static void Entry() => " + line;

    [Fact]
    public void The_stripper_rejects_a_file_of_another_shape_and_names_it()
    {
        const string good = "// header\nusing static PyAsync.Asyncio;\n\nnamespace PyAsync.Examples.Doc004;\n\n[Example(\"004\", 1, \"x\")]\npublic static class XExample\n{\n    static async Coroutine Main()\n    {\n    }\n\n    public static void Entry() => Run(Main());\n}\n";
        PortView.Strip(good, "XExample.cs").ShouldBe("using static PyAsync.Asyncio;\n\nstatic async Coroutine Main()\n{\n}\n\nRun(Main());\n");
        Should.Throw<FormatException>(() => PortView.Strip(good.Replace("namespace PyAsync.Examples.Doc004;", "namespace Other;"), "XExample.cs"))
            .Message.ShouldStartWith("XExample.cs:4: ");
        Should.Throw<FormatException>(() => PortView.Strip(good.Replace("    public static void Entry() => Run(Main());\n", ""), "XExample.cs"))
            .Message.ShouldContain("XExample.cs");
        Should.Throw<FormatException>(() => PortView.Strip(good + "public static class Another\n{\n}\n", "XExample.cs"))
            .Message.ShouldContain("XExample.cs");
        Should.Throw<FormatException>(() => PortView.Strip(good.Replace("    static async", "static async"), "XExample.cs"))
            .Message.ShouldContain("XExample.cs:9:");
    }

    [Fact]
    public void A_block_Entry_becomes_top_level_statements()
    {
        const string source = "using static PyAsync.Asyncio;\n\nnamespace PyAsync.Examples.Doc001;\n\n[Example(\"001\", 1, \"x\")]\npublic static class XExample\n{\n    static void Main()\n    {\n        Print(1);\n    }\n\n    public static void Entry()\n    {\n        // if __name__ == '__main__':\n        Main();\n    }\n}\n";
        PortView.Strip(source, "XExample.cs").ShouldBe("using static PyAsync.Asyncio;\n\nstatic void Main()\n{\n    Print(1);\n}\n\n// if __name__ == '__main__':\nMain();\n");
    }

    [Fact]
    public void A_helper_module_keeps_its_class()
    {
        const string source = "// header\nusing static PyAsync.Asyncio;\n\nnamespace PyAsync.Examples.Doc000;\n\npublic static class Util\n{\n    public static int One() => 1;\n}\n";
        PortView.Strip(source, "Util.cs").ShouldBe("using static PyAsync.Asyncio;\n\npublic static class Util\n{\n    public static int One() => 1;\n}\n");
    }

    [Fact]
    public void The_diff_marks_CPython_s_lines_with_minus_PyAsync_s_with_plus_and_common_ones_with_spaces()
    {
        LineDiff.Lines("a\nb\nc\n", "a\nx\nc\nd\n").ShouldBe(["  a", "- b", "+ x", "  c", "+ d"]);
        LineDiff.Lines("", "a\n").ShouldBe(["+ a"]);
        LineDiff.Lines("a\n", "").ShouldBe(["- a"]);
        LineDiff.Lines("same\n", "same\n").ShouldBe(["  same"]);
    }

    private static List<string> Lines(string text) => [.. text.Replace("\r\n", "\n").Split('\n')];
}
