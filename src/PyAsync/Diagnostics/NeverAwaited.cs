using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>A coroutine object as never-awaited tracking sees it.</summary>
internal interface IWatchedCoroutine : IFreshItem
{
    /// <summary>CPython's <c>__qualname__</c>, for the warning.</summary>
    string QualName { get; }

    /// <summary>Nobody awaited, scheduled or closed it yet, and no sentinel watches it.</summary>
    bool IsUnconsumed { get; }

    /// <summary>Lets <paramref name="sentinel"/> watch the (unconsumed) coroutine: consuming it later consumes the sentinel.</summary>
    void Watch(UnawaitedCoroutine sentinel);
}

/// <summary>
/// "coroutine ... was never awaited" for one event loop: CPython warns when a coroutine object that
/// never ran is destroyed. PyAsync lists the coroutines created during an iteration; those still
/// unconsumed after it get a finalizable sentinel (<see cref="UnawaitedCoroutine"/>) that warns when the
/// coroutine is collected, and the loop's <see cref="FinalSweep"/> warns for the rest.
/// </summary>
internal sealed class NeverAwaited
{
    private readonly FreshList _fresh = new();
    private readonly List<WeakReference<UnawaitedCoroutine>> _watched = new();
    private int _pruneAt = 64;

    /// <summary>A coroutine was created while this loop runs; returns its slot for <see cref="Consumed"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public short Created(IWatchedCoroutine coroutine) => _fresh.Add(coroutine);

    /// <summary>A coroutine created in this iteration was awaited or scheduled: nothing to watch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Consumed(short slot, IWatchedCoroutine coroutine) => _fresh.Remove(slot, coroutine);

    /// <summary>
    /// After each iteration: coroutines created in it that nobody consumed get a sentinel, whose
    /// warning runs in <paramref name="context"/> (the loop's, so it reaches the program's stderr).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AfterIteration(ExecutionContext? context)
    {
        if (_fresh.IsEmpty) return;
        if (!_fresh.HasLive) _fresh.Reset();
        else WatchUnconsumed(context);
    }

    private void WatchUnconsumed(ExecutionContext? context)
    {
        _fresh.Drain((Tracker: this, Context: context), static (state, item) =>
        {
            var coroutine = (IWatchedCoroutine)item;
            if (!coroutine.IsUnconsumed) return;
            var sentinel = new UnawaitedCoroutine(coroutine.QualName, state.Context);
            coroutine.Watch(sentinel);
            // Tracking resurrection: a sentinel that was collected but whose finalizer has not run yet
            // (the finalizer thread runs when it will) is still reachable here, so FinalSweep reports it
            // at the loop's close instead of leaving the warning to a finalizer that may come after the
            // program's output is gone, or never (.NET runs no finalizers at exit).
            state.Tracker._watched.Add(new WeakReference<UnawaitedCoroutine>(sentinel, trackResurrection: true));
        });
        if (_watched.Count >= _pruneAt)
        {
            _watched.RemoveAll(w => !w.TryGetTarget(out var s) || s.Done);
            _pruneAt = Math.Max(64, _watched.Count * 2);
        }
    }

    /// <summary>The loop is closing: warn now for every coroutine created on it that was never consumed.</summary>
    public void FinalSweep()
    {
        _fresh.Drain(0, static (_, item) =>
        {
            var coroutine = (IWatchedCoroutine)item;
            if (coroutine.IsUnconsumed) UnawaitedCoroutine.Report(coroutine.QualName);
        });
        foreach (var weak in _watched)
            if (weak.TryGetTarget(out var sentinel)) sentinel.ReportNow();
        _watched.Clear();
    }

    // ---------------------------------------------------------------- outside any loop

    private static readonly ConditionalWeakTable<ProgramContext, SentinelList> s_byProgram = new();
    private static readonly SentinelList s_process = new();
    private static int s_processExitHooked;

    /// <summary>
    /// A coroutine created while no loop runs is watched until the program ends (its
    /// <see cref="ProgramContext"/> scope is disposed, or the process exits): if it is still unawaited
    /// then, it is reported, as CPython reports one at interpreter exit.
    /// </summary>
    public static void WatchOutsideLoop(IWatchedCoroutine coroutine)
    {
        var sentinel = new UnawaitedCoroutine(coroutine.QualName, ExecutionContext.Capture());
        coroutine.Watch(sentinel);
        if (ProgramContext.Current is { } program)
        {
            s_byProgram.GetValue(program, static p =>
            {
                var list = new SentinelList();
                p.AtExit(list.ReportAll);
                return list;
            }).Add(sentinel);
            return;
        }
        s_process.Add(sentinel);
        if (Interlocked.Exchange(ref s_processExitHooked, 1) == 0)
            AppDomain.CurrentDomain.ProcessExit += static (_, _) => s_process.ReportAll();
    }

    /// <summary>The sentinels of coroutines created outside any loop; consumed ones are pruned as the list grows.</summary>
    private sealed class SentinelList
    {
        private readonly List<UnawaitedCoroutine> _sentinels = new();
        private int _pruneAt = 64;

        public void Add(UnawaitedCoroutine sentinel)
        {
            lock (_sentinels)
            {
                _sentinels.Add(sentinel);
                if (_sentinels.Count < _pruneAt) return;
                _sentinels.RemoveAll(s => s.Done);
                _pruneAt = Math.Max(64, _sentinels.Count * 2);
            }
        }

        public void ReportAll()
        {
            UnawaitedCoroutine[] pending;
            lock (_sentinels)
            {
                pending = [.. _sentinels];
                _sentinels.Clear();
            }
            foreach (var sentinel in pending) sentinel.ReportNow();
        }
    }
}
