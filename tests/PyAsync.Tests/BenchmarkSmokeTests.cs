using PyAsync.Bench.Harness;
using PyAsync.Bench.Workloads;
using PyAsync.Tests.Support;

namespace PyAsync.Tests;

/// <summary>
/// The benchmarks' workloads at their tiny sizes, in every column: they complete and their check
/// values are right. Never their speed: that is for <c>dotnet run -c Release --project bench</c>.
/// They run alone, because W3 reads the whole process's heap and the workloads use the process-wide
/// warnings sink and task numbering.
/// </summary>
[Collection(nameof(BenchmarkSmokeTests))]
[Trait("Category", "Slow")]
public class BenchmarkSmokeTests
{
    public static TheoryData<string, Column> DotNetCases()
    {
        var cases = new TheoryData<string, Column>();
        foreach (var workload in Workload.All)
            foreach (var column in new[] { Column.PyAsync, Column.TplSingleThread, Column.TplAsyncContext, Column.TplThreadPool, Column.AsyncLockSingleThread, Column.AsyncLockThreadPool, Column.AsyncLockAsyncContext, Column.OneThreadBound })
                if (Measurer.Applies(column, workload))
                    cases.Add(workload.Id, column);
        return cases;
    }

    [Theory]
    [MemberData(nameof(DotNetCases))]
    public void A_workload_completes_with_the_right_result(string id, Column column)
    {
        var workload = Workload.Get(id);
        var m = Measurer.RunOnce(column, workload, workload.TinySize);
        m.Value.ShouldBe(workload.Expected(workload.TinySize), $"{id} in {column}");
        m.IsRight.ShouldBeTrue();
        // At this size the heap figure is noise; only that it was taken is checked.
        if (workload == Workload.Memory) m.BytesPerTask.ShouldNotBeNull();
        if (column == Column.PyAsync && (workload == Workload.Timers || workload == Workload.Cancellation))
            m.VirtualSeconds.ShouldNotBeNull();
    }

    [PythonTheory]
    [InlineData("W1")]
    [InlineData("W2")]
    [InlineData("W3")]
    [InlineData("W4")]
    [InlineData("W5")]
    [InlineData("W6")]
    [InlineData("W7")]
    [InlineData("W8")]
    [InlineData("W9")]
    [InlineData("W10")]
    [InlineData("W1C")]
    public void The_CPython_column_runs_the_same_workload(string id)
    {
        var workload = Workload.Get(id);
        // Deterministic for the same interpreter, workloads.py and size: checked again only when one changed (OracleCache).
        string key = OracleCache.Key(CPythonWorkloads.Interpreter, CPythonWorkloads.Script, $"bench column CPython {id} {workload.TinySize}", "");
        if (OracleCache.Verified(key)) return;
        var runs = CPythonWorkloads.Run(workload, workload.TinySize, runs: 1);
        runs.Count.ShouldBe(1);
        runs[0].IsRight.ShouldBeTrue($"{id}: {runs[0].Value}");
        if (workload == Workload.Memory) runs[0].BytesPerTask.ShouldNotBeNull();
        OracleCache.Record(key);
    }

    /// <summary>A theory skipped, saying how to get it, when the uvloop column's python3 has no uvloop.</summary>
    public sealed class UvloopTheoryAttribute : TheoryAttribute
    {
        public UvloopTheoryAttribute()
        {
            if (CPythonWorkloads.UvloopVersion() is null) Skip = CPythonWorkloads.UvloopMissing;
        }
    }

    [UvloopTheory]
    [InlineData("W1")]
    [InlineData("W2")]
    [InlineData("W8")]
    [InlineData("W9")]
    [InlineData("W10")]
    public void The_uvloop_column_runs_the_same_workload_on_uvloops_loop(string id)
    {
        var workload = Workload.Get(id);
        string key = OracleCache.Key(CPythonWorkloads.UvloopInterpreter, CPythonWorkloads.Script, $"bench column uvloop {id} {workload.TinySize}", "");
        if (OracleCache.Verified(key)) return;
        var runs = CPythonWorkloads.Run(workload, workload.TinySize, runs: 1, uvloop: true);
        runs.Count.ShouldBe(1);
        runs[0].IsRight.ShouldBeTrue($"{id}: {runs[0].Value}");
        OracleCache.Record(key);
    }

    [PythonFact]
    public void The_uvloop_column_without_uvloop_fails_with_how_to_get_it()
    {
        // A python3 without uvloop (the oracle's pyenv 3.11 has none): the script exits with code 3 and says so.
        var script = CPythonWorkloads.Script;
        var start = new System.Diagnostics.ProcessStartInfo(Python.Executable!) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { script, "--uvloop", "W1", "10", "1" }) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (error.Length == 0 && process.ExitCode == 0) return; // this python3 has uvloop after all
        process.ExitCode.ShouldBe(3);
        error.ShouldContain("apt-get install python3-uvloop");
    }

    [Fact]
    public void The_check_values_of_the_queue_and_the_lock_are_the_items_sum_and_the_counter()
    {
        Workload.Queue.Expected(1_000).ShouldBe(499_500);
        Workload.Queue.Expected(1_000_000).ShouldBe(499_999_500_000);
        Workload.Lock.Expected(1_000_000).ShouldBe(1_000_000);
        Workload.Lock.Expected(1_050).ShouldBe(1_000); // 100 tasks, 10 acquisitions each
        Workload.Spawn.Expected(100).ShouldBe(100);
    }

    [Fact]
    public void The_network_workloads_check_the_bytes_echoed_and_received()
    {
        // W9: 100 clients × 10,000 messages of 16 bytes at full size; 4 × 50 at the CI size.
        Workload.EchoClients(Workload.Echo.FullSize).ShouldBe(100);
        Workload.EchoClients(Workload.Echo.TinySize).ShouldBe(4);
        Workload.Echo.Expected(1_000_000).ShouldBe(16_000_000);
        Workload.Echo.Expected(200).ShouldBe(3_200);
        Workload.Echo.Expected(1_010).ShouldBe(16 * 20 * 50); // 20 clients, 50 messages each: 10 left over
        Workload.EchoMessage.Length.ShouldBe(16);
        Workload.EchoMessage[^1].ShouldBe((byte)'\n');
        // W10: 1 GiB at full size, 1 MiB at the CI size, in 64 KiB writes.
        Workload.Bulk.FullSize.ShouldBe(1 << 30);
        Workload.Bulk.Expected(Workload.Bulk.TinySize).ShouldBe(1 << 20);
        Workload.BulkChunk.ShouldBe(65_536);
    }

    [Fact]
    public void The_network_workloads_run_in_PyAsync_CPython_uvloop_and_the_pool()
    {
        foreach (var w in new[] { Workload.Echo, Workload.Bulk })
        {
            w.IsNetwork.ShouldBeTrue();
            Workload.All.ShouldContain(w);
            Measurer.Applies(Column.CPython, w).ShouldBeTrue();
            Measurer.Applies(Column.CPythonUvloop, w).ShouldBeTrue();
            Measurer.Applies(Column.TplThreadPool, w).ShouldBeTrue();
            Measurer.Applies(Column.TplSingleThread, w).ShouldBeFalse();
            Measurer.Applies(Column.TplAsyncContext, w).ShouldBeFalse();
            Measurer.Applies(Column.AsyncLockThreadPool, w).ShouldBeFalse();
            // PyAsync's streams (bench/Workloads/PyAsyncIoWorkloads.cs).
            Measurer.Applies(Column.PyAsync, w).ShouldBeTrue();
        }
        Workload.All.Where(w => w.IsNetwork).ShouldBe([Workload.Echo, Workload.Bulk]);
        // W10's one-thread bound: W10's column only.
        Workload.All.Where(w => Measurer.Applies(Column.OneThreadBound, w)).ShouldBe([Workload.Bulk]);
    }

    [Fact]
    public void The_network_rows_are_judged_against_uvloop_and_the_pool_with_their_own_ratio()
    {
        var summary = (double seconds) => new Summary(seconds, null, null, null, null, AllRight: true);
        var medians = new Dictionary<(Workload, Column), Summary>
        {
            [(Workload.Echo, Column.PyAsync)] = summary(10),     // 100,000 messages/s
            [(Workload.Echo, Column.CPython)] = summary(40),
            [(Workload.Echo, Column.CPythonUvloop)] = summary(12),
            [(Workload.Echo, Column.TplThreadPool)] = summary(8), // 125,000 messages/s: PyAsync 0.8×, within 1.5×
            [(Workload.Bulk, Column.PyAsync)] = summary(4),      // 256 MiB/s
            [(Workload.Bulk, Column.TplThreadPool)] = summary(2), // 512 MiB/s: PyAsync 0.5×, not within 1.5×
        };
        var rows = Figures.Rows([Workload.Echo, Workload.Bulk], medians, null, null, 48, 40, tiny: false);
        var echo = rows.Single(r => r.Workload == "W9 echo");
        echo.Values[Column.PyAsync].ShouldBe(100_000, tolerance: 1e-6);
        echo.Advantage(Column.CPythonUvloop)!.Value.ShouldBe(1.2, tolerance: 1e-9);
        echo.Advantage(Column.TplThreadPool)!.Value.ShouldBe(0.8, tolerance: 1e-9);
        echo.Met(echo).ShouldBe(true);
        var bulk = rows.Single(r => r.Workload == "W10 bulk");
        bulk.Values[Column.PyAsync].ShouldBe(256, tolerance: 1e-9);
        bulk.Met(bulk).ShouldBe(false);
        var markdown = Report.Markdown(rows);
        markdown.ShouldContain("| vs AsyncContext | vs TPL pool | Target | Met |");
        markdown.Split('\n').Single(l => l.StartsWith("| W10 bulk | MiB/s in", StringComparison.Ordinal)).ShouldContain("| 0.5× | ≥1/1.5× TPL pool | **no** |");
        // Without a network row, the table keeps its columns.
        Report.Markdown(Figures.Rows([Workload.Lock], new Dictionary<(Workload, Column), Summary>(), null, null, 48, 40, tiny: false))
            .ShouldNotContain("vs TPL pool");
    }

    [Fact]
    public void Only_the_lock_workload_has_AsyncLock_columns()
    {
        Workload.All.Where(w => Measurer.Applies(Column.AsyncLockSingleThread, w)).ShouldBe([Workload.Lock]);
        Workload.All.Where(w => Measurer.Applies(Column.AsyncLockThreadPool, w)).ShouldBe([Workload.Lock]);
        Workload.All.Where(w => Measurer.Applies(Column.AsyncLockAsyncContext, w)).ShouldBe([Workload.Lock]);
        Measurer.Applies(Column.TplAsyncContext, Workload.Lock).ShouldBeTrue();
        Workload.All.Where(w => !w.IsPorterShaped && !w.IsNetwork).ShouldAllBe(w => Measurer.Applies(Column.TplSingleThread, w) && Measurer.Applies(Column.PyAsync, w));
        Should.Throw<ArgumentOutOfRangeException>(() => Measurer.RunOnce(Column.AsyncLockSingleThread, Workload.Queue, 10));
    }

    [Fact]
    public void The_lock_rows_put_each_NET_lock_in_the_TPL_columns_next_to_the_same_PyAsync_figure()
    {
        var summary = (double seconds) => new Summary(seconds, null, null, seconds * 1000, null, AllRight: true);
        var medians = new Dictionary<(Workload, Column), Summary>
        {
            [(Workload.Lock, Column.PyAsync)] = summary(0.1),
            [(Workload.Lock, Column.CPython)] = summary(10),
            [(Workload.Lock, Column.TplSingleThread)] = summary(0.2),
            [(Workload.Lock, Column.TplThreadPool)] = summary(0.3),
            [(Workload.Lock, Column.AsyncLockSingleThread)] = summary(0.4),
            [(Workload.Lock, Column.AsyncLockThreadPool)] = summary(0.5),
        };
        var rows = Figures.Rows([Workload.Lock], medians, null, null, 48, 40, tiny: false);
        var times = rows.Where(r => r.Figure.StartsWith("ns/acquire", StringComparison.Ordinal)).ToList();
        times.Count.ShouldBe(2);
        times[0].Figure.ShouldContain("SemaphoreSlim");
        times[0].Advantage(Column.TplSingleThread)!.Value.ShouldBe(2, tolerance: 1e-9);
        times[1].Figure.ShouldContain("AsyncLock");
        times[1].Advantage(Column.TplSingleThread)!.Value.ShouldBe(4, tolerance: 1e-9);
        times[1].Advantage(Column.CPython)!.Value.ShouldBe(100, tolerance: 1e-9);
        times.ShouldAllBe(r => r.Met(r) == true);
        rows.ShouldAllBe(r => !r.Values.ContainsKey(Column.AsyncLockSingleThread) && !r.Values.ContainsKey(Column.AsyncLockThreadPool));
        var line = Report.Markdown(rows).Split('\n').Single(l => l.Contains("ns/acquire (TPL: Nito AsyncLock)", StringComparison.Ordinal));
        // The uvloop and AsyncContext columns did not run: "-" in their figure and ratio cells.
        line.ShouldContain("| 100 | 10,000 | - | 400 | - | 500 | 100"); line.ShouldContain("× | - | 4.00× | - |");
    }

    [Fact]
    public void A_measurement_in_a_child_process_comes_back_whole()
    {
        // The harness measures each column in processes of its own.
        var runs = Measurer.Measure(Column.PyAsync, Workload.Spawn, Workload.Spawn.TinySize, runs: 2);
        runs.Count.ShouldBe(2);
        runs.ShouldAllBe(m => m.IsRight && m.PeakWorkingSet > 0 && m.AllocatedBytes > 0);
    }

    [Fact]
    public void The_baseline_column_runs_the_PyAsync_column_of_another_build()
    {
        // This build stands in for the other one: `dotnet PyAsync.Bench.dll child PyAsync W2 1000 2`.
        var self = Baseline.At(typeof(Measurer).Assembly.Location, label: null);
        var runs = Measurer.Measure(Column.Baseline, Workload.RoundTrip, Workload.RoundTrip.TinySize, runs: 2, self);
        runs.Count.ShouldBe(2);
        runs.ShouldAllBe(m => m.IsRight && m.Expected == Workload.RoundTrip.TinySize && m.AllocatedBytes > 0 && m.PeakWorkingSet > 0);
        Should.Throw<ArgumentNullException>(() => Measurer.Measure(Column.Baseline, Workload.RoundTrip, 1, 1));
    }

    [Fact]
    public void A_baseline_is_named_after_the_commit_in_its_path()
    {
        Baseline.DefaultLabel("/tmp/pyasync-ab/354b795/bench/bin/Release/net10.0/PyAsync.Bench.dll").ShouldBe("354b795");
        Baseline.DefaultLabel("/tmp/ab-354b795ee4e52c0/PyAsync.Bench.dll").ShouldBe("354b795");
        Baseline.DefaultLabel("/work/old/bench/bin/Release/net10.0/PyAsync.Bench.dll").ShouldBe("baseline");
        var self = Path.GetDirectoryName(typeof(Measurer).Assembly.Location)!;
        Baseline.At(self, "old").ShouldBe(new Baseline(typeof(Measurer).Assembly.Location, "old"));
    }

    [Theory]
    [InlineData("--runs")]
    [InlineData("--rounds", "x")]
    [InlineData("--markdown", "--tiny")]
    [InlineData("--only", "W11")]
    [InlineData("--columns", "AsyncLock")]
    [InlineData("--columns", "Nope")]
    [InlineData("--columns", "PyAsync,Baseline")]
    [InlineData("--baseline")]
    [InlineData("--baseline", "/no/such/build")]
    [InlineData("--frobnicate")]
    public void A_wrong_command_line_says_what_is_wrong(params string[] args) =>
        Should.Throw<UsageException>(() => Options.Parse(args)).Message.ShouldNotBeNullOrEmpty();

    [Fact]
    public void An_AB_table_puts_the_baseline_next_to_PyAsync_with_its_ratio()
    {
        var summary = (double seconds, double bytes) => new Summary(seconds, bytes, null, bytes, null, AllRight: true);
        var medians = new Dictionary<(Workload, Column), Summary>
        {
            [(Workload.RoundTrip, Column.PyAsync)] = summary(0.1, 48),
            [(Workload.RoundTrip, Column.Baseline)] = summary(0.2, 96),
            [(Workload.Memory, Column.PyAsync)] = summary(1, 170),
            [(Workload.Memory, Column.Baseline)] = summary(1, 340),
        };
        var rows = Figures.Rows([Workload.RoundTrip, Workload.Memory], medians, null, null, 48, 40, tiny: false);
        rows.Select(r => r.Figure).ShouldBe(["ns/await", "B alloc/await, whole run", "B/pending task"]);
        rows.ShouldAllBe(r => r.Advantage(Column.Baseline) == 2);
        var markdown = Report.Markdown(rows, new Baseline("old.dll", "354b795"));
        markdown.ShouldStartWith("| Workload | Figure | n | PyAsync | 354b795 | PyAsync vs baseline | Target | Met |");
        markdown.ShouldContain("| W2 await | B alloc/await, whole run | 1,000,000 | 48.0 | 96.0 | 2.00× |");
    }

    [Fact]
    public void Ratios_say_how_many_times_better_PyAsync_is()
    {
        var throughput = new FigureRow("W1", 1, "tasks/s",
            new Dictionary<Column, double> { [Column.PyAsync] = 300, [Column.CPython] = 10, [Column.TplSingleThread] = 150 },
            HigherIsBetter: true, "", _ => null);
        throughput.Advantage(Column.CPython).ShouldBe(30);
        throughput.Advantage(Column.TplSingleThread).ShouldBe(2);
        var cost = new FigureRow("W2", 1, "ns/await",
            new Dictionary<Column, double> { [Column.PyAsync] = 100, [Column.TplSingleThread] = 50 },
            HigherIsBetter: false, "", _ => null);
        cost.Advantage(Column.TplSingleThread).ShouldBe(0.5);
        cost.Advantage(Column.CPython).ShouldBeNull();
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Summary.Median([4, 1, 3, 2]).ShouldBe(2.5);
        Summary.Median([5, 1, 3]).ShouldBe(3);
    }

    [Fact]
    public void The_porter_shaped_variants_are_PyAsyncs_and_share_W1s_and_W2s_Python()
    {
        Workload.All.Where(w => w.IsPorterShaped).Select(w => w.Id).ShouldBe(["W1P", "W1C", "W2P"]);
        foreach (var w in Workload.All.Where(w => w.IsPorterShaped))
        {
            Measurer.Applies(Column.PyAsync, w).ShouldBeTrue();
            Measurer.Applies(Column.TplSingleThread, w).ShouldBeFalse();
            Measurer.Applies(Column.TplAsyncContext, w).ShouldBeFalse();
            // W1C's Python gathers coroutines, a program of its own; W1P's and W2P's is W1's and W2's.
            Measurer.Applies(Column.CPython, w).ShouldBe(w.Id == "W1C");
            Workload.Get(w.BestCaseId!).IsPorterShaped.ShouldBeFalse();
            w.Expected(w.TinySize).ShouldBe(w.TinySize);
        }
    }

    [Fact]
    public void A_cold_measurement_is_one_run_of_a_fresh_process()
    {
        var runs = Measurer.Measure(Column.PyAsync, Workload.RoundTripPorter, Workload.RoundTripPorter.TinySize, runs: 3, cold: true);
        runs.Count.ShouldBe(1);
        runs[0].IsRight.ShouldBeTrue();
        Should.Throw<ArgumentOutOfRangeException>(() =>
            Measurer.Measure(Column.Baseline, Workload.RoundTrip, 10, 1, Baseline.At(typeof(Measurer).Assembly.Location, null), cold: true));
    }

    [PythonFact]
    public void The_CPython_column_measures_cold_without_its_warm_up()
    {
        var runs = CPythonWorkloads.Run(Workload.SpawnCoroutines, Workload.SpawnCoroutines.TinySize, runs: 1, cold: true);
        runs.Count.ShouldBe(1);
        runs[0].IsRight.ShouldBeTrue();
    }

    [Fact]
    public void Cold_and_porter_rows_are_judged_against_the_warm_best_case()
    {
        var summary = (double seconds) => new Summary(seconds, null, null, null, null, AllRight: true);
        var medians = new Dictionary<(Workload, Column), Summary>
        {
            [(Workload.RoundTrip, Column.PyAsync)] = summary(0.1),
            [(Workload.RoundTrip, Column.CPython)] = summary(5),
            [(Workload.RoundTrip, Column.CPythonUvloop)] = summary(2.5),
            [(Workload.RoundTripPorter, Column.PyAsync)] = summary(0.115),
        };
        var colds = new Dictionary<(Workload, Column), Summary>
        {
            [(Workload.RoundTrip, Column.PyAsync)] = summary(0.16),
            [(Workload.RoundTrip, Column.CPython)] = summary(5),
            [(Workload.RoundTrip, Column.CPythonUvloop)] = summary(2.5),
            [(Workload.RoundTripPorter, Column.PyAsync)] = summary(0.1),
        };
        var rows = Figures.Rows([Workload.RoundTrip, Workload.RoundTripPorter], medians, null, null, 48, 40, tiny: false, colds);
        var cold = rows.Single(r => r.Workload == "W2 await" && r.Figure.EndsWith("cold", StringComparison.Ordinal));
        cold.Met(cold).ShouldBe(false); // 0.16 s cold against 0.1 s warm: more than 1.5 times
        var porter = rows.Single(r => r.Workload.StartsWith("W2P", StringComparison.Ordinal) && !r.Figure.Contains("cold", StringComparison.Ordinal));
        porter.Met(porter).ShouldBe(true); // 0.115 s against W2's 0.1 s: within 1.2 times
        porter.Advantage(Column.CPython)!.Value.ShouldBe(5 / 0.115, tolerance: 1e-9); // W2's CPython figure: the same Python
        var felt = rows.Single(r => r.Figure.EndsWith("felt", StringComparison.Ordinal));
        felt.Advantage(Column.CPythonUvloop)!.Value.ShouldBe(25, tolerance: 1e-9);
        felt.Met(felt).ShouldBe(false); // 25 times uvloop: short of 30
        colds[(Workload.RoundTrip, Column.PyAsync)] = summary(0.14);
        colds[(Workload.RoundTripPorter, Column.PyAsync)] = summary(0.08);
        rows = Figures.Rows([Workload.RoundTrip, Workload.RoundTripPorter], medians, null, null, 48, 40, tiny: false, colds);
        rows.Where(r => r.Figure.Contains("cold", StringComparison.Ordinal)).ShouldAllBe(r => r.Met(r) == true);
    }

    [Fact]
    public void The_cold_figures_can_be_skipped_and_the_porter_variants_named()
    {
        var options = Options.Parse(["--no-cold", "--only", "W1P,W2P,w1c"]);
        options.Cold.ShouldBeFalse();
        options.Only.Select(w => w.Id).ShouldBe(["W1P", "W2P", "W1C"]);
        Options.Parse([]).Cold.ShouldBeTrue();
    }
}
