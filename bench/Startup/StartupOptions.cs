using System.Globalization;
using PyAsync.Bench.Harness;

namespace PyAsync.Bench.Startup;

/// <summary>
/// The command line of <c>dotnet run -c Release --project bench -- startup</c>, as documented at the
/// top of bench/Program.cs.
/// </summary>
public sealed class StartupOptions
{
    /// <summary><c>--runs N</c>: measured runs of each variant, round robin (default 20).</summary>
    public int Runs { get; private set; } = 20;

    /// <summary><c>--markdown FILE</c>: also write the table as Markdown.</summary>
    public string? Markdown { get; private set; }

    /// <summary><c>--republish</c>: publish every variant again, even when its output is up to date.</summary>
    public bool Republish { get; private set; }

    /// <summary><c>--no-aot</c>: skip the NativeAOT variants (their publish takes half a minute each).</summary>
    public bool Aot { get; private set; } = true;

    /// <summary>Reads <paramref name="args"/>; throws a <see cref="UsageException"/> saying what is wrong with them.</summary>
    public static StartupOptions Parse(IReadOnlyList<string> args)
    {
        var options = new StartupOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string option = args[i];
            string Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i] : throw new UsageException($"{option} needs a value");
            switch (option)
            {
                case "--runs":
                    string value = Value();
                    options.Runs = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int runs) && runs > 0
                        ? runs : throw new UsageException($"--runs needs a positive whole number, not '{value}'");
                    break;
                case "--markdown": options.Markdown = Value(); break;
                case "--republish": options.Republish = true; break;
                case "--no-aot": options.Aot = false; break;
                default: throw new UsageException($"unknown option {option} (startup takes --runs N, --markdown FILE, --republish, --no-aot)");
            }
        }
        return options;
    }
}
