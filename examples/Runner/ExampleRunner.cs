using Spectre.Console;
using Spectre.Console.Rendering;

namespace PyAsync.Examples;

/// <summary>The outcome of running one example.</summary>
public sealed record ExampleOutcome(Example Example, bool Matches, double Seconds, string? Failure);

/// <summary>
/// The examples runner, the project's main command:
/// <code>
///   dotnet run --project examples                  list the examples by group
///   dotnet run --project examples -- all           run every example
///   dotnet run --project examples -- doc 003       run the examples of one group (a seed document, or 100)
///   dotnet run --project examples -- run NAME ...  run some examples
///   add --real-time to sleep for real instead of on the virtual clock
/// </code>
/// For each example it shows the Python original next to the C# port, then the port's output, marked
/// as matching CPython's stored output or not (with a diff); at the end, a summary table. The exit
/// code is 1 when an example differs, 2 for a usage error.
/// </summary>
public sealed class ExampleRunner(IAnsiConsole console)
{
    private const string Usage = "usage: [list | all | doc NNN | run NAME...] [--real-time]";

    /// <summary>A console for the runner: plain text (no colours, wide tables) when the output is redirected.</summary>
    public static IAnsiConsole CreateConsole(TextWriter output, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (redirected) console.Profile.Width = 160;
        return console;
    }

    public int Run(IReadOnlyList<string> arguments)
    {
        var args = arguments.ToList();
        bool realTime = args.Remove("--real-time");
        string command = args.Count > 0 ? args[0] : "list";
        switch (command)
        {
            case "list" when args.Count == 1:
            case "list" when args.Count == 0:
                List();
                return 0;
            case "all" when args.Count == 1:
                return RunAll(Catalog.All, realTime);
            case "doc" when args.Count == 2:
                var group = Catalog.Groups.FirstOrDefault(g => g.Id == args[1]);
                if (group is null) return UsageError($"No group '{args[1]}'; groups: {string.Join(", ", Catalog.Groups.Select(g => g.Id))}.");
                return RunAll(Catalog.All.Where(e => e.Group == group).ToList(), realTime);
            case "run" when args.Count > 1:
                var chosen = new List<Example>();
                foreach (var name in args.Skip(1))
                {
                    var example = Catalog.All.FirstOrDefault(e => e.Name == name);
                    if (example is null) return UsageError($"No example named '{name}'; see the list.");
                    chosen.Add(example);
                }
                return RunAll(chosen, realTime);
            default:
                return UsageError(Usage);
        }
    }

    private int UsageError(string message)
    {
        console.WriteLine(message);
        return 2;
    }

    private void List()
    {
        console.WriteLine("PyAsync examples: every snippet of the seed documents, and the project's own programs, ported to C#.");
        console.WriteLine();
        foreach (var group in Catalog.Groups)
        {
            var table = new Table().Border(TableBorder.Rounded).Expand()
                .Title(group.Heading)
                .AddColumn("Example").AddColumn("What it shows");
            foreach (var example in Catalog.All.Where(e => e.Group == group))
                table.AddRow(new Text(example.Name), new Text(example.Title));
            console.Write(table);
        }
        console.WriteLine();
        console.WriteLine(Usage);
    }

    private int RunAll(IReadOnlyList<Example> examples, bool realTime)
    {
        var outcomes = examples.Select(e => RunOne(e, realTime)).ToList();
        Summary(outcomes, realTime);
        return outcomes.All(o => o.Matches) ? 0 : 1;
    }

    private ExampleOutcome RunOne(Example example, bool realTime)
    {
        console.Write(new Rule($"{example.Group.Id} · {example.Name}: {Markup.Escape(example.Title)}").LeftJustified());
        console.Write(new Table().Border(TableBorder.Rounded).Expand()
            .AddColumn($"Python{(example.Python is null ? "" : " " + example.Python)}: doc{example.Group.Id}/{example.Name}.py")
            .AddColumn($"C#: doc{example.Group.Id}/{example.SourceFileName}")
            .AddRow(Source(example.PythonPath), Source(example.CSharpPath)));

        TimeProvider clock = realTime ? TimeProvider.System : new VirtualClock();
        ProgramOutput output;
        try
        {
            output = ProgramHost.Run(example.Entry, clock);
        }
        catch (Exception e)
        {
            console.Write(new Text($"The program raised {e.GetType().Name}: {e.Message}\n", Style(Color.Red)));
            return new ExampleOutcome(example, false, double.NaN, e.Message);
        }

        console.Write(new Text("Output:\n", Style(Color.Grey)));
        console.Write(new Text(output.Stdout.Length == 0 ? "(nothing)\n" : output.Stdout));
        if (output.Stderr.Length > 0)
        {
            console.Write(new Text("stderr:\n", Style(Color.Grey)));
            console.Write(new Text(output.Stderr));
        }

        var (stdout, expected) = (OutputNormalizer.Stdout(output.Stdout), example.Expected);
        var (stderr, expectedStderr) = (OutputNormalizer.Stderr(output.Stderr), example.ExpectedStderr);
        if (realTime)
        {
            (stdout, expected) = (OutputNormalizer.MaskTimeOfDay(stdout), OutputNormalizer.MaskTimeOfDay(expected));
            (stderr, expectedStderr) = (OutputNormalizer.MaskTimeOfDay(stderr), OutputNormalizer.MaskTimeOfDay(expectedStderr));
        }
        bool matches = stdout == expected && stderr == expectedStderr;
        string time = Seconds(output.Seconds, realTime);
        if (matches)
        {
            console.Write(new Text($"✔ matches CPython's output ({time}{(realTime ? ", time of day masked" : "")})\n\n", Style(Color.Green)));
        }
        else
        {
            console.Write(new Text($"✘ differs from CPython's output ({time}); - CPython, + PyAsync:\n", Style(Color.Red)));
            if (stdout != expected) Diff("stdout", expected, stdout);
            if (stderr != expectedStderr) Diff("stderr", expectedStderr, stderr);
            console.WriteLine();
        }
        return new ExampleOutcome(example, matches, output.Seconds, null);
    }

    private void Diff(string stream, string expected, string actual)
    {
        console.Write(new Text($"{stream}:\n", Style(Color.Grey)));
        foreach (var line in LineDiff.Lines(expected, actual))
        {
            var color = line[0] switch { '-' => Color.Red, '+' => Color.Green, _ => Color.Default };
            console.Write(new Text(line + "\n", Style(color)));
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
        console.Write(table);
        int differing = outcomes.Count(o => !o.Matches);
        console.Write(new Text(
            differing == 0 ? (outcomes.Count == 1 ? "The example prints what CPython prints.\n" : $"All {outcomes.Count} examples print what CPython prints.\n")
                           : $"{differing} of {outcomes.Count} examples differ from CPython.\n",
            Style(differing == 0 ? Color.Green : Color.Red)));
    }

    private static IRenderable Source(string path) =>
        new Text(File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n").TrimEnd('\n') : $"({Path.GetFileName(path)} not found)");

    private static string Seconds(double seconds, bool realTime) =>
        realTime ? $"{seconds:0.000} s real time" : $"{seconds:0.0##} s virtual time";

    private static Style Style(Color color) => new(foreground: color);
}
