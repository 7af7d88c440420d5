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
public class BenchmarkSmokeTests
{
    public static TheoryData<string, Column> DotNetCases()
    {
        var cases = new TheoryData<string, Column>();
        foreach (var workload in Workload.All)
            foreach (var column in new[] { Column.PyAsync, Column.TplSingleThread, Column.TplThreadPool })
                cases.Add(workload.Id, column);
        return cases;
    }

    [Theory]
    [MemberData(nameof(DotNetCases))]
    public void A_workload_completes_with_the_right_result(string id, Column column)
    {
        var workload = Workload.Get(id);
        var m = Measurer.RunOnce(column, workload, workload.TinySize);
        m.Value.ShouldBe(workload.TinySize, $"{id} in {column}");
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
    public void The_CPython_column_runs_the_same_workload(string id)
    {
        var workload = Workload.Get(id);
        var runs = CPythonWorkloads.Run(workload, workload.TinySize, runs: 1);
        runs.Count.ShouldBe(1);
        runs[0].IsRight.ShouldBeTrue($"{id}: {runs[0].Value}");
        if (workload == Workload.Memory) runs[0].BytesPerTask.ShouldNotBeNull();
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
}

[CollectionDefinition(nameof(BenchmarkSmokeTests), DisableParallelization = true)]
public class BenchmarkSmokeCollection;
