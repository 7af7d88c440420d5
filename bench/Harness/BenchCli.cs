using System.ComponentModel;
using PyAsync.Bench.Startup;
using PyAsync.Bench.Workloads;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PyAsync.Bench.Harness;

/// <summary>
/// The bench's command line (Spectre.Console.Cli): the default command runs the workloads, <c>startup</c>
/// and <c>unretrieved</c> are the other measurements. <c>--help</c> prints the usage and exits with 0; a
/// missing or wrong value prints one line on stderr and exits with 2.
/// </summary>
public static class BenchCli
{
    /// <summary>How the usage names the bench: the command that runs it.</summary>
    public const string ApplicationName = "dotnet run -c Release --project bench --";

    /// <summary>The exit code of a bad command line.</summary>
    public const int UsageExitCode = 2;

    /// <summary>
    /// Parses <paramref name="args"/> and runs what they ask for; returns the exit code. The usage goes to
    /// <paramref name="console"/> (default: the terminal), a command-line error to <paramref name="error"/>
    /// (default: stderr). <paramref name="actions"/> replaces what the commands do (tests parse without measuring).
    /// </summary>
    public static int Run(IReadOnlyList<string> args, IAnsiConsole? console = null, TextWriter? error = null, BenchActions? actions = null)
    {
        actions ??= BenchActions.Measure;
        var app = new CommandApp();
        app.SetDefaultCommand<BenchCommand>().WithData(actions);
        app.Configure(config =>
        {
            config.SetApplicationName(ApplicationName);
            config.PropagateExceptions();
            config.UseStrictParsing();
            if (console is not null) config.ConfigureConsole(console);
            config.AddCommand<StartupCommand>("startup").WithData(actions)
                .WithDescription("Issue 12's start-up figures: hello-world in python3 and its port published as JIT, ReadyToRun and NativeAOT.");
            config.AddCommand<UnretrievedCommand>("unretrieved").WithData(actions)
                .WithDescription("Issue 9's case for \"Task exception was never retrieved\": N failures retrieved at once, later, and later while printing.");
        });
        try
        {
            RequireValues(args);
            return app.Run(args);
        }
        catch (Exception e) when (e is CommandAppException or UsageException)
        {
            (error ?? Console.Error).WriteLine($"bench: {OneLine(e.Message)} (see --help)");
            return UsageExitCode;
        }
    }

    // Spectre.Console.Cli takes the next argument as an option's value even when it is another option
    // (`--markdown --tiny` would write the table to a file named --tiny), and reports a value missing
    // at the end of a subcommand's arguments as a failed conversion of its own placeholder. Every value
    // of the bench's options is a number, a list of names or a path, never starting with "--".
    private static readonly HashSet<string> s_valued = ["--rounds", "--runs", "--only", "--columns", "--markdown", "--baseline", "--baseline-label"];

    private static void RequireValues(IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
            if (s_valued.Contains(args[i]) && (i + 1 == args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
                throw new UsageException($"{args[i]} needs a value");
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Parses <paramref name="args"/> as the command <typeparamref name="T"/> would; throws a <see cref="UsageException"/> with the error line.</summary>
    internal static T Parse<T>(IReadOnlyList<string> args, Func<BenchActions, Func<T>> capture)
    {
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        var actions = new BenchActions();
        var parsed = capture(actions);
        int code = Run(args, console, error, actions);
        return code == UsageExitCode ? throw new UsageException(error.ToString().Trim()) : parsed();
    }
}

/// <summary>What the bench's commands do once their command line is read; the default measures.</summary>
public sealed class BenchActions
{
    /// <summary>The real measurements.</summary>
    public static BenchActions Measure { get; } = new()
    {
        Bench = BenchRun.Run,
        Startup = StartupBench.Measure,
        Unretrieved = UnretrievedCase.Measure,
    };

    /// <summary>The default command.</summary>
    public Func<Options, int> Bench { get; set; } = _ => 0;

    /// <summary><c>startup</c>.</summary>
    public Func<StartupOptions, int> Startup { get; set; } = _ => 0;

    /// <summary><c>unretrieved [N]</c>.</summary>
    public Func<int, int> Unretrieved { get; set; } = _ => 0;
}

/// <summary>The default command's options (see bench/Program.cs).</summary>
public sealed class BenchSettings : CommandSettings
{
    [CommandOption("--rounds <R>")]
    [Description("Rounds over the columns, interleaved so that machine noise spreads evenly.")]
    [DefaultValue(3)]
    public int Rounds { get; set; } = 3;

    [CommandOption("--runs <N>")]
    [Description("Measured runs per round, in one process per column (CPython at most 2, W5 1).")]
    [DefaultValue(5)]
    public int Runs { get; set; } = 5;

    [CommandOption("--only <WORKLOADS>")]
    [Description("Only these workloads, comma-separated: W1 ... W10 (W9 echo and W10 bulk over loopback TCP), and W1P, W1C, W2P (W1 and W2 as porters write them: a List to Gather, coroutines to Gather, a closure in CallSoon).")]
    public string? Only { get; set; }

    [CommandOption("--no-cold")]
    [Description("Skip the cold figures (each round otherwise also runs every column once in a fresh process without warm-up).")]
    public bool NoCold { get; set; }

    [CommandOption("--tiny")]
    [Description("Every workload at its smoke-test size (checks results; the figures mean nothing).")]
    public bool Tiny { get; set; }

    [CommandOption("--no-python")]
    [Description("Skip the CPython columns (CPython, and CPython+uvloop).")]
    public bool NoPython { get; set; }

    [CommandOption("--columns <COLUMNS>")]
    [Description("Only these columns, comma-separated: PyAsync, CPython, CPythonUvloop, TplSingleThread, TplAsyncContext, TplThreadPool, AsyncLockSingleThread, AsyncLockThreadPool, AsyncLockAsyncContext, OneThreadBound (W10 only), Baseline.")]
    public string? Columns { get; set; }

    [CommandOption("--no-micro")]
    [Description("Skip BenchmarkDotNet.")]
    public bool NoMicro { get; set; }

    [CommandOption("--markdown <FILE>")]
    [Description("Also write the table as Markdown.")]
    public string? Markdown { get; set; }

    [CommandOption("--baseline <PATH>")]
    [Description("A/B: add the Baseline column, the PyAsync column of another build of this bench (its PyAsync.Bench.dll or its directory); bench/ab.sh does it all.")]
    public string? Baseline { get; set; }

    [CommandOption("--baseline-label <TEXT>")]
    [Description("The Baseline column's heading (default: the short commit in PATH, else \"baseline\").")]
    public string? BaselineLabel { get; set; }
}

/// <summary><c>startup</c>'s options.</summary>
public sealed class StartupSettings : CommandSettings
{
    [CommandOption("--runs <N>")]
    [Description("Measured runs of each variant, round robin.")]
    [DefaultValue(20)]
    public int Runs { get; set; } = 20;

    [CommandOption("--markdown <FILE>")]
    [Description("Also write the table as Markdown.")]
    public string? Markdown { get; set; }

    [CommandOption("--republish")]
    [Description("Publish every variant again, even when its output is up to date.")]
    public bool Republish { get; set; }

    [CommandOption("--no-aot")]
    [Description("Skip the NativeAOT variants (their publish takes half a minute each).")]
    public bool NoAot { get; set; }
}

/// <summary><c>unretrieved</c>'s argument.</summary>
public sealed class UnretrievedSettings : CommandSettings
{
    [CommandArgument(0, "[N]")]
    [Description("Failures per mode.")]
    [DefaultValue(1_000)]
    public int N { get; set; } = 1_000;

    /// <inheritdoc/>
    public override ValidationResult Validate() =>
        N > 0 ? ValidationResult.Success() : ValidationResult.Error($"N needs to be a positive whole number, not {N}");
}

internal sealed class BenchCommand : Command<BenchSettings>
{
    public override int Execute(CommandContext context, BenchSettings settings, CancellationToken cancellationToken) =>
        ((BenchActions)context.Data!).Bench(Options.From(settings));
}

internal sealed class StartupCommand : Command<StartupSettings>
{
    public override int Execute(CommandContext context, StartupSettings settings, CancellationToken cancellationToken) =>
        ((BenchActions)context.Data!).Startup(StartupOptions.From(settings));
}

internal sealed class UnretrievedCommand : Command<UnretrievedSettings>
{
    public override int Execute(CommandContext context, UnretrievedSettings settings, CancellationToken cancellationToken) =>
        ((BenchActions)context.Data!).Unretrieved(settings.N);
}
