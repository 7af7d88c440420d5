using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PyAsync.Bench.Workloads;

namespace PyAsync.Bench.Harness;

/// <summary>The columns of the benchmark table.</summary>
public enum Column
{
    PyAsync,
    CPython,
    /// <summary>CPython with uvloop's event loop (the system python3 with Debian's <c>python3-uvloop</c>).</summary>
    CPythonUvloop,
    TplSingleThread,
    /// <summary>The TPL workloads in Nito.AsyncEx's <c>AsyncContext.Run</c> (one thread), as a .NET developer would run them.</summary>
    TplAsyncContext,
    TplThreadPool,
    /// <summary>W8 only: Nito.AsyncEx's <c>AsyncLock</c> on the TPL column's single-threaded context.</summary>
    AsyncLockSingleThread,
    /// <summary>W8 only: Nito.AsyncEx's <c>AsyncLock</c> on the thread pool.</summary>
    AsyncLockThreadPool,
    /// <summary>W8 only: Nito.AsyncEx's <c>AsyncLock</c> in Nito.AsyncEx's <c>AsyncContext.Run</c>.</summary>
    AsyncLockAsyncContext,
    /// <summary>The PyAsync column of another build of this bench (<c>--baseline</c>): the A/B comparison.</summary>
    Baseline,
    /// <summary>
    /// W10 only: the same transfer written as tightly as one thread can do it, non-blocking <c>Send</c>s and
    /// <c>Receive</c>s in turn with no await and no allocation: the bound for any event loop that carries both ends of
    /// the connection on its one thread (<see cref="TplNetworkWorkloads.BulkOneThread"/>).
    /// </summary>
    OneThreadBound,
}

/// <summary>
/// Another build of this bench, typically the Release build of an older commit, whose own PyAsync
/// column the Baseline column measures through the unchanged child protocol.
/// </summary>
/// <param name="Assembly">The full path of its PyAsync.Bench.dll.</param>
/// <param name="Label">Its name in the table.</param>
public sealed partial record Baseline(string Assembly, string Label)
{
    /// <summary>
    /// <paramref name="path"/> is the dll or the directory holding it; without a label, the short
    /// commit the path names (as bench/ab.sh's worktrees do), else "baseline".
    /// </summary>
    public static Baseline At(string path, string? label)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) full = Path.Combine(full, "PyAsync.Bench.dll");
        if (!File.Exists(full)) throw new FileNotFoundException($"no bench build at {full}", full);
        return new Baseline(full, label ?? DefaultLabel(full));
    }

    /// <summary>The last run of 7 to 40 hex digits standing alone in the path, cut to 7; else "baseline".</summary>
    public static string DefaultLabel(string path) =>
        CommitInPath().Matches(path) is { Count: > 0 } m ? m[^1].Value[..7] : "baseline";

    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9a-f]{7,40}(?![0-9A-Za-z])")]
    private static partial Regex CommitInPath();
}

/// <summary>Measures a workload in a column: a warm-up, then several runs.</summary>
public static class Measurer
{
    /// <summary>The column's heading; the Baseline column's is its build's label.</summary>
    public static string Title(Column column, Baseline? baseline = null) => column switch
    {
        Column.PyAsync => "PyAsync",
        Column.CPython => "CPython 3.11",
        Column.CPythonUvloop => "CPython+uvloop",
        Column.TplSingleThread => "TPL 1 thread",
        Column.TplAsyncContext => "TPL AsyncContext",
        Column.TplThreadPool => "TPL pool",
        Column.AsyncLockSingleThread => "AsyncLock 1 thread",
        Column.AsyncLockThreadPool => "AsyncLock pool",
        Column.AsyncLockAsyncContext => "AsyncLock AsyncContext",
        Column.OneThreadBound => "1-thread bound",
        _ => baseline?.Label ?? "Baseline",
    };

    /// <summary>
    /// Whether <paramref name="column"/> has a version of <paramref name="workload"/>: the AsyncLock columns
    /// are W8's only (its second lock row). The porter-shaped
    /// variants are PyAsync's (and the baseline's) only, but for W1C's own CPython program: the TPL code is
    /// hand-written either way, and W1P's and W2P's Python is their best case's, measured there.
    /// W9 and W10, the network workloads, run in PyAsync, the two CPython columns and the thread pool's TPL
    /// column (hand-written sockets), the .NET column issue 15 compares with; W10 also in the one-thread bound.
    /// </summary>
    public static bool Applies(Column column, Workload workload) => column switch
    {
        Column.PyAsync or Column.Baseline => true,
        Column.OneThreadBound => workload == Workload.Bulk,
        Column.CPython or Column.CPythonUvloop => !workload.SharesPythonWithBestCase,
        _ when workload.IsPorterShaped => false,
        _ when workload.IsNetwork => column == Column.TplThreadPool,
        Column.AsyncLockSingleThread or Column.AsyncLockThreadPool or Column.AsyncLockAsyncContext => workload == Workload.Lock,
        _ => true,
    };

    /// <summary>
    /// Whether the cold figure is measured in <paramref name="column"/>: not for the baseline, whose older
    /// builds may not know the cold child, nor for the AsyncLock columns, which W8's cold row leaves out.
    /// </summary>
    public static bool HasCold(Column column) => column is not (Column.Baseline or Column.AsyncLockSingleThread or Column.AsyncLockThreadPool or Column.AsyncLockAsyncContext);

    /// <summary>One run in this process, no warm-up (what the CI smoke tests call).</summary>
    public static Measurement RunOnce(Column column, Workload workload, int n) => column switch
    {
        Column.PyAsync => PyAsyncWorkloads.Run(workload, n),
        Column.TplSingleThread => TplWorkloads.Run(workload, n, TplMode.SingleThread),
        Column.TplThreadPool => TplWorkloads.Run(workload, n, TplMode.ThreadPool),
        Column.TplAsyncContext => TplWorkloads.Run(workload, n, TplMode.AsyncContext),
        Column.AsyncLockSingleThread => AsyncExWorkloads.Run(workload, n, TplMode.SingleThread),
        Column.AsyncLockThreadPool => AsyncExWorkloads.Run(workload, n, TplMode.ThreadPool),
        Column.AsyncLockAsyncContext => AsyncExWorkloads.Run(workload, n, TplMode.AsyncContext),
        Column.OneThreadBound => TplNetworkWorkloads.RunBound(workload, n),
        _ => throw new ArgumentOutOfRangeException(nameof(column), $"{column} runs in its own process"),
    };

    /// <summary>
    /// <paramref name="runs"/> measured runs in a process of their own, so that no column inherits
    /// another's heap. In its process a workload is warmed up first (so the JIT has tiered up its hot
    /// paths), then measured; W5 is measured once per process, so that each peak working set is its own.
    /// The Baseline column is <paramref name="baseline"/>'s own PyAsync column, in a child of that build.
    /// </summary>
    /// <remarks>
    /// With <paramref name="cold"/> there is no warm-up: one run, the first of a fresh process, as a
    /// ported script meets it (JIT at tier 0, an unsized heap). Not for the Baseline column.
    /// </remarks>
    public static List<Measurement> Measure(Column column, Workload workload, int n, int runs, Baseline? baseline = null, bool cold = false)
    {
        if (cold && !HasCold(column)) throw new ArgumentOutOfRangeException(nameof(column), $"no cold figure in the {column} column");
        if (cold) runs = 1;
        if (column == Column.CPython) return CPythonWorkloads.Run(workload, n, runs, cold: cold);
        if (column == Column.CPythonUvloop) return CPythonWorkloads.Run(workload, n, runs, uvloop: true, cold: cold);
        if (column == Column.Baseline)
            return RunChild(Column.PyAsync, workload, n, runs,
                baseline ?? throw new ArgumentNullException(nameof(baseline), "the Baseline column needs a build to run"), cold: false);
        return RunChild(column, workload, n, runs, baseline: null, cold);
    }

    /// <summary>
    /// What a child process does (<c>child COLUMN W n runs [cold]</c>): warm up (not when cold), run,
    /// print each measurement as a JSON line.
    /// </summary>
    public static int ChildMain(string[] args)
    {
        var column = Enum.Parse<Column>(args[1]);
        var workload = Workload.Get(args[2]);
        int n = int.Parse(args[3], CultureInfo.InvariantCulture);
        int runs = int.Parse(args[4], CultureInfo.InvariantCulture);
        bool cold = args.Length > 5 && args[5] == "cold";
        if (!cold) WarmUp(column, workload, n);
        for (int i = 0; i < runs; i++)
        {
            Settle();
            var m = RunOnce(column, workload, n);
            Console.WriteLine(JsonSerializer.Serialize(m with { PeakWorkingSet = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 }));
        }
        return 0;
    }

    /// <summary>
    /// Runs the workload small ten times and pauses, twice: tiered compilation promotes hot methods
    /// (with their profile) only after a quiet spell (100 ms by default), and the measured runs
    /// should not pay for it. Then three full-size runs (except W5, whose peak must stay its own;
    /// one for W9 and W10). W5 warms up at a hundredth of its size, to keep its peak working set its
    /// own, and so do W9 and W10 (a million messages, a GiB), whose tenth would take seconds a run.
    /// </summary>
    private static void WarmUp(Column column, Workload workload, int n)
    {
        int small = Math.Max(1, workload == Workload.Scale || workload.IsNetwork ? n / 100 : n / 10);
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < 10; i++) RunOnce(column, workload, small);
            Thread.Sleep(300);
        }
        if (workload == Workload.Scale) return;
        // A few full-size runs too, so that the garbage collector has sized its generations for them
        // (one for W9 and W10, whose full-size runs take seconds and allocate little).
        for (int i = 0, full = workload.IsNetwork ? 1 : 3; i < full; i++) RunOnce(column, workload, n);
        Thread.Sleep(300);
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>
    /// Runs `child COLUMN W n runs` in this build, or with <paramref name="baseline"/> in that build
    /// (`dotnet OTHER/PyAsync.Bench.dll child PyAsync W n runs`), and reads back its JSON lines.
    /// </summary>
    private static List<Measurement> RunChild(Column column, Workload workload, int n, int runs, Baseline? baseline, bool cold)
    {
        // Under `dotnet PyAsync.Bench.dll` the process is dotnet itself: pass the assembly along.
        // The other build's dll always runs on a dotnet host: this one if this process is dotnet.
        bool underDotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet";
        var start = new ProcessStartInfo(baseline is null || underDotnet ? Environment.ProcessPath! : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (baseline is not null) start.ArgumentList.Add(baseline.Assembly);
        else if (underDotnet) start.ArgumentList.Add(typeof(Measurer).Assembly.Location);
        string name = baseline is null ? column.ToString() : $"{column} of {baseline.Assembly}";
        foreach (var a in new[] { "child", column.ToString(), workload.Id, n.ToString(CultureInfo.InvariantCulture), runs.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        if (cold) start.ArgumentList.Add("cold");
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(20)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{workload.Id} in {name} did not finish within 20 minutes");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"{workload.Id} in {name} failed:\n{error.Result}");
        return output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonSerializer.Deserialize<Measurement>(line)!).ToList();
    }
}
