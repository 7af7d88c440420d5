using PyAsync.Bench.Workloads;

namespace PyAsync.Bench.Harness;

/// <summary>The medians of several runs of one workload in one column.</summary>
public sealed record Summary(double Seconds, double? BytesPerTask, double? PeakWorkingSet, double? AllocatedPerTask,
    double? VirtualSeconds, bool AllRight)
{
    /// <param name="runs">The runs of one workload in one column.</param>
    /// <param name="n">Their size: allocations are given per task (per await, item, acquisition).</param>
    public static Summary Of(IReadOnlyList<Measurement> runs, int n) => new(
        Median(runs.Select(r => r.Seconds)),
        MedianOf(runs, r => r.BytesPerTask),
        MedianOf(runs, r => r.PeakWorkingSet),
        MedianOf(runs, r => r.AllocatedBytes is { } b ? (double)b / n : null),
        MedianOf(runs, r => r.VirtualSeconds),
        runs.All(r => r.IsRight));

    private static double? MedianOf(IReadOnlyList<Measurement> runs, Func<Measurement, double?> figure) =>
        runs.Count > 0 && runs.All(r => figure(r) is not null) ? Median(runs.Select(r => figure(r)!.Value)) : null;

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

/// <summary>Turns the medians into the table's rows, each with the target.</summary>
public static class Figures
{
    public static List<FigureRow> Rows(
        IReadOnlyList<Workload> workloads,
        IReadOnlyDictionary<(Workload, Column), Summary> medians,
        double? allocatedPerAwait,
        double? tplAllocatedPerAwait,
        long futureSize,
        long handleSize,
        bool tiny,
        IReadOnlyDictionary<(Workload, Column), Summary>? colds = null)
    {
        var rows = new List<FigureRow>();
        colds ??= new Dictionary<(Workload, Column), Summary>();
        // A workload's figures per column; W1P's and W2P's CPython figures are their best case's (the same Python).
        static Dictionary<Column, double> From(IReadOnlyDictionary<(Workload, Column), Summary> summaries, Workload w, Func<Summary, double?> figure)
        {
            var values = new Dictionary<Column, double>();
            foreach (var ((workload, column), summary) in summaries)
                if (workload == w && figure(summary) is { } v) values[column] = v;
            if (w.SharesPythonWithBestCase)
                foreach (var ((workload, column), summary) in summaries)
                    if (workload.Id == w.BestCaseId && column is Column.CPython or Column.CPythonUvloop && figure(summary) is { } v)
                        values[column] = v;
            return values;
        }
        Dictionary<Column, double> Values(Workload w, Func<Summary, double?> figure) => From(medians, w, figure);
        Dictionary<Column, double> Colds(Workload w, Func<Summary, double?> figure) => From(colds, w, figure);
        double? Seconds(IReadOnlyDictionary<(Workload, Column), Summary> summaries, string id) =>
            summaries.FirstOrDefault(kv => kv.Key.Item1.Id == id && kv.Key.Item2 == Column.PyAsync).Value?.Seconds;
        // PyAsync's time in `summaries` within `bound` times the warmed time of workload `id`.
        bool? Within(IReadOnlyDictionary<(Workload, Column), Summary> summaries, Workload w, string id, double bound) =>
            Seconds(summaries, w.Id) is { } mine && Seconds(medians, id) is { } reference ? mine <= bound * reference : null;
        int Size(Workload w) => tiny ? w.TinySize : w.FullSize;
        // An A/B run (--baseline): figures the two builds are compared on, for PyAsync and Baseline only.
        bool ab = medians.Keys.Any(k => k.Item2 == Column.Baseline);
        Dictionary<Column, double> AB(Workload w, Func<Summary, double?> figure) =>
            Values(w, figure).Where(v => v.Key is Column.PyAsync or Column.Baseline).ToDictionary();
        // Targets are judged at full size only.
        Func<FigureRow, bool?> Judge(Func<FigureRow, bool?> judge) => tiny ? _ => null : judge;

        static bool? AtLeast(double? ratio, double bound) => ratio is { } r ? r >= bound : null;
        static bool? Both(bool? a, bool? b) => a == false || b == false ? false : a is null || b is null ? null : true;
        Func<FigureRow, bool?> FasterThanBoth = row => Both(AtLeast(row.Advantage(Column.CPython), 30), AtLeast(row.Advantage(Column.TplSingleThread), 1));
        // Issue 12's warmed targets for W1 and W2: ≥30× CPython and CPython+uvloop, ≥1.2× both single-threaded TPL columns.
        Func<FigureRow, bool?> Warmed = row => Both(Both(AtLeast(row.Advantage(Column.CPython), 30), AtLeast(row.Advantage(Column.CPythonUvloop), 30)),
            Both(AtLeast(row.Advantage(Column.TplSingleThread), 1.2), AtLeast(row.Advantage(Column.TplAsyncContext), 1.2)));
        // Felt speed: porter-shaped and cold, ≥30× CPython and CPython+uvloop (cold too).
        Func<FigureRow, bool?> Felt = row => Both(AtLeast(row.Advantage(Column.CPython), 30), AtLeast(row.Advantage(Column.CPythonUvloop), 30));
        const string ColdFigure = "cold";

        // The cold row of a workload, in its main figure's unit: cold within 1.5× of warm for W1 and W2,
        // the felt-speed target for their porter-shaped variants, no target for the others.
        void AddCold(Workload w, string name, string unit, Func<Summary, double?> figure, bool higherIsBetter)
        {
            var values = Colds(w, figure);
            if (values.Count == 0) return;
            if (w.IsPorterShaped)
                rows.Add(new FigureRow(name, Size(w), $"{unit}, {ColdFigure}, felt", values, higherIsBetter,
                    "≥30× CPython, uvloop (cold)", Judge(Felt)));
            else if (w.Id is "W1" or "W2")
                rows.Add(new FigureRow(name, Size(w), $"{unit}, {ColdFigure}", values, higherIsBetter,
                    "≤1.5× warm time", Judge(_ => Within(colds, w, w.Id, 1.5))));
            else
                rows.Add(new FigureRow(name, Size(w), $"{unit}, {ColdFigure}", values, higherIsBetter, "(a script's first run)", _ => null));
        }

        foreach (var w in workloads)
        {
            int n = Size(w);
            switch (w.Id)
            {
                case "W1":
                    rows.Add(new FigureRow("W1 spawn", n, "tasks/s", Values(w, s => n / s.Seconds), true,
                        "≥30× CPython, uvloop; ≥1.2× TPL 1, AsyncContext", Judge(Warmed)));
                    AddCold(w, "W1 spawn", "tasks/s", s => n / s.Seconds, true);
                    break;
                case "W1P" or "W1C":
                    rows.Add(new FigureRow($"{w.Id} spawn, porter", n, w.Id == "W1P" ? "tasks/s: List, .Sum()" : "tasks/s: coroutines",
                        Values(w, s => n / s.Seconds), true, "≤1.2× W1's time", Judge(_ => Within(medians, w, "W1", 1.2))));
                    AddCold(w, $"{w.Id} spawn, porter", "tasks/s", s => n / s.Seconds, true);
                    break;
                case "W2P":
                    rows.Add(new FigureRow("W2P await, porter", n, "ns/await: a closure", Values(w, s => s.Seconds / n * 1e9), false,
                        "≤1.2× W2's time", Judge(_ => Within(medians, w, "W2", 1.2))));
                    AddCold(w, "W2P await, porter", "ns/await", s => s.Seconds / n * 1e9, false);
                    break;
                case "W2":
                    rows.Add(new FigureRow("W2 await", n, "ns/await", Values(w, s => s.Seconds / n * 1e9), false,
                        "≥30× CPython, uvloop; ≥1.2× TPL 1, AsyncContext", Judge(Warmed)));
                    AddCold(w, "W2 await", "ns/await", s => s.Seconds / n * 1e9, false);
                    if (allocatedPerAwait is not null)
                    {
                        var allocated = new Dictionary<Column, double> { [Column.PyAsync] = allocatedPerAwait.Value };
                        if (tplAllocatedPerAwait is { } tpl) allocated[Column.TplSingleThread] = tpl;
                        // The await allocates nothing: W2 allocates its future and the Handle of the
                        // CallSoon that completes it, as CPython's call_soon does.
                        rows.Add(new FigureRow("W2 await", n, $"B alloc/await (future {futureSize} B + Handle {handleSize} B)",
                            allocated, false, "the future and its Handle",
                            Judge(row => row.Values[Column.PyAsync] <= futureSize + handleSize)));
                    }
                    // The children's own count (GC.GetTotalAllocatedBytes around each run, loop included):
                    // BenchmarkDotNet above measures this build only.
                    if (ab)
                        rows.Add(new FigureRow("W2 await", n, "B alloc/await, whole run", AB(w, s => s.AllocatedPerTask), false,
                            "(A/B: the children's count)", _ => null));
                    break;
                case "W3":
                    rows.Add(new FigureRow("W3 memory", n, "B/pending task", Values(w, s => s.BytesPerTask), false,
                        "≤150 B", Judge(row => row.Values.TryGetValue(Column.PyAsync, out var v) ? v <= 150 : null)));
                    AddCold(w, "W3 memory", "B/pending task", s => s.BytesPerTask, false);
                    break;
                case "W4":
                    rows.Add(new FigureRow("W4 timers", n, "s", Values(w, s => s.Seconds), false,
                        $"≤1.5×{Workload.TimersFloorSeconds} s",
                        Judge(row => row.Values.TryGetValue(Column.PyAsync, out var v) ? v <= 1.5 * Workload.TimersFloorSeconds : null)));
                    rows.Add(new FigureRow("W4 timers", n, "s on a virtual clock", Values(w, s => s.VirtualSeconds), false,
                        "(the work alone)", _ => null));
                    AddCold(w, "W4 timers", "s", s => s.Seconds, false);
                    break;
                case "W5":
                    rows.Add(new FigureRow("W5 scale", n, "s", Values(w, s => s.Seconds), false,
                        "<2 s, ≥1× TPL 1 thread", Judge(row => Both(row.Values.TryGetValue(Column.PyAsync, out var v) ? v < 2 : null,
                            AtLeast(row.Advantage(Column.TplSingleThread), 1)))));
                    rows.Add(new FigureRow("W5 scale", n, "peak MB", Values(w, s => s.PeakWorkingSet / 1e6), false,
                        "<1 GB, ≤1.25× TPL 1 thread's", Judge(row => Both(row.Values.TryGetValue(Column.PyAsync, out var v) ? v < 1000 : null,
                            AtLeast(row.Advantage(Column.TplSingleThread), 1 / 1.25)))));
                    AddCold(w, "W5 scale", "s", s => s.Seconds, false);
                    break;
                case "W6":
                    var floor = Values(w, s => s.VirtualSeconds + Workload.CancellationTimeoutSeconds);
                    rows.Add(new FigureRow("W6 cancel", n, "s", Values(w, s => s.Seconds), false,
                        "≤1.5× floor", Judge(row => row.Values.TryGetValue(Column.PyAsync, out var v) && floor.TryGetValue(Column.PyAsync, out var f)
                            ? v <= 1.5 * f : null)));
                    rows.Add(new FigureRow("W6 cancel", n, "floor: virtual-clock s + 1 ms", floor, false,
                        "(the work + the timeout)", _ => null));
                    AddCold(w, "W6 cancel", "s", s => s.Seconds, false);
                    break;
                case "W7":
                    rows.Add(new FigureRow("W7 queue", n, $"ns/item (TPL: bounded Channel of {Workload.QueueMaxsize})", Values(w, s => s.Seconds / n * 1e9), false,
                        "≥30× CPython, ≥1× TPL", Judge(FasterThanBoth)));
                    rows.Add(new FigureRow("W7 queue", n, "B alloc/item, whole run", Values(w, s => s.AllocatedPerTask), false,
                        "(what Put and Get cost)", _ => null));
                    AddCold(w, "W7 queue", "ns/item", s => s.Seconds / n * 1e9, false);
                    break;
                case "W8":
                    // Two .NET locks: each row puts one of them in the TPL columns, next to the same PyAsync and CPython figures.
                    foreach (var (name, single, pool, context) in new[]
                             {
                                 ("SemaphoreSlim(1,1)", Column.TplSingleThread, Column.TplThreadPool, Column.TplAsyncContext),
                                 ("Nito AsyncLock", Column.AsyncLockSingleThread, Column.AsyncLockThreadPool, Column.AsyncLockAsyncContext),
                             })
                    {
                        Dictionary<Column, double> With(Func<Summary, double?> figure)
                        {
                            var all = Values(w, figure);
                            var values = all.Where(v => v.Key is Column.PyAsync or Column.CPython or Column.CPythonUvloop or Column.Baseline).ToDictionary();
                            if (all.TryGetValue(single, out var s1)) values[Column.TplSingleThread] = s1;
                            if (all.TryGetValue(pool, out var p1)) values[Column.TplThreadPool] = p1;
                            if (all.TryGetValue(context, out var c1)) values[Column.TplAsyncContext] = c1;
                            return values;
                        }
                        rows.Add(new FigureRow("W8 lock", n, $"ns/acquire (TPL: {name})", With(s => s.Seconds / n * 1e9), false,
                            "≥30× CPython, ≥1× TPL", Judge(FasterThanBoth)));
                        rows.Add(new FigureRow("W8 lock", n, $"B alloc/acquire, whole run (TPL: {name})", With(s => s.AllocatedPerTask), false,
                            "(what Acquire, Release and the yield cost)", _ => null));
                    }
                    AddCold(w, "W8 lock", "ns/acquire (TPL: SemaphoreSlim(1,1))", s => s.Seconds / n * 1e9, false);
                    break;
                case "W9":
                    // Issue 15: at least uvloop's messages per second, within 1.5× of hand-written .NET sockets on the pool.
                    double messages = Workload.EchoMessages(n);
                    rows.Add(new FigureRow("W9 echo", n, $"messages/s, {Workload.EchoClients(n)} clients (TPL pool: Socket, NetworkStream)",
                        Values(w, s => messages / s.Seconds), true, "≥1× uvloop, ≥1/1.5× TPL pool",
                        Judge(row => Both(AtLeast(row.Advantage(Column.CPythonUvloop), 1), AtLeast(row.Advantage(Column.TplThreadPool), 1 / 1.5))))
                    { VersusPool = true });
                    AddCold(w, "W9 echo", "messages/s", s => messages / s.Seconds, true);
                    break;
                case "W10":
                    // Issue 15: bulk throughput within 1.5× of hand-written .NET's.
                    rows.Add(new FigureRow("W10 bulk", n, $"MiB/s in {Workload.BulkChunk / 1024} KiB writes (TPL pool: Socket, NetworkStream)",
                        Values(w, s => n / (1024.0 * 1024) / s.Seconds), true, "≥1/1.5× TPL pool",
                        Judge(row => AtLeast(row.Advantage(Column.TplThreadPool), 1 / 1.5)))
                    { VersusPool = true });
                    AddCold(w, "W10 bulk", "MiB/s", s => n / (1024.0 * 1024) / s.Seconds, true);
                    break;
            }
        }
        return rows;
    }
}
