using System.Diagnostics.Metrics;
using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// The <c>PyAsync</c> meter (src/PyAsync/Diagnostics/LoopMetrics.cs), read with a
/// <see cref="MeterListener"/> as dotnet-counters reads it. Its counters are totals over the process,
/// so these tests run alone (with the other tests of process-wide state) and compare readings taken
/// before and after a known program.
/// </summary>
[Collection(nameof(WarningsHook))]
public class MetricsTests
{
    [Fact]
    public void The_instruments_are_published_with_their_units()
    {
        using var meter = new Reader();
        meter.Instruments.ShouldBe(new Dictionary<string, string?>
        {
            ["pyasync.tasks.created"] = "{task}",
            ["pyasync.tasks.finished"] = "{task}",
            ["pyasync.loop.ready_queue.length"] = "{callback}",
            ["pyasync.loop.iterations"] = "{iteration}",
            ["pyasync.loop.slow_steps"] = "{step}",
        }, ignoreOrder: true);
    }

    [Fact]
    public void A_known_program_counts_its_tasks_iterations_and_ready_callbacks_exactly()
    {
        using var meter = new Reader();
        EventLoop loop = null!;
        long readyWhileRunning = -1;
        var before = meter.Read();
        var output = PyRun.Main(async () =>
        {
            loop = GetRunningLoop();
            var tasks = new[] { CreateTask(Child(1)), CreateTask(Child(2)), CreateTask(Child(3)) };
            // The three first steps are ready now, and nothing else.
            readyWhileRunning = meter.Read()["pyasync.loop.ready_queue.length"];
            Print(await Gather(tasks));
        });
        var after = meter.Read();

        output.Stdout.ShouldBe("[1, 2, 3]\n");
        readyWhileRunning.ShouldBe(3);
        // Main, three children, and the two tasks asyncio.run's close makes, as CPython's runners.py does
        // (run_until_complete of shutdown_asyncgens() and of shutdown_default_executor()).
        (after["pyasync.tasks.created"] - before["pyasync.tasks.created"]).ShouldBe(6);
        (after["pyasync.tasks.finished"] - before["pyasync.tasks.finished"]).ShouldBe(6);
        (after["pyasync.loop.iterations"] - before["pyasync.loop.iterations"]).ShouldBe(loop.Iterations);
        // The loop's own count for this program, pinned (the run, then asyncio.run's two shutdown tasks).
        loop.Iterations.ShouldBe(10);
        (after["pyasync.loop.slow_steps"] - before["pyasync.loop.slow_steps"]).ShouldBe(0);
        after["pyasync.loop.ready_queue.length"].ShouldBe(0);

        static async Coroutine<int> Child(int n)
        {
            await Sleep(0);
            return n;
        }
    }

    [Fact]
    public void Slow_steps_are_counted_in_debug_mode_only()
    {
        using var meter = new Reader();
        var before = meter.Read();
        PyRun.Main(async () =>
        {
            Time.Sleep(3);
            await Sleep(0);
            Time.Sleep(1);
        }, debug: true);
        var debug = meter.Read();
        PyRun.Main(async () => Time.Sleep(3));
        var after = meter.Read();

        (debug["pyasync.loop.slow_steps"] - before["pyasync.loop.slow_steps"]).ShouldBe(2);
        (after["pyasync.loop.slow_steps"] - debug["pyasync.loop.slow_steps"]).ShouldBe(0);
    }

    [Fact]
    public void A_loop_run_twice_is_counted_once()
    {
        using var meter = new Reader();
        var before = meter.Read();
        PyRun.Program(() =>
        {
            using var runner = Runner();
            runner.Run(One());
            runner.Run(One());
        });
        var after = meter.Read();

        // One task per Run, and the two the runner's close makes (shutdown_asyncgens, shutdown_default_executor).
        (after["pyasync.tasks.created"] - before["pyasync.tasks.created"]).ShouldBe(4);
        (after["pyasync.tasks.finished"] - before["pyasync.tasks.finished"]).ShouldBe(4);

        static async Coroutine One() => await Sleep(0);
    }

    /// <summary>A <see cref="MeterListener"/> on the PyAsync meter that reads every instrument on demand.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _values = new();

        public Reader()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name != "PyAsync") return;
                lock (_values) Instruments[instrument.Name] = instrument.Unit;
                listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                lock (_values) _values[instrument.Name] = _values.GetValueOrDefault(instrument.Name) + value;
            });
            _listener.Start();
            // The meter is made at a loop's first real wait or 4,096th iteration: make sure it exists.
            LoopMetrics.Publish();
        }

        public Dictionary<string, string?> Instruments { get; } = new();

        public Dictionary<string, long> Read()
        {
            lock (_values)
            {
                _values.Clear();
                _listener.RecordObservableInstruments();
                return new Dictionary<string, long>(_values);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
