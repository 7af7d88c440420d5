using PyAsync.Bench.Workloads;

namespace PyAsync.Bench.Harness;

/// <summary>What is wrong with the command line; <see cref="BenchCli"/> prints it and exits with code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>The bench's command line, as documented at the top of bench/Program.cs.</summary>
public sealed class Options
{
    public int Runs { get; private set; } = 5;
    public int Rounds { get; private set; } = 3;
    public bool Tiny { get; private set; }
    public bool Python { get; private set; } = true;
    public bool Micro { get; private set; } = true;

    /// <summary>Whether each round also measures the cold figure (<c>--no-cold</c> turns it off).</summary>
    public bool Cold { get; private set; } = true;
    public string? Markdown { get; private set; }

    /// <summary><c>--columns</c>, or null for every column that applies.</summary>
    public IReadOnlyList<Column>? Columns { get; private set; }

    public IReadOnlyList<Workload> Only { get; private set; } = Workload.All;

    /// <summary><c>--baseline</c> and <c>--baseline-label</c>: the build the Baseline column runs, if any.</summary>
    public Baseline? Baseline { get; private set; }

    /// <summary>
    /// Reads <paramref name="args"/> as the bench's command line does (<see cref="BenchCli"/>); throws a
    /// <see cref="UsageException"/> with the line the bench prints for them.
    /// </summary>
    public static Options Parse(IReadOnlyList<string> args) =>
        BenchCli.Parse<Options>(args, actions =>
        {
            Options? parsed = null;
            actions.Bench = options => { parsed = options; return 0; };
            return () => parsed ?? throw new UsageException("not the default command");
        });

    /// <summary>The options of <paramref name="settings"/>; throws a <see cref="UsageException"/> saying what is wrong with them.</summary>
    public static Options From(BenchSettings settings)
    {
        var options = new Options
        {
            Runs = Positive("--runs", settings.Runs),
            Rounds = Positive("--rounds", settings.Rounds),
            Tiny = settings.Tiny,
            Python = !settings.NoPython,
            Micro = !settings.NoMicro,
            Cold = !settings.NoCold,
            Markdown = settings.Markdown,
        };
        if (settings.Only is { } only) options.Only = only.Split(',').Select(ParseWorkload).ToList();
        if (settings.Columns is { } columns) options.Columns = columns.Split(',').Select(ParseColumn).ToList();
        if (settings.Baseline is { } baselinePath)
        {
            try
            {
                options.Baseline = Baseline.At(baselinePath, settings.BaselineLabel);
            }
            catch (FileNotFoundException e)
            {
                throw new UsageException($"--baseline: {e.Message}");
            }
        }
        else if (settings.BaselineLabel is not null) throw new UsageException("--baseline-label needs --baseline PATH");
        else if (options.Columns?.Contains(Column.Baseline) == true) throw new UsageException("the Baseline column needs --baseline PATH");
        return options;
    }

    /// <summary><paramref name="value"/> if it is positive; else a <see cref="UsageException"/> naming <paramref name="option"/>.</summary>
    internal static int Positive(string option, int value) =>
        value > 0 ? value : throw new UsageException($"{option} needs a positive whole number, not {value}");

    private static Workload ParseWorkload(string id)
    {
        try
        {
            return Workload.Get(id);
        }
        catch (ArgumentException)
        {
            throw new UsageException($"unknown workload '{id}' (W1 to W10, W1P, W1C, W2P)");
        }
    }

    // By name only (Enum.TryParse would also take numbers), in any case.
    private static Column ParseColumn(string name)
    {
        foreach (var column in Enum.GetValues<Column>())
            if (string.Equals(column.ToString(), name, StringComparison.OrdinalIgnoreCase)) return column;
        throw new UsageException($"unknown column '{name}' ({string.Join(", ", Enum.GetValues<Column>())})");
    }
}
