using PyAsync.Bench.Harness;
using PyAsync.Bench.Startup;
using Spectre.Console;

namespace PyAsync.Tests;

/// <summary>
/// The bench's command line (bench/Harness/BenchCli.cs), run in process with the measurements replaced:
/// --help exits with 0 and names the command that runs the bench; a missing or wrong value is one line
/// on stderr and exit code 2, and nothing is measured.
/// </summary>
public class BenchCommandLineTests
{
    private sealed record Outcome(int ExitCode, string Output, string Error, string? Ran);

    private static Outcome Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        string? ran = null;
        var actions = new BenchActions
        {
            Bench = options => { ran = $"bench {options.Runs} {string.Join(',', options.Only.Select(w => w.Id))}"; return 0; },
            Startup = options => { ran = $"startup {options.Runs}"; return 0; },
            Unretrieved = n => { ran = $"unretrieved {n}"; return 0; },
        };
        int code = BenchCli.Run(args, console, error, actions);
        return new Outcome(code, output.ToString(), error.ToString(), ran);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_exits_with_0_and_shows_the_usage_with_the_command_that_runs_the_bench(string help)
    {
        var outcome = Run(help);

        outcome.ExitCode.ShouldBe(0);
        outcome.Ran.ShouldBeNull();
        outcome.Error.ShouldBeEmpty();
        outcome.Output.ShouldContain("USAGE:");
        outcome.Output.ShouldContain("dotnet run -c Release --project bench -- [OPTIONS]");
        foreach (var option in new[] { "--rounds", "--runs", "--only", "--no-cold", "--tiny", "--no-python", "--columns", "--no-micro", "--markdown", "--baseline", "--baseline-label" })
            outcome.Output.ShouldContain(option);
        outcome.Output.ShouldContain("startup");
        outcome.Output.ShouldContain("unretrieved");
    }

    [Fact]
    public void Startup_help_exits_with_0_and_names_its_options()
    {
        var outcome = Run("startup", "--help");

        outcome.ExitCode.ShouldBe(0);
        outcome.Ran.ShouldBeNull();
        outcome.Output.ShouldContain("dotnet run -c Release --project bench -- startup [OPTIONS]");
        foreach (var option in new[] { "--runs", "--markdown", "--republish", "--no-aot" }) outcome.Output.ShouldContain(option);
    }

    [Theory]
    [InlineData("--only needs a value", "--only")]
    [InlineData("--only needs a value", "--only", "--tiny")]
    [InlineData("--runs needs a value", "--tiny", "--runs")]
    [InlineData("--markdown needs a value", "--markdown", "--no-micro")]
    [InlineData("--runs needs a value", "startup", "--runs")]
    [InlineData("--runs needs a positive whole number, not 0", "--runs", "0")]
    [InlineData("'x'", "--rounds", "x")]
    [InlineData("unknown workload 'W11'", "--only", "W1,W11")]
    [InlineData("unknown column 'Nope'", "--columns", "Nope")]
    [InlineData("the Baseline column needs --baseline PATH", "--columns", "PyAsync,Baseline")]
    [InlineData("--baseline-label needs --baseline PATH", "--baseline-label", "old")]
    [InlineData("frobnicate", "--frobnicate")]
    [InlineData("frobnicate", "startup", "--frobnicate")]
    [InlineData("'x'", "unretrieved", "x")]
    [InlineData("N needs to be a positive whole number, not 0", "unretrieved", "0")]
    public void A_missing_or_wrong_value_is_one_line_on_stderr_and_exit_code_2(string message, params string[] args)
    {
        var outcome = Run(args);

        outcome.ExitCode.ShouldBe(2);
        outcome.Ran.ShouldBeNull();
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, outcome.Error);
        lines[0].ShouldStartWith("bench: ");
        lines[0].ShouldContain(message);
        outcome.Output.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("bench 5 W1,W1P,W1C,W2,W2P,W3,W4,W5,W6,W7,W8,W9,W10")]
    [InlineData("bench 2 W1,W4", "--runs", "2", "--only", "W1,W4", "--tiny", "--no-python", "--no-micro", "--no-cold", "--rounds", "1")]
    [InlineData("startup 20", "startup")]
    [InlineData("startup 3", "startup", "--runs", "3", "--no-aot", "--republish", "--markdown", "out.md")]
    [InlineData("unretrieved 1000", "unretrieved")]
    [InlineData("unretrieved 7", "unretrieved", "7")]
    public void Each_command_runs_with_what_its_command_line_says(string ran, params string[] args)
    {
        var outcome = Run(args);

        outcome.Error.ShouldBeEmpty();
        outcome.ExitCode.ShouldBe(0);
        outcome.Ran.ShouldBe(ran);
    }

    [Fact]
    public void The_options_objects_parse_as_the_command_line_does()
    {
        var options = Options.Parse(["--columns", "pyasync,CPython", "--markdown", "t.md", "--no-python"]);
        options.Columns.ShouldBe([Column.PyAsync, Column.CPython]);
        options.Markdown.ShouldBe("t.md");
        options.Python.ShouldBeFalse();
        Should.Throw<UsageException>(() => Options.Parse(["--only"])).Message.ShouldContain("--only needs a value");
        Should.Throw<UsageException>(() => StartupOptions.Parse(["--runs", "x"])).Message.ShouldContain("'x'");
    }
}
