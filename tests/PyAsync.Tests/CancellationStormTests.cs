using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// Issue 11's cancellation storm: seeded random programs of thousands of tasks in nested
/// <c>Gather</c> (with and without <c>returnExceptions</c>), <c>WaitFor</c>, <c>Shield</c>, <c>TaskGroup</c>
/// and <c>Timeout</c> trees, whose leaves sleep, return, raise, or wait on futures, a lock, a queue and an
/// event, cancelled at seeded random points (with and without a message, by timeouts, outer gathers
/// cancelled). Whatever the program does, the loop must keep CPython's guarantees: every task ends done,
/// <c>Run</c> returns (or raises what main raised) and never hangs, every exception is retrieved or
/// reported exactly once, no done callback runs twice, no item of the queue and no hold of the lock is
/// lost, and a seed replays identically. CI size by default; <c>PYASYNC_STRESS=full</c> runs 100,000+ tasks.
/// </summary>
public class CancellationStormTests
{
    private const string TaskUnretrieved = "Task exception was never retrieved";
    private const string FutureUnretrieved = "Future exception was never retrieved";
    private const string Shutdown = "unhandled exception during asyncio.run() shutdown";

    /// <summary>One seeded program: its random choices, the futures it made and what it saw.</summary>
    private sealed class Storm(int seed, int budget, bool catchReports, bool hold)
    {
        private readonly Random _rng = new(seed);
        private readonly StringBuilder _trace = new();
        private int _nodes;
        private int _errors;
        private EventLoop _loop = null!;
        private PyLock _lock = null!;
        private PyQueue<int> _queue = null!;
        private Event _event = null!;
        private PyQueue<int> _bounded = null!;
        private PySemaphore _semaphore = null!;

        private readonly List<Probe> _held = [];
        private readonly ConditionalWeakTable<Future, Probe> _weak = new();
        private readonly ConcurrentQueue<Record> _dead = new();
        private int _tracked;
        public int DeadCount => _dead.Count;
        public readonly List<Dictionary<string, object?>> Reports = [];
        public int Put, Got, BoundedPut, BoundedGot;
        public int TasksCreated;
        public EventLoop Loop => _loop;
        public PyLock Lock => _lock;
        public PyQueue<int> Queue => _queue;
        public PyQueue<int> Bounded => _bounded;
        public PySemaphore Semaphore => _semaphore;
        public string Trace => _trace.ToString();

        public async Coroutine<int> Main()
        {
            _loop = GetRunningLoop();
            if (catchReports) _loop.SetExceptionHandler((_, context) => Reports.Add(context));
            _lock = Lock();
            _queue = Queue<int>();
            _event = Event();
            _bounded = Queue<int>(maxsize: 1);
            _semaphore = Semaphore(2);
            // The lock is held from the start and released at a random time; the queue gets items at
            // random times; the event is set at a random time, or never.
            _ = Track(CreateTask(HoldLock(Delay(20))));
            int items = 1 + _rng.Next(Math.Max(1, budget / 20));
            for (int i = 0; i < items; i++)
                _loop.CallLater(Delay(40), () => { _queue.PutNowait(++Put); Note("put"); });
            if (_rng.Next(3) > 0) _loop.CallLater(Delay(60), () => { _event.Set(); Note("event set"); });
            // The bounded queue is drained at random times, so its putters wait, and some are cancelled.
            for (int i = 0; i < items; i++)
                _loop.CallLater(Delay(40), () =>
                {
                    if (_bounded.Empty()) return;
                    _bounded.GetNowait();
                    BoundedGot++;
                    Note("drained");
                });
            // Batches of trees until the budget is spent, then one more whose outcome is main's. Each
            // has a deadline, so a storm always ends.
            while (_nodes < budget)
            {
                var roots = new List<IAwaitable>();
                for (int i = 0; i < 4; i++) roots.Add(Track(CreateTask(Node(depth: 6))));
                try
                {
                    var results = await WaitFor(Gather(roots, returnExceptions: true), 500);
                    Note($"batch: {Str(results)}");
                }
                catch (TimeoutError)
                {
                    Note("batch timed out");
                }
            }
            return await WaitFor(Node(depth: 6), 500);
        }

        private async Coroutine<int> HoldLock(double until)
        {
            await _lock.Acquire();
            try { await Sleep(until); }
            finally { _lock.Release(); }
            return 0;
        }

        private double Delay(double max) => _rng.Next(6) switch
        {
            0 => 0,
            1 => 0.001 * _rng.Next(1, 10),
            _ => Math.Round(_rng.NextDouble() * max, 3),
        };

        private void Note(string what) => _trace.Append(_loop.Time().ToString("R")).Append(' ').Append(what).Append('\n');

        private T Track<T>(T future) where T : Future
        {
            int id = ++_tracked;
            var probe = new Probe(id, future, hold ? null : _dead);
            if (hold)
            {
                GC.SuppressFinalize(probe);
                _held.Add(probe);
            }
            else _weak.Add(future, probe);
            future.AddDoneCallback(_ => probe.Runs++);
            if (future is IPyTask) TasksCreated++;
            // Cancelled at a seeded random point: at once, later, or not at all; with or without a message.
            switch (_rng.Next(8))
            {
                case 0:
                    future.Cancel(_rng.Next(2) == 0 ? null : "storm");
                    break;
                case 1:
                case 2:
                    string? msg = _rng.Next(2) == 0 ? null : $"storm {id}";
                    _loop.CallLater(Delay(30), () => Note($"cancel {id} -> {future.Cancel(msg)}"));
                    break;
            }
            return future;
        }

        private IAwaitable<int> Child(int depth) =>
            _rng.Next(2) == 0 ? Track(CreateTask(Node(depth))) : Node(depth);

        // What a node does (see Body): leaves sleep, return, raise, or wait on a future, the lock, the
        // queues, the event or the semaphore; composites gather, wait_for, shield, use a task group or a
        // timeout, await a task, forget one, wait() in each return_when, or iterate as_completed.
        private static readonly int[] Leaves = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17];
        private static readonly int[] Composites = [8, 9, 10, 11, 12, 13, 14, 15, 18, 19, 20, 21, 22];

        private async Coroutine<int> Node(int depth)
        {
            int id = ++_nodes;
            bool leaf = depth <= 0 || _nodes > budget || _rng.Next(6) == 0;
            int kind = leaf ? Leaves[_rng.Next(Leaves.Length)] : Composites[_rng.Next(Composites.Length)];
            int handling = _rng.Next(10); // 0-3: catch errors, 4: also swallow a cancellation
            Note($"node {id} kind {kind}");
            try
            {
                int result = await Body(id, kind, depth - 1);
                Note($"node {id} returns {result}");
                return result;
            }
            catch (Exception e) when (e is not CancelledError && handling < 5)
            {
                Note($"node {id} caught {e.GetType().Name}");
                return -1;
            }
            catch (CancelledError) when (handling == 4)
            {
                Note($"node {id} swallowed the cancellation");
                return -2;
            }
            catch (Exception e)
            {
                Note($"node {id} raises {e.GetType().Name}");
                throw;
            }
        }

        private async Coroutine<int> Body(int id, int kind, int depth)
        {
            switch (kind)
            {
                case 0:
                    await Sleep(Delay(10));
                    return id;
                case 1:
                    await Sleep(Delay(10));
                    throw new ValueError($"e{++_errors}");
                case 2:
                    throw new ValueError($"e{++_errors}");
                case 3:
                    return id;
                case 4:
                {
                    var future = Track(_loop.CreateFuture<int>());
                    int error = ++_errors;
                    bool fails = _rng.Next(3) == 0;
                    _loop.CallLater(Delay(30), () =>
                    {
                        if (future.Done()) return;
                        if (fails) future.SetException(new ValueError($"f{error}"));
                        else future.SetResult(id);
                    });
                    return await future;
                }
                case 5:
                    using (await _lock.Acquire())
                    {
                        await Sleep(Delay(2));
                        return id;
                    }
                case 6:
                {
                    int item = await _queue.Get();
                    Got++;
                    return item;
                }
                case 7:
                    await _event.Wait();
                    return id;
                case 8:
                case 9:
                {
                    int n = 1 + _rng.Next(5);
                    var children = new List<IAwaitable>();
                    for (int i = 0; i < n; i++) children.Add(Child(depth));
                    var gathered = Track(Gather(children, returnExceptions: kind == 9));
                    var results = await gathered;
                    return results.Sum(r => r is int x ? x : 0);
                }
                case 10:
                {
                    double? timeout = _rng.Next(4) == 0 ? null : Delay(15);
                    return await WaitFor(Child(depth), timeout);
                }
                case 11:
                {
                    var shielded = Track(Shield(Child(depth)));
                    return await shielded;
                }
                case 12:
                    return await TaskGroup<int>(async tg =>
                    {
                        int n = 1 + _rng.Next(5);
                        for (int i = 0; i < n; i++) _ = Track(tg.CreateTask(Node(depth)));
                        if (_rng.Next(2) == 0) await Sleep(Delay(10));
                        return id;
                    });
                case 13:
                    return await Timeout<int>(_rng.Next(4) == 0 ? null : Delay(15), async cm => _rng.Next(3) == 0 ? await Track(CreateTask(Node(depth))) : await Node(depth));
                case 14:
                    return await Track(CreateTask(Node(depth)));
                case 16:
                    await _bounded.Put(id);
                    BoundedPut++;
                    return id;
                case 17:
                    using (await _semaphore.Acquire())
                    {
                        await Sleep(Delay(2));
                        return id;
                    }
                case 18:
                case 19:
                case 20:
                {
                    int n = 1 + _rng.Next(4);
                    var children = new List<PyTask<int>>();
                    for (int i = 0; i < n; i++) children.Add(Track(CreateTask(Node(depth))));
                    double? timeout = _rng.Next(3) == 0 ? null : Delay(15);
                    var returnWhen = kind switch { 18 => FirstCompleted, 19 => FirstException, _ => AllCompleted };
                    var (done, pending) = await Wait(children, timeout, returnWhen);
                    if (_rng.Next(2) == 0) foreach (var t in pending) t.Cancel();
                    int sum = 0;
                    foreach (var t in done) sum += t.Cancelled() || t.Exception() is not null ? 0 : t.Result();
                    return sum;
                }
                case 21:
                case 22:
                {
                    int n = 1 + _rng.Next(4);
                    var children = new List<IAwaitable<int>>();
                    for (int i = 0; i < n; i++) children.Add(Child(depth));
                    int sum = 0;
                    foreach (var next in AsCompleted(children, timeout: _rng.Next(3) == 0 ? null : Delay(15)))
                        sum += await next;
                    return sum;
                }
                default:
                    throw new InvalidOperationException($"no node kind {kind}");
                case 15:
                {
                    // Fire and forget: a failure of this task is retrieved by nobody (or by Exception() later).
                    var forgotten = Track(CreateTask(Node(depth)));
                    if (_rng.Next(3) > 0) return id;
                    await Sleep(Delay(10));
                    return forgotten.Done() && !forgotten.Cancelled() && forgotten.Exception() is not null ? -3 : id;
                }
            }
        }

        /// <summary>
        /// What became of every future the program tracked: read at once for those still alive after
        /// the run, and by their probe's finalizer for those collected during it (so that the loop's
        /// own collections decide their reports, as they do for a program that drops its futures).
        /// </summary>
        public List<Record> Records()
        {
            var records = new List<Record>();
            if (hold)
            {
                foreach (var probe in _held) records.Add(probe.Read());
                return records;
            }
            for (int i = 0; i < 2; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            foreach (var (_, probe) in _weak)
            {
                GC.SuppressFinalize(probe);
                records.Add(probe.Read());
            }
            records.AddRange(_dead);
            return records;
        }
    }

    /// <summary>What became of one tracked future.</summary>
    private sealed record Record(int Id, string Repr, bool IsTask, bool Done, bool Unretrieved, int CallbackRuns);

    /// <summary>Watches one future; tied to its lifetime, it reads the future's end state when both die.</summary>
    private sealed class Probe(int id, Future target, ConcurrentQueue<Record>? onDeath)
    {
        public int Runs;

        public Record Read() => new(id, target.ToString(), target is IPyTask, target.Done(), ((IFailedFuture)target).LogTraceback, Runs);

        ~Probe()
        {
            onDeath?.Enqueue(Read());
        }
    }

    /// <summary>What one run of a seed gave, for the checks and for comparing two runs of it.</summary>
    private sealed record Outcome(Storm Storm, object Result, Output Output, List<Record> Records);

    private static Outcome RunStorm(int seed, int budget, bool catchReports, bool letItRaise, bool hold = true)
    {
        var storm = new Storm(seed, budget, catchReports, hold);
        object result = "none";
        var output = PyRun.Program(() =>
        {
            if (!letItRaise)
            {
                result = Run(Guarded(storm));
                return;
            }
            Exception? raisedInMain = null;
            try
            {
                result = Run(Recording(storm, e => raisedInMain = e));
            }
            catch (Exception e)
            {
                // asyncio.run raises what main raised (a CancelledError may be a new one).
                if (e is not CancelledError) e.ShouldBeSameAs(raisedInMain, $"seed {seed}");
                else raisedInMain.ShouldBeOfType<CancelledError>($"seed {seed}");
                result = e.GetType().Name;
            }
        });
        return new Outcome(storm, result, output, storm.Records());

        static async Coroutine<object> Guarded(Storm storm)
        {
            try { return await storm.Main(); }
            catch (Exception e) { return e.GetType().Name; }
        }

        static async Coroutine<object> Recording(Storm storm, Action<Exception> raised)
        {
            try { return await storm.Main(); }
            catch (Exception e)
            {
                raised(e);
                throw;
            }
        }
    }

    /// <summary>Checks the storm's invariants; every message names the seed, to replay it.</summary>
    private static void Check(int seed, Outcome outcome)
    {
        var storm = outcome.Storm;
        string where = $"seed {seed}";
        outcome.Result.ShouldNotBe("none", where);
        storm.Loop.IsClosed().ShouldBeTrue(where);
        storm.Loop.AllTasks().ShouldBeEmpty($"{where}: tasks left pending after Run");

        foreach (var record in outcome.Records)
        {
            // Every task ended done, and every done callback ran exactly once (never for a pending future).
            if (record.IsTask && !record.Done) throw new ShouldAssertException($"{where}: {record.Repr} is not done");
            if (record.CallbackRuns != (record.Done ? 1 : 0))
                throw new ShouldAssertException($"{where}: the done callback of {record.Repr} ran {record.CallbackRuns} times");
        }

        // The queue lost no item, and the lock is free once every task is done.
        (storm.Got + storm.Queue.QSize()).ShouldBe(storm.Put, $"{where}: items gotten + left != items put");
        storm.Lock.Locked().ShouldBeFalse($"{where}: the lock is still held");
        (storm.BoundedGot + storm.Bounded.QSize()).ShouldBe(storm.BoundedPut, $"{where}: bounded queue: items drained + left != puts that returned");
        Str(storm.Semaphore).ShouldEndWith("[unlocked, value:2]>", customMessage: $"{where}: the semaphore was not given back");

        // The reports: from the program's handler, or the default handler's lines on stderr. Only
        // "never retrieved" ones, and runners.py _cancel_all_tasks' report of a task that failed while
        // Run cancelled it (which retrieves it); each future at most once; every tracked future nobody
        // retrieved exactly once as "never retrieved", and none that was retrieved. (Futures the
        // combinators made themselves, such as the task Shield wraps a coroutine in, may add reports.)
        var reported = new Dictionary<string, int>();
        var atShutdown = new HashSet<string>();
        void Count(string message, string key)
        {
            reported[key] = reported.GetValueOrDefault(key) + 1;
            if (message == Shutdown) atShutdown.Add(key);
        }
        if (storm.Reports.Count > 0 || outcome.Output.Stderr.Length == 0)
        {
            outcome.Output.Stderr.ShouldBe("", where);
            foreach (var report in storm.Reports)
            {
                var message = (string)report["message"]!;
                if (message is not (TaskUnretrieved or FutureUnretrieved or Shutdown))
                    throw new ShouldAssertException($"{where}: unexpected report '{message}': {report.GetValueOrDefault("exception")}");
                Count(message, report[message == Shutdown ? "task" : "future"]!.ToString()!);
            }
        }
        else
        {
            var lines = outcome.Output.StderrLines;
            int reports = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i] is not (TaskUnretrieved or FutureUnretrieved or Shutdown)) continue;
                string prefix = lines[i] == Shutdown ? "task: " : "future: ";
                lines[i + 1].ShouldStartWith(prefix, customMessage: where);
                Count(lines[i], lines[i + 1][prefix.Length..]);
                reports++;
            }
            // Nothing else was written: every line belongs to one of those reports (its header, its
            // future or task, its traceback, and one line for the exception).
            int reportLines = lines.Count(l => l is TaskUnretrieved or FutureUnretrieved or Shutdown or "Traceback (most recent call last):"
                || l.StartsWith("future: ", StringComparison.Ordinal) || l.StartsWith("task: ", StringComparison.Ordinal)
                || l.StartsWith("  File ", StringComparison.Ordinal));
            lines.Length.ShouldBe(reportLines + reports, $"{where}: stderr has more than the reports:\n{outcome.Output.Stderr}");
        }
        foreach (var (key, count) in reported)
            if (count != 1) throw new ShouldAssertException($"{where}: {key} reported {count} times");
        var byRepr = outcome.Records.ToLookup(r => r.Repr);
        foreach (var record in outcome.Records.Where(r => r.Unretrieved))
            if (!reported.ContainsKey(record.Repr) || atShutdown.Contains(record.Repr))
                throw new ShouldAssertException($"{where}: {record.Repr} failed, nobody retrieved it, and it was never reported");
        foreach (var key in reported.Keys.Except(atShutdown))
            if (byRepr[key].Any() && byRepr[key].All(r => !r.Unretrieved))
                throw new ShouldAssertException($"{where}: {key} was reported but its exception was retrieved");
    }

    private static int Seeds => StressScale.Pick(12, 60);

    private static int Budget => StressScale.Pick(400, 2_500);

    [Fact]
    [Trait("Category", StressScale.Category)]
    public void A_cancellation_storm_leaves_every_task_done_and_every_exception_retrieved_or_reported_once()
    {
        // Issue 11. Follows CPython's guarantees (futures.py __del__ reports an unretrieved exception
        // once; tasks.py/taskgroups.py/timeouts.py end every child; base_events.py runs each done
        // callback once); there is no single CPython test of this shape.
        int tasks = 0;
        for (int seed = 1; seed <= Seeds; seed++)
        {
            var outcome = RunStorm(seed, Budget, catchReports: true, letItRaise: seed % 2 == 0);
            Check(seed, outcome);
            tasks += outcome.Storm.TasksCreated;
        }
        tasks.ShouldBeGreaterThan(Seeds * Budget / 10, "the storms are too small to mean anything");
    }

    [Fact]
    [Trait("Category", StressScale.Category)]
    public void With_the_default_handler_each_unretrieved_exception_is_printed_once()
    {
        // futures.py __del__ logs "Task exception was never retrieved" through the default exception
        // handler: one report per future nobody retrieved, on stderr, and nothing else.
        for (int seed = 101; seed <= 100 + Math.Max(2, Seeds / 4); seed++)
            Check(seed, RunStorm(seed, Budget, catchReports: false, letItRaise: false));
    }

    [Fact]
    [Trait("Category", StressScale.Category)]
    public void A_storm_that_drops_its_futures_still_reports_each_unretrieved_exception_once()
    {
        // futures.py __del__: the report comes when the failed future is garbage. Here the program
        // keeps no reference to what it made, so the loop's collections decide the reports during the
        // run (UnretrievedExceptions), not the final sweep at close.
        for (int seed = 301; seed <= 300 + Math.Max(2, Seeds / 3); seed++)
            Check(seed, RunStorm(seed, Budget, catchReports: seed % 2 == 0, letItRaise: seed % 3 == 0, hold: false));
    }

    [Fact]
    [Trait("Category", StressScale.Category)]
    public void A_storm_replays_identically_from_its_seed()
    {
        // The loop is deterministic (events.py: FIFO ready queue, timers by deadline then order), so
        // a seed gives the same trace of every step, result and report twice.
        for (int seed = 201; seed <= 200 + Math.Max(2, Seeds / 6); seed++)
        {
            var first = RunStorm(seed, Budget, catchReports: true, letItRaise: false);
            var second = RunStorm(seed, Budget, catchReports: true, letItRaise: false);
            second.Result.ShouldBe(first.Result, $"seed {seed}");
            second.Storm.Trace.ShouldBe(first.Storm.Trace, $"seed {seed}");
            string Reports(Outcome o) => string.Join("\n", o.Storm.Reports.Select(r => $"{r["message"]} {Str(r["exception"])}"));
            Reports(second).ShouldBe(Reports(first), $"seed {seed}");
        }
    }
}
