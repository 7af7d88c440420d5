using System.Runtime.ExceptionServices;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PyAsync.Examples;

/// <summary>The outcome of running one example.</summary>
public sealed record ExampleOutcome(Example Example, bool Matches, double Seconds, string? Failure);

/// <summary>The outcome of showing and running one pair: whether its output matches, its time (NaN when it raised), and why it raised.</summary>
public sealed record PairOutcome(bool Matches, double Seconds, string? Failure);

/// <summary>
/// A Python program and its C# port as the runner shows them: a heading, the two sources (and the
/// local modules the program imports), and what CPython printed.
/// </summary>
/// <param name="Heading">The rule above the panes (plain text, not markup).</param>
/// <param name="Panes">The program's Python and C# panes.</param>
/// <param name="ExpectedStdout">CPython's stdout, normalised (<see cref="OutputNormalizer.Stdout"/>).</param>
/// <param name="ExpectedStderr">CPython's stderr, normalised (<see cref="OutputNormalizer.Stderr"/>); empty when it printed nothing.</param>
public sealed record PortShowcase(string Heading, PanePair Panes, string ExpectedStdout, string ExpectedStderr)
{
    /// <summary>CPython's exit status, when known (the <c>port</c> command runs CPython); the examples store only the output.</summary>
    public int? ExpectedExitCode { get; init; }

    /// <summary>The local modules' panes, shown below the program's.</summary>
    public IReadOnlyList<PanePair> Helpers { get; init; } = [];
}

/// <summary>
/// The examples runner, the project's main command (<see cref="ApplicationName"/>), on
/// Spectre.Console.Cli:
/// <code>
///   list                 list the examples by group (the default)
///   all                  run every example
///   doc NNN              run the examples of one group (a seed document, or 100, 101)
///   run NAME...          run some examples
///   --real-time          (all, doc, run) sleep for real instead of on the virtual clock
///   --width N            render for a console N columns wide
/// </code>
/// For each example it shows the Python original next to the C# port (one above the other when the
/// console is too narrow for both, see <see cref="SourcePanes"/>), then the port's output, marked as
/// matching CPython's stored output or not (with a diff); at the end, a summary table.
/// Exit codes: 0 when every example run matches (and for <c>list</c> and <c>--help</c>), 1 when an
/// example differs or raises, 2 for a usage error (an unknown command or option, a missing value, an
/// unknown group or example).
/// </summary>
public sealed class ExampleRunner
{
    /// <summary>How the runner is started, shown in its usage.</summary>
    public const string ApplicationName = "dotnet run --project examples --";

    /// <summary>The exit code of a usage error.</summary>
    public const int UsageErrorCode = 2;

    /// <summary>The width a redirected output is rendered for, unless <c>COLUMNS</c> or <c>--width</c> says otherwise.</summary>
    public const int RedirectedWidth = 160;

    private readonly IAnsiConsole _console;

    public ExampleRunner(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
    }

    /// <summary>
    /// A console for the runner. Redirected: plain text (no colours), <paramref name="width"/> columns wide
    /// (<see cref="RedirectedWidth"/> when null). On a terminal: colours (unless <paramref name="noColor"/>)
    /// and the terminal's width, unless <paramref name="width"/> is given.
    /// </summary>
    public static IAnsiConsole CreateConsole(TextWriter output, bool redirected, int? width = null, bool noColor = false)
    {
        bool plain = redirected || noColor;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (width is not null || redirected) console.Profile.Width = width ?? RedirectedWidth;
        return console;
    }

    /// <summary>The width <c>COLUMNS</c> gives (a positive number), or null.</summary>
    public static int? ColumnsVariable(string? value) => int.TryParse(value, out int columns) && columns > 0 ? columns : null;

    /// <summary>The console's width, in columns.</summary>
    public int Width => _console.Profile.Width;

    /// <summary>Parses <paramref name="arguments"/> and runs the command; returns the exit code (see the class).</summary>
    public int Run(IReadOnlyList<string> arguments)
    {
        var app = new CommandApp<ListCommand>();
        app.WithData(this).WithDescription(
            "The PyAsync examples: each Python program next to its C# port, the port run and its output compared with CPython's. " +
            "Without a command, lists the examples. Exit code: 0 when every example run matches, 1 when one differs, 2 for a usage error.");
        app.Configure(config =>
        {
            config.SetApplicationName(ApplicationName);
            config.UseStrictParsing();
            config.ConfigureConsole(_console);
            config.AddCommand<ListCommand>("list").WithData(this)
                .WithDescription("List the examples by group (the default).");
            config.AddCommand<AllCommand>("all").WithData(this)
                .WithDescription("Run every example and compare its output with CPython's.")
                .WithExample("all").WithExample("all", "--real-time");
            config.AddCommand<DocCommand>("doc").WithData(this)
                .WithDescription($"Run the examples of one group: {string.Join(", ", Catalog.Groups.Select(g => g.Id))}.")
                .WithExample("doc", "003");
            config.AddCommand<RunCommand>("run").WithData(this)
                .WithDescription("Run the examples named (see list).")
                .WithExample("run", "say_after", "three_delay_tasks").WithExample("run", "say_after", "--width", "80");
            config.AddCommand<PortCommand>("port").WithData(this)
                .WithDescription("Run your own pair: a Python program under CPython (python3, on the virtual clock) and its C# port with PyAsync, side by side, with a diff of their outputs.")
                .WithExample("port", "path/to/program.py", "path/to/Program.cs");
            config.SetExceptionHandler((exception, _) => Failed(exception));
        });
        return app.Run(arguments);
    }

    /// <summary>
    /// The <c>port</c> command: runs <paramref name="pythonPath"/> under CPython and compiles and runs
    /// <paramref name="csharpPath"/> with PyAsync (<see cref="PortCompiler"/>), both on the virtual clock
    /// unless <paramref name="realTime"/>, and shows them as an example is shown. Exit code 0 when the port
    /// prints what CPython prints and exits with its status, 1 when not or when the C# does not compile.
    /// </summary>
    internal int Port(string pythonPath, string csharpPath, string python, bool realTime)
    {
        var compiled = PortCompiler.Compile(csharpPath);
        var panes = new PanePair(
            new SourcePane($"Python: {pythonPath}", File.ReadAllText(pythonPath)),
            new SourcePane($"C#: {csharpPath}", File.ReadAllText(csharpPath)));
        string heading = $"port · {Path.GetFileName(pythonPath)} and {Path.GetFileName(csharpPath)}";
        if (compiled.Entry is not { } entry)
        {
            _console.Write(new Rule(Markup.Escape(heading)).LeftJustified());
            foreach (var pane in SourcePanes.Render([panes], Width)) _console.Write(pane);
            _console.Write(new Text($"✘ {csharpPath} does not compile:\n", Style(Color.Red)));
            foreach (var error in compiled.Errors) _console.Write(new Text(error + "\n", Style(Color.Red)));
            return 1;
        }
        CPythonOutput original;
        try
        {
            original = CPythonRun.Run(python, pythonPath, realTime);
        }
        catch (Exception e) when (e is FileNotFoundException or TimeoutException)
        {
            _console.Write(new Text($"Error: {e.Message}\n", Style(Color.Red)));
            return UsageErrorCode;
        }
        var showcase = new PortShowcase(heading, panes,
            OutputNormalizer.Stdout(original.Stdout), OutputNormalizer.Stderr(original.Stderr))
        {
            ExpectedExitCode = original.ExitCode,
        };
        TimeProvider clock = realTime ? TimeProvider.System : new VirtualClock();
        var outcome = ShowAndRun(showcase, () => ProgramHost.Run(entry, clock, asProcess: true), realTime);
        return outcome.Matches ? 0 : 1;
    }

    /// <summary>Sets the width the runner renders for (<c>--width</c>).</summary>
    internal void SetWidth(int width) => _console.Profile.Width = width;

    /// <summary>A usage error (Spectre's parse and validation errors) is reported in one line and exit code 2; anything else is a bug and goes on.</summary>
    private int Failed(Exception exception)
    {
        if (exception is not CommandAppException) ExceptionDispatchInfo.Capture(exception).Throw();
        _console.Write(new Text($"Error: {exception.Message}\n", Style(Color.Red)));
        _console.WriteLine($"See '{ApplicationName} --help'.");
        return UsageErrorCode;
    }

    internal int List()
    {
        _console.WriteLine("PyAsync examples: every snippet of the seed documents, and the project's own programs, ported to C#.");
        _console.WriteLine();
        foreach (var group in Catalog.Groups)
        {
            var table = new Table().Border(TableBorder.Rounded).Expand()
                .Title(Markup.Escape(group.Heading))
                .AddColumn("Example").AddColumn("What it shows");
            foreach (var example in Catalog.All.Where(e => e.Group == group))
                table.AddRow(new Text(example.Name), new Text(example.Title));
            _console.Write(table);
        }
        _console.WriteLine();
        _console.WriteLine($"Run them with '{ApplicationName} all', 'doc NNN' or 'run NAME...'; '{ApplicationName} --help' says more.");
        return 0;
    }

    internal int RunAll(IReadOnlyList<Example> examples, bool realTime)
    {
        var outcomes = examples.Select(e => RunOne(e, realTime)).ToList();
        Summary(outcomes, realTime);
        return outcomes.All(o => o.Matches) ? 0 : 1;
    }

    private ExampleOutcome RunOne(Example example, bool realTime)
    {
        var showcase = new PortShowcase($"{example.Group.Id} · {example.Name}: {example.Title}", example.Panes, example.Expected, example.ExpectedStderr)
        {
            Helpers = example.Helpers,
        };
        TimeProvider clock = realTime ? TimeProvider.System : new VirtualClock();
        var outcome = ShowAndRun(showcase, () => ProgramHost.Run(new ProgramHost.Statements(example.Entry).Invoke, clock, asProcess: true), realTime);
        return new ExampleOutcome(example, outcome.Matches, outcome.Seconds, outcome.Failure);
    }

    /// <summary>
    /// Shows one program and its port (the heading, the panes, the helpers' panes), runs the port with
    /// <paramref name="run"/>, shows its output, and compares it with CPython's (with a diff when it
    /// differs). The examples come through here; so can a pair that is not in the catalog.
    /// </summary>
    /// <param name="realTime">The program ran on the real clock: the time of day is masked on both sides before comparing.</param>
    public PairOutcome ShowAndRun(PortShowcase showcase, Func<ProgramOutput> run, bool realTime)
    {
        ArgumentNullException.ThrowIfNull(showcase);
        ArgumentNullException.ThrowIfNull(run);
        _console.Write(new Rule(Markup.Escape(showcase.Heading)).LeftJustified());
        foreach (var pane in SourcePanes.Render([showcase.Panes, .. showcase.Helpers], Width)) _console.Write(pane);

        ProgramOutput output;
        try
        {
            output = run();
        }
        catch (Exception e)
        {
            _console.Write(new Text($"The program raised {e.GetType().Name}: {e.Message}\n", Style(Color.Red)));
            return new PairOutcome(false, double.NaN, e.Message);
        }

        _console.Write(new Text("Output:\n", Style(Color.Grey)));
        _console.Write(new Text(output.Stdout.Length == 0 ? "(nothing)\n" : output.Stdout));
        if (output.Stderr.Length > 0)
        {
            _console.Write(new Text("stderr:\n", Style(Color.Grey)));
            _console.Write(new Text(output.Stderr));
        }

        var (stdout, expected) = (OutputNormalizer.Stdout(output.Stdout), showcase.ExpectedStdout);
        var (stderr, expectedStderr) = (OutputNormalizer.Stderr(output.Stderr), showcase.ExpectedStderr);
        if (realTime)
        {
            (stdout, expected) = (OutputNormalizer.MaskTimeOfDay(stdout), OutputNormalizer.MaskTimeOfDay(expected));
            (stderr, expectedStderr) = (OutputNormalizer.MaskTimeOfDay(stderr), OutputNormalizer.MaskTimeOfDay(expectedStderr));
        }
        if (output.ExitCode != 0) _console.Write(new Text($"exit status {output.ExitCode}\n", Style(Color.Grey)));
        bool exitMatches = showcase.ExpectedExitCode is not { } expectedExit || expectedExit == output.ExitCode;
        bool matches = stdout == expected && stderr == expectedStderr && exitMatches;
        string time = Seconds(output.Seconds, realTime);
        if (matches)
        {
            _console.Write(new Text($"✔ matches CPython's output ({time}{(realTime ? ", time of day masked" : "")})\n\n", Style(Color.Green)));
        }
        else
        {
            _console.Write(new Text($"✘ differs from CPython's output ({time}); - CPython, + PyAsync:\n", Style(Color.Red)));
            if (stdout != expected) Diff("stdout", expected, stdout);
            if (stderr != expectedStderr) Diff("stderr", expectedStderr, stderr);
            if (!exitMatches) _console.Write(new Text($"exit status: CPython {showcase.ExpectedExitCode}, PyAsync {output.ExitCode}\n", Style(Color.Red)));
            _console.WriteLine();
        }
        return new PairOutcome(matches, output.Seconds, null);
    }

    private void Diff(string stream, string expected, string actual)
    {
        _console.Write(new Text($"{stream}:\n", Style(Color.Grey)));
        foreach (var line in LineDiff.Lines(expected, actual))
        {
            var color = line[0] switch { '-' => Color.Red, '+' => Color.Green, _ => Color.Default };
            _console.Write(new Text(line + "\n", Style(color)));
        }
    }

    private void Summary(IReadOnlyList<ExampleOutcome> outcomes, bool realTime)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Summary")
            .AddColumn("Group").AddColumn("Example").AddColumn("Result").AddColumn(new TableColumn(realTime ? "Real time" : "Virtual time").RightAligned());
        foreach (var outcome in outcomes)
        {
            table.AddRow(
                new Text(outcome.Example.Group.Id),
                new Text(outcome.Example.Name),
                outcome.Matches ? new Text("✔ matches CPython", Style(Color.Green))
                    : new Text(outcome.Failure is null ? "✘ differs" : "✘ raised", Style(Color.Red)),
                new Text(double.IsNaN(outcome.Seconds) ? "-" : $"{outcome.Seconds:0.0##} s"));
        }
        _console.Write(table);
        int differing = outcomes.Count(o => !o.Matches);
        _console.Write(new Text(
            differing == 0 ? (outcomes.Count == 1 ? "The example prints what CPython prints.\n" : $"All {outcomes.Count} examples print what CPython prints.\n")
                           : $"{differing} of {outcomes.Count} examples differ from CPython.\n",
            Style(differing == 0 ? Color.Green : Color.Red)));
    }

    private static string Seconds(double seconds, bool realTime) =>
        realTime ? $"{seconds:0.000} s real time" : $"{seconds:0.0##} s virtual time";

    private static Style Style(Color color) => new(foreground: color);
}
