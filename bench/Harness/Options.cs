using System.Globalization;
using PyAsync.Bench.Workloads;

namespace PyAsync.Bench.Harness;

/// <summary>What is wrong with the command line; the bench prints it and exits with code 2.</summary>
public sealed class UsageException(string message) : Exception(message)
{
    /// <summary>
    /// Runs <paramref name="parse"/>; on a <see cref="UsageException"/> prints it after <paramref name="command"/>
    /// on stderr, with where the options are described, and returns false (the caller exits with code 2).
    /// </summary>
    public static bool TryParse<T>(Func<T> parse, string command, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? parsed)
    {
        try
        {
            parsed = parse()!;
            return true;
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"{command}: {e.Message}; see the comment at the top of bench/Program.cs");
            parsed = default;
            return false;
        }
    }
}

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

    /// <summary>Reads <paramref name="args"/>; throws a <see cref="UsageException"/> saying what is wrong with them.</summary>
    public static Options Parse(IReadOnlyList<string> args)
    {
        var options = new Options();
        string? baselinePath = null, baselineLabel = null;
        for (int i = 0; i < args.Count; i++)
        {
            string option = args[i];
            // The option's value is the next argument; another option in its place means it is missing.
            string Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i] : throw new UsageException($"{option} needs a value");
            int Count()
            {
                string value = Value();
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count > 0
                    ? count : throw new UsageException($"{option} needs a positive whole number, not '{value}'");
            }
            switch (option)
            {
                case "--runs": options.Runs = Count(); break;
                case "--rounds": options.Rounds = Count(); break;
                case "--only": options.Only = Value().Split(',').Select(ParseWorkload).ToList(); break;
                case "--tiny": options.Tiny = true; break;
                case "--no-python": options.Python = false; break;
                case "--columns": options.Columns = Value().Split(',').Select(ParseColumn).ToList(); break;
                case "--no-micro": options.Micro = false; break;
                case "--no-cold": options.Cold = false; break;
                case "--markdown": options.Markdown = Value(); break;
                case "--baseline": baselinePath = Value(); break;
                case "--baseline-label": baselineLabel = Value(); break;
                default: throw new UsageException($"unknown option {option}");
            }
        }
        if (baselinePath is not null)
        {
            try
            {
                options.Baseline = Baseline.At(baselinePath, baselineLabel);
            }
            catch (FileNotFoundException e)
            {
                throw new UsageException($"--baseline: {e.Message}");
            }
        }
        else if (baselineLabel is not null) throw new UsageException("--baseline-label needs --baseline PATH");
        else if (options.Columns?.Contains(Column.Baseline) == true) throw new UsageException("the Baseline column needs --baseline PATH");
        return options;
    }

    private static Workload ParseWorkload(string id)
    {
        try
        {
            return Workload.Get(id);
        }
        catch (ArgumentException)
        {
            throw new UsageException($"unknown workload '{id}' (W1 to W8, W1P, W1C, W2P)");
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
