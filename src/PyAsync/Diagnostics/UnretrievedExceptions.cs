using System.Runtime.ExceptionServices;
using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>A future that finished with an exception, as unretrieved-exception tracking sees it.</summary>
internal interface IFailedFuture
{
    /// <summary>CPython's <c>__log_traceback</c>: nobody retrieved the exception yet.</summary>
    bool LogTraceback { get; }

    /// <summary>Whether it is a task ("Task exception was never retrieved") or a plain future.</summary>
    bool IsTask { get; }

    /// <summary>The exception it finished with.</summary>
    Exception FailedWith { get; }
}

/// <summary>
/// "Task exception was never retrieved" for one event loop. CPython reports from a failed future's
/// <c>__del__</c>, that is the moment nothing references it any more; .NET has no reference counts,
/// so PyAsync asks the garbage collector, and asks it only when the answer could be seen.
/// </summary>
/// <remarks>
/// <para>
/// A failed future whose exception is still unretrieved becomes a candidate. One full loop
/// iteration after it failed (so that the wake-ups its completion scheduled have run) it is ripe.
/// Ripe candidates are decided at the next moment a report could be told apart from a later one,
/// which <see cref="Settle"/> is called at: before the program writes output (<see cref="Sys"/>), before
/// the loop calls its exception handler, before it waits for time to pass, and when it stops. A
/// full blocking collection then tells which candidates nothing references: those are reported, in
/// the order they failed; the others are held (someone may still retrieve them) and looked at again
/// later, or reported when the loop closes if they are still unretrieved.
/// </para>
/// <para>
/// A program that keeps failed futures to retrieve them later would make every such moment pay for a
/// full collection that finds nothing. So after four collections in a row that reported nothing, the
/// next one waits until 2, then 4, 8, ... ripe candidates are undecided, except before the loop waits
/// for real time; a collection that reports something starts over. A future dropped while
/// too few are undecided is reported later than CPython would, at the latest when the loop closes.
/// Everything here depends on what the program does, never on when the runtime collects by itself.
/// </para>
/// </remarks>
internal sealed class UnretrievedExceptions(Action<string, Exception, object> report)
{
    private const string TaskMessage = "Task exception was never retrieved";
    private const string FutureMessage = "Future exception was never retrieved";
    private const int FreeFruitless = 4;

    private readonly List<(IFailedFuture Failed, long FailedAt)> _candidates = new();
    private readonly List<IFailedFuture> _held = new();
    private int _heldCheckAt = 64;
    private long _iteration;
    private int _fruitlessCollections;
    private int _collections;
    private bool _settling;

    /// <summary>How many collections this loop forced to decide (for tests and measurements).</summary>
    public int Collections => _collections;

    /// <summary>A future of this loop failed and nobody retrieved its exception yet.</summary>
    public void Failed(IFailedFuture future) => _candidates.Add((future, _iteration));

    /// <summary>The loop finished an iteration.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AfterIteration() => _iteration++;

    /// <summary>
    /// Decides the ripe candidates now, if there are enough of them (see the remarks), or in any case
    /// with <paramref name="force"/> (the loop is about to wait for real time to pass).
    /// </summary>
    public void Settle(bool force = false)
    {
        if (_settling || _candidates.Count == 0) return;
        int ripe = DropRetrievedAndCountRipe();
        if (ripe == 0 || (!force && ripe < Threshold)) return;
        _settling = true;
        try
        {
            Collect();
        }
        finally
        {
            _settling = false;
        }
    }

    // How many ripe candidates must be undecided before a collection: 1 until four collections in a
    // row found every candidate still referenced, then 2, 4, 8, ...
    private int Threshold => _fruitlessCollections < FreeFruitless ? 1 : 1 << (_fruitlessCollections - FreeFruitless + 1);

    private bool IsRipe(long failedAt) => failedAt + 1 < _iteration;

    private int DropRetrievedAndCountRipe()
    {
        int kept = 0, ripe = 0;
        for (int i = 0; i < _candidates.Count; i++)
        {
            var candidate = _candidates[i];
            if (!candidate.Failed.LogTraceback) continue;
            if (IsRipe(candidate.FailedAt)) ripe++;
            _candidates[kept++] = candidate;
        }
        _candidates.RemoveRange(kept, _candidates.Count - kept);
        return ripe;
    }

    private void Collect()
    {
        var pending = TakeRipe();
        GC.Collect();
        _collections++;
        bool reported = false;
        foreach (var item in pending)
        {
            if (item.Failed.TryGetTarget(out var future))
            {
                if (future.LogTraceback) _held.Add(future);
            }
            else
            {
                reported = true;
                report(item.Message, item.Exception, item.Repr);
            }
        }
        _fruitlessCollections = reported ? 0 : Math.Min(_fruitlessCollections + 1, 20);
    }

    /// <summary>
    /// The ripe candidates (and, when enough are held, the held ones) as weak references with what
    /// their report needs, so that the collection can tell whether anything else references them.
    /// </summary>
    private List<Undecided> TakeRipe()
    {
        var taken = new List<Undecided>();
        int kept = 0;
        for (int i = 0; i < _candidates.Count; i++)
        {
            var candidate = _candidates[i];
            if (IsRipe(candidate.FailedAt)) taken.Add(Undecided.For(candidate.Failed));
            else _candidates[kept++] = candidate;
        }
        _candidates.RemoveRange(kept, _candidates.Count - kept);
        if (_held.Count >= _heldCheckAt)
        {
            foreach (var held in _held)
                if (held.LogTraceback) taken.Add(Undecided.For(held));
            _held.Clear();
            _heldCheckAt = Math.Max(64, taken.Count * 2);
        }
        return taken;
    }

    /// <summary>The loop is closing: report every failure still unretrieved, referenced or not.</summary>
    public void FinalSweep()
    {
        foreach (var (future, _) in _candidates) ReportNow(future);
        _candidates.Clear();
        foreach (var future in _held) ReportNow(future);
        _held.Clear();
    }

    private void ReportNow(IFailedFuture future)
    {
        if (future.LogTraceback) report(future.IsTask ? TaskMessage : FutureMessage, future.FailedWith, future);
    }

    private sealed record Undecided(WeakReference<IFailedFuture> Failed, string Message, Exception Exception, object Repr)
    {
        public static Undecided For(IFailedFuture future) => new(
            new WeakReference<IFailedFuture>(future), future.IsTask ? TaskMessage : FutureMessage, future.FailedWith,
            SafeRepr(future));

        // The repr is kept for the report. A repr that throws (an exception whose Message throws) must
        // not throw here, out of the loop: it throws again when the handler formats the report, where
        // CPython's repr fails too, and the loop prints "Exception in default exception handler".
        private static object SafeRepr(IFailedFuture future)
        {
            try
            {
                return future.ToString()!;
            }
            catch (Exception e)
            {
                return new ReprThatFailed(ExceptionDispatchInfo.Capture(e));
            }
        }
    }

    /// <summary>Stands for a repr that raised: formatting it raises the same exception again.</summary>
    private sealed class ReprThatFailed(ExceptionDispatchInfo error)
    {
        public override string ToString()
        {
            error.Throw();
            return "";
        }
    }
}
