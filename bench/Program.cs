using System.Diagnostics;
using System.Reflection;
using DefaultColumnProviders = BenchmarkDotNet.Columns.DefaultColumnProviders;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PyAsync.Bench.Harness;
using PyAsync.Bench.Micro;
using PyAsync.Bench.Workloads;
using Spectre.Console;

// PyAsync's benchmarks: the eight workloads of BENCHMARKS.md in every column, then the W2 round
// trip under BenchmarkDotNet's memory diagnoser, and one table.
//
//   dotnet run -c Release --project bench [-- options]
//     --rounds R        rounds over the columns, interleaved so that machine noise spreads evenly (default 3)
//     --runs N          measured runs per round, in one process per column (default 5; CPython 2; W5 1)
//     --only W1,W4      only these workloads (W1 … W8; W1P, W1C and W2P are W1 and W2 written as porters
//                       write them: a List to Gather, coroutines to Gather, a closure in CallSoon)
//     --no-cold         skip the cold figures (each round otherwise also runs every column once in a fresh
//                       process without any warm-up: the first full-size run, as a ported script meets it)
//     --tiny            every workload at its smoke-test size (checks results; figures mean nothing)
//     --no-python       skip the CPython columns (CPython, and CPython+uvloop: the system python3 with
//                       Debian's python3-uvloop, or PYASYNC_UVLOOP_PYTHON; skipped with a message if missing)
//     --columns A,B     only these columns: PyAsync, CPython, CPythonUvloop, TplSingleThread, TplAsyncContext
//                       (Nito.AsyncEx's AsyncContext.Run), TplThreadPool,
//                       AsyncLockSingleThread, AsyncLockThreadPool, AsyncLockAsyncContext (W8 only), Baseline
//     --no-micro        skip BenchmarkDotNet
//     --markdown FILE   also write the table as Markdown
//     --baseline PATH   A/B: add the Baseline column, the PyAsync column of another build of this bench
//                       (PATH: its PyAsync.Bench.dll or the directory holding it, typically the Release
//                       build of an older commit), run as `dotnet PATH child PyAsync W n runs` in every
//                       round; the table then shows it next to PyAsync, with "PyAsync vs baseline"
//                       ratios and the W2 bytes allocated per await of both. bench/ab.sh does it all.
//     --baseline-label TEXT   its heading in the table (default: the short commit in PATH, else "baseline")
//
// A missing or wrong option value prints what is wrong and exits with code 2.
//
//   dotnet run -c Release --project bench -- unretrieved [n]
//     issue 9's case for "Task exception was never retrieved" (bench/Workloads/UnretrievedCase.cs):
//     n failures (default 1,000) retrieved at once, later, and later while printing.
//
//   dotnet run -c Release --project bench -- startup [--runs N] [--markdown FILE] [--republish] [--no-aot]
//     issue 12's start-up figures (bench/Startup/StartupBench.cs): hello-world (bench/Startup/hello.py)
//     in python3 and its port (bench/Startup/Hello) published as JIT, ReadyToRun and NativeAOT into
//     bench/obj/startup (again only when stale, or with --republish), next to plain .NET; N runs each
//     (default 20), round robin: time to the first line and to exit, ratios against python3, sizes.

if (args.Length > 0 && args[0] == "child") return Measurer.ChildMain(args);
if (args.Length > 0 && args[0] == "unretrieved") return UnretrievedCase.Measure(args[1..]);
if (args.Length > 0 && args[0] == "startup") return PyAsync.Bench.Startup.StartupBench.Measure(args[1..]);

if (!UsageException.TryParse(() => Options.Parse(args), "bench", out var options)) return 2;
int runs = options.Runs, rounds = options.Rounds;
bool tiny = options.Tiny, micro = options.Micro;
var only = options.Only;
var onlyColumns = options.Columns;
var baseline = options.Baseline;

var console = AnsiConsole.Console;
// The table is wider than a default 80-column terminal or a redirected file.
console.Profile.Width = Math.Max(console.Profile.Width, 250);
bool optimized = typeof(PyAsync.Asyncio).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
string? pythonVersion = options.Python && onlyColumns?.Contains(Column.CPython) != false ? CPythonWorkloads.Version() : null;
string? uvloopVersion = options.Python && onlyColumns?.Contains(Column.CPythonUvloop) != false ? CPythonWorkloads.UvloopVersion() : null;
console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
                  $".NET {Environment.Version}, {pythonVersion ?? "no CPython column"}");
if (options.Python && onlyColumns?.Contains(Column.CPythonUvloop) != false)
    console.WriteLine(uvloopVersion is not null ? $"CPython+uvloop: {uvloopVersion} ({CPythonWorkloads.UvloopInterpreter})" : CPythonWorkloads.UvloopMissing);
if (!optimized) console.WriteLine("WARNING: PyAsync was built without optimizations; run with -c Release for real figures.");
if (baseline is not null) console.WriteLine($"Baseline {baseline.Label}: the PyAsync column of {baseline.Assembly}");

var columns = new List<Column> { Column.PyAsync, Column.TplSingleThread, Column.TplAsyncContext, Column.TplThreadPool, Column.AsyncLockSingleThread, Column.AsyncLockThreadPool, Column.AsyncLockAsyncContext };
if (uvloopVersion is not null) columns.Insert(1, Column.CPythonUvloop);
if (pythonVersion is not null) columns.Insert(1, Column.CPython);
// Right after PyAsync, so that each round runs the two builds one after the other.
if (baseline is not null) columns.Insert(1, Column.Baseline);
if (onlyColumns is not null) columns.RemoveAll(c => !onlyColumns.Contains(c));

var medians = new Dictionary<(Workload, Column), Summary>();
var colds = new Dictionary<(Workload, Column), Summary>();
bool allRight = true;
foreach (var workload in only)
{
    int n = tiny ? workload.TinySize : workload.FullSize;
    var applying = columns.Where(c => Measurer.Applies(c, workload)).ToList();
    var results = applying.ToDictionary(c => c, _ => new List<Measurement>());
    var coldResults = applying.Where(c => options.Cold && Measurer.HasCold(c)).ToDictionary(c => c, _ => new List<Measurement>());
    for (int round = 0; round < rounds; round++)
        foreach (var column in applying)
        {
            int perRound = workload == Workload.Scale ? 1 : column is Column.CPython or Column.CPythonUvloop ? Math.Min(runs, 2) : runs;
            results[column].AddRange(Measurer.Measure(column, workload, n, perRound, baseline));
            if (coldResults.TryGetValue(column, out var cold)) cold.AddRange(Measurer.Measure(column, workload, n, 1, baseline, cold: true));
        }
    foreach (var column in applying)
    {
        console.Write($"{workload.Id} n={n:N0} {Measurer.Title(column, baseline),-18} ");
        var summary = Summary.Of(results[column], n);
        medians[(workload, column)] = summary;
        allRight &= summary.AllRight;
        console.WriteLine($"{summary.Seconds:F4} s median of {results[column].Count}" +
                          (summary.BytesPerTask is { } b ? $", {b:F0} B/task" : "") +
                          (summary.PeakWorkingSet is { } p ? $", peak {p / 1e6:F0} MB" : "") +
                          (summary.AllocatedPerTask is { } a ? $", {a:F0} B allocated per task" : "") +
                          (summary.VirtualSeconds is { } v ? $", {v:F4} s on a virtual clock" : "") +
                          (summary.AllRight ? "" : "  WRONG RESULT"));
        if (coldResults.TryGetValue(column, out var coldRuns))
        {
            var cold = Summary.Of(coldRuns, n);
            colds[(workload, column)] = cold;
            allRight &= cold.AllRight;
            console.WriteLine($"{workload.Id} n={n:N0} {Measurer.Title(column, baseline),-18} {cold.Seconds:F4} s cold (median of {coldRuns.Count} fresh processes)" +
                              (cold.AllRight ? "" : "  WRONG RESULT"));
        }
    }
}

double? allocatedPerAwait = null, tplAllocatedPerAwait = null;
long futureSize = AwaitRoundTripBenchmarks.FutureSize();
long handleSize = AwaitRoundTripBenchmarks.HandleSize();
if (micro && only.Contains(Workload.RoundTrip) && !tiny)
{
    var config = ManualConfig.CreateEmpty()
        .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
        .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
        .AddColumnProvider(DefaultColumnProviders.Instance)
        .AddLogger(ConsoleLogger.Default)
        .WithOptions(ConfigOptions.DisableLogFile);
    var bdn = BenchmarkRunner.Run<AwaitRoundTripBenchmarks>(config);
    foreach (var report in bdn.Reports)
    {
        double? bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
        if (report.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(AwaitRoundTripBenchmarks.PyAsync)) allocatedPerAwait = bytes;
        else tplAllocatedPerAwait = bytes;
    }
}

var rows = Figures.Rows(only, medians, allocatedPerAwait, tplAllocatedPerAwait, futureSize, handleSize, tiny, colds);
console.WriteLine();
Report.Write(console, rows, baseline);
if (options.Markdown is { } markdown)
{
    File.WriteAllText(markdown, Report.Markdown(rows, baseline));
    console.WriteLine($"Markdown table written to {markdown}");
}
if (!allRight) console.WriteLine("Some runs returned a wrong check value: see WRONG RESULT above.");
return allRight ? 0 : 1;
