using System.Diagnostics;
using System.Reflection;
using DefaultColumnProviders = BenchmarkDotNet.Columns.DefaultColumnProviders;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PyAsync.Bench.Micro;
using PyAsync.Bench.Workloads;
using Spectre.Console;

namespace PyAsync.Bench.Harness;

/// <summary>The bench's default command: the workloads in every column that has them, BenchmarkDotNet's W2 round trip, one table.</summary>
public static class BenchRun
{
    /// <summary>Runs the workloads <paramref name="options"/> name; returns 0, or 1 if a run returned a wrong check value.</summary>
    public static int Run(Options options)
    {
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

        var columns = new List<Column> { Column.PyAsync, Column.TplSingleThread, Column.TplAsyncContext, Column.TplThreadPool, Column.AsyncLockSingleThread, Column.AsyncLockThreadPool, Column.AsyncLockAsyncContext, Column.OneThreadBound };
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
    }
}
