using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>What an event loop counts for its metrics: plain fields the loop's thread updates, read here on demand.</summary>
internal interface ILoopStatistics
{
    /// <summary>Tasks created on the loop so far.</summary>
    long TasksCreated { get; }

    /// <summary>Tasks of the loop that finished (with a result, an exception or cancelled) so far.</summary>
    long TasksFinished { get; }

    /// <summary>Callbacks in the ready queue now.</summary>
    int ReadyLength { get; }

    /// <summary>Iterations (<c>_run_once</c>) so far.</summary>
    long Iterations { get; }

    /// <summary>Slow callbacks and task steps reported in debug mode so far.</summary>
    long SlowSteps { get; }
}

/// <summary>
/// PyAsync's <see cref="System.Diagnostics.Metrics"/> instruments, on the <see cref="Meter"/> named
/// <c>PyAsync</c> (<c>dotnet-counters monitor --counters PyAsync -p PID</c>). CPython has no
/// counterpart; the closest are asyncio's debug-mode reports.
/// </summary>
/// <remarks>
/// <para>
/// Every instrument is observable: a loop only counts in plain fields of its own (a task registering,
/// an iteration, which it counted already), and the instruments read those fields when a listener
/// collects, so nothing is measured, allocated or synchronized on the loop's hot path, listened to
/// or not. Reading another thread's fields without synchronization gives values a little stale, never
/// torn (they are 64-bit fields on a 64-bit process, or <c>int</c>s).
/// </para>
/// <para>
/// The meter is published (made) at the first moment a loop waits for real time or turns its 4,096th
/// iteration (<see cref="Publish"/>): making one costs more than a hello-world port's whole run.
/// </para>
/// <para>
/// The counters are totals over the process: the loops running now (registered by
/// <see cref="Started"/>, one lock per <c>run_forever</c>) plus what every loop counted up to its last
/// stop (<see cref="Stopped"/> adds it to the process's totals). A loop is counted in one of the two,
/// never both: both sides take <see cref="s_lock"/>.
/// </para>
/// </remarks>
internal static class LoopMetrics
{
    /// <summary>The meter's name, as <c>dotnet-counters</c> and <c>MeterListener</c>s ask for it.</summary>
    public const string MeterName = "PyAsync";

    private static readonly object s_lock = new();
    // Reference types only, in List and ConditionalWeakTable: their shared generic code is precompiled
    // in the framework, where a Dictionary keyed to a struct had to be compiled at the first run (7
    // million instructions of a hello-world's start-up, callgrind).
    private static readonly List<Running> s_running = new();
    // What a loop that stopped had counted, so that running it again adds only what is new; weakly, as
    // a loop nobody closes is collected all the same.
    private static readonly ConditionalWeakTable<ILoopStatistics, Counts> s_counted = new();
    private static readonly Counts s_stopped = new();

    // Made by Publish, not when a loop first runs: creating a Meter costs more than a whole hello-world
    // port (52 million instructions against 197 million, measured with callgrind on .NET 10).
    private static Meter? s_meter;
    private static int s_published;

    /// <summary>Counts added to the process's totals (per loop: up to its last stop), or the totals themselves.</summary>
    private sealed class Counts
    {
        public long Created;
        public long Finished;
        public long Iterations;
        public long SlowSteps;
    }

    /// <summary>A running loop, and what of its counts is in the process's totals already.</summary>
    private sealed class Running(ILoopStatistics loop, Counts counted)
    {
        public ILoopStatistics Loop => loop;

        public Counts Counted => counted;
    }

    private static Meter CreateMeter()
    {
        var meter = new Meter(MeterName, typeof(LoopMetrics).Assembly.GetName().Version?.ToString());
        meter.CreateObservableCounter("pyasync.tasks.created", static () => Sum(static (l, t) => l.TasksCreated - t.Created, static t => t.Created),
            unit: "{task}", description: "Tasks created (asyncio.create_task, ensure_future, gather of coroutines, ...) on every event loop of the process.");
        meter.CreateObservableCounter("pyasync.tasks.finished", static () => Sum(static (l, t) => l.TasksFinished - t.Finished, static t => t.Finished),
            unit: "{task}", description: "Tasks that finished (with a result, an exception or cancelled).");
        meter.CreateObservableUpDownCounter("pyasync.loop.ready_queue.length", static () => ReadyLength(),
            unit: "{callback}", description: "Callbacks and task steps ready to run on the running event loops, when observed.");
        meter.CreateObservableCounter("pyasync.loop.iterations", static () => Sum(static (l, t) => l.Iterations - t.Iterations, static t => t.Iterations),
            unit: "{iteration}", description: "Event loop iterations (CPython's _run_once).");
        meter.CreateObservableCounter("pyasync.loop.slow_steps", static () => Sum(static (l, t) => l.SlowSteps - t.SlowSteps, static t => t.SlowSteps),
            unit: "{step}", description: "Callbacks and task steps that ran at least loop.slow_callback_duration, counted in debug mode only (where they are reported).");
        return meter;
    }

    /// <summary>
    /// Makes the meter and its instruments, once per process, where a listener can see them: the loops
    /// call it each time they are about to wait for real time and every 4,096 iterations, so a
    /// long-running program (what <c>dotnet-counters</c> attaches to) publishes them at its first idle
    /// moment, and a short script never pays for them. What they report counts from the start all the same.
    /// </summary>
    public static void Publish()
    {
        if (Volatile.Read(ref s_published) == 0) PublishNow();
    }

    private static void PublishNow()
    {
        if (Interlocked.Exchange(ref s_published, 1) != 0) return;
        s_meter = CreateMeter();
    }

    /// <summary>A loop starts running (<c>run_forever</c>): its counts are read from it until it stops.</summary>
    public static void Started(ILoopStatistics loop)
    {
        lock (s_lock) s_running.Add(new Running(loop, s_counted.TryGetValue(loop, out var counted) ? counted : new Counts()));
    }

    /// <summary>A loop stops running: what it counted since it started goes to the process's totals.</summary>
    public static void Stopped(ILoopStatistics loop)
    {
        lock (s_lock)
        {
            int i = s_running.FindIndex(r => r.Loop == loop);
            if (i < 0) return;
            var counted = s_running[i].Counted;
            s_running.RemoveAt(i);
            s_stopped.Created += loop.TasksCreated - counted.Created;
            s_stopped.Finished += loop.TasksFinished - counted.Finished;
            s_stopped.Iterations += loop.Iterations - counted.Iterations;
            s_stopped.SlowSteps += loop.SlowSteps - counted.SlowSteps;
            s_counted.AddOrUpdate(loop, new Counts
            {
                Created = loop.TasksCreated, Finished = loop.TasksFinished,
                Iterations = loop.Iterations, SlowSteps = loop.SlowSteps,
            });
        }
    }

    private static long Sum(Func<ILoopStatistics, Counts, long> sinceCounted, Func<Counts, long> stopped)
    {
        lock (s_lock)
        {
            long sum = stopped(s_stopped);
            foreach (var running in s_running) sum += sinceCounted(running.Loop, running.Counted);
            return sum;
        }
    }

    private static long ReadyLength()
    {
        lock (s_lock)
        {
            long sum = 0;
            foreach (var running in s_running) sum += running.Loop.ReadyLength;
            return sum;
        }
    }
}
