using System.Diagnostics;

namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.Barrier</c> (CPython 3.13's <c>asyncio/locks.py</c>): <see cref="Parties"/> tasks
/// wait for each other, and are all released once the last one arrives. Create one with
/// <c>Barrier(n)</c> or <c>new PyBarrier(n)</c>.
/// </summary>
/// <remarks>
/// <para>
/// The barrier fills, then drains (the released tasks leave; newcomers wait until it is empty), and can be
/// reset (waiting tasks get <see cref="BrokenBarrierError"/>, then it fills again) or aborted (broken for
/// good). Built, as in CPython, on a <see cref="Condition"/>.
/// </para>
/// <para>
/// CPython's <c>async with barrier as i:</c> only awaits <c>wait()</c> (its exit does nothing): the port is
/// <c>var i = await b.Wait();</c> followed by the block. Named <c>PyBarrier</c> because .NET's implicit
/// usings bring in <see cref="System.Threading.Barrier"/>; the factory keeps Python's name.
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
[PyTypeName("asyncio.locks.Barrier")]
public sealed class PyBarrier
{
    // Notifies every task when the state changes.
    private readonly Condition _cond = new();
    private readonly int _parties;
    private readonly Func<bool> _notDrainingOrResetting;
    private readonly Func<bool> _notFilling;
    private BarrierState _state;
    // The tasks inside the barrier.
    private int _count;

    /// <summary>Mirrors <c>asyncio.Barrier(parties)</c>.</summary>
    /// <exception cref="ValueError"><paramref name="parties"/> is less than 1 (<c>parties must be &gt; 0</c>).</exception>
    public PyBarrier(int parties)
    {
        if (parties < 1) throw new ValueError("parties must be > 0");
        _parties = parties;
        _notDrainingOrResetting = () => _state is not (BarrierState.Draining or BarrierState.Resetting);
        _notFilling = () => _state != BarrierState.Filling;
    }

    /// <summary>Mirrors <c>barrier.parties</c>: the number of tasks needed to pass the barrier.</summary>
    public int Parties => _parties;

    /// <summary>Mirrors <c>barrier.n_waiting</c>: the tasks waiting while it fills (0 in any other state).</summary>
    public int NWaiting => _state == BarrierState.Filling ? _count : 0;

    /// <summary>The tasks inside the barrier (CPython's <c>_count</c>), for tests.</summary>
    internal int Count => _count;

    /// <summary>Mirrors <c>barrier.broken</c>: whether the barrier was aborted.</summary>
    public bool Broken => _state == BarrierState.Broken;

    /// <summary>
    /// Mirrors <c>barrier.wait()</c>: waits until <see cref="Parties"/> tasks wait, then returns this task's
    /// index, unique among them, from 0 to <c>Parties - 1</c> (the last to arrive gets <c>Parties - 1</c>).
    /// </summary>
    /// <exception cref="BrokenBarrierError">The barrier is broken (<c>Barrier aborted</c>), or was reset or
    /// aborted while this task waited (<c>Abort or reset of barrier</c>).</exception>
    public async Coroutine<int> Wait()
    {
        using (await _cond.Acquire())
        {
            // Block while the barrier drains or resets.
            await Block();
            try
            {
                int index = _count;
                _count++;
                if (index + 1 == _parties)
                {
                    // Release the waiting tasks: the next ones block until the barrier has drained.
                    _state = BarrierState.Draining;
                    _cond.NotifyAll();
                }
                else
                {
                    await WaitReleased();
                }
                return index;
            }
            finally
            {
                _count--;
                // Wake up any tasks waiting for the barrier to drain.
                Exit();
            }
        }
    }

    /// <summary>
    /// Mirrors <c>barrier.reset()</c>: back to filling; the tasks waiting get <see cref="BrokenBarrierError"/>
    /// (the barrier is resetting until they have left).
    /// </summary>
    public async Coroutine Reset()
    {
        using (await _cond.Acquire())
        {
            if (_count > 0) _state = BarrierState.Resetting;
            else _state = BarrierState.Filling;
            _cond.NotifyAll();
        }
    }

    /// <summary>
    /// Mirrors <c>barrier.abort()</c>: puts the barrier in the broken state; waiting tasks and those that
    /// wait later get <see cref="BrokenBarrierError"/>.
    /// </summary>
    public async Coroutine Abort()
    {
        using (await _cond.Acquire())
        {
            _state = BarrierState.Broken;
            _cond.NotifyAll();
        }
    }

    /// <summary>CPython's repr: <c>&lt;asyncio.locks.Barrier object at 0x... [filling, waiters:2/3]&gt;</c>, <c>[broken]</c>.</summary>
    public override string ToString()
    {
        var extra = _state switch
        {
            BarrierState.Filling => "filling",
            BarrierState.Draining => "draining",
            BarrierState.Resetting => "resetting",
            _ => "broken",
        };
        if (!Broken) extra += $", waiters:{NWaiting}/{_parties}";
        return PrimitiveRepr.Format(this, extra);
    }

    /// <summary>CPython's <c>_block</c>: wait until the barrier neither drains nor resets; raise if it is broken.</summary>
    private async Coroutine Block()
    {
        await _cond.WaitFor(_notDrainingOrResetting);
        if (_state == BarrierState.Broken) throw new BrokenBarrierError("Barrier aborted");
    }

    /// <summary>CPython's <c>_wait</c>: wait until filling ends; raise if the barrier was reset or aborted.</summary>
    private async Coroutine WaitReleased()
    {
        await _cond.WaitFor(_notFilling);
        if (_state is BarrierState.Broken or BarrierState.Resetting) throw new BrokenBarrierError("Abort or reset of barrier");
    }

    /// <summary>CPython's <c>_exit</c>: the last task out ends draining or resetting and wakes the tasks that wait for that.</summary>
    private void Exit()
    {
        if (_count != 0) return;
        if (_state is BarrierState.Resetting or BarrierState.Draining) _state = BarrierState.Filling;
        _cond.NotifyAll();
    }

    /// <summary>CPython's <c>_BarrierState</c>.</summary>
    private enum BarrierState
    {
        Filling,
        Draining,
        Resetting,
        Broken,
    }
}
