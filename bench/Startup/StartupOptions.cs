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

    /// <summary>
    /// Reads <paramref name="args"/> (what follows <c>startup</c>) as the bench's command line does
    /// (<see cref="BenchCli"/>); throws a <see cref="UsageException"/> with the line the bench prints for them.
    /// </summary>
    public static StartupOptions Parse(IReadOnlyList<string> args) =>
        BenchCli.Parse<StartupOptions>(["startup", .. args], actions =>
        {
            StartupOptions? parsed = null;
            actions.Startup = options => { parsed = options; return 0; };
            return () => parsed ?? throw new UsageException("not the startup command");
        });

    /// <summary>The options of <paramref name="settings"/>; throws a <see cref="UsageException"/> saying what is wrong with them.</summary>
    public static StartupOptions From(StartupSettings settings) => new()
    {
        Runs = Options.Positive("--runs", settings.Runs),
        Markdown = settings.Markdown,
        Republish = settings.Republish,
        Aot = !settings.NoAot,
    };
}
