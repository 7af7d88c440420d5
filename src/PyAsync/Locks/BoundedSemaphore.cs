using System.Diagnostics;

namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.BoundedSemaphore</c>: a <see cref="PySemaphore"/> whose <see cref="Release"/>
/// raises if it would raise the counter above its initial value. Create one with
/// <c>BoundedSemaphore(n)</c> or <c>new BoundedSemaphore(n)</c>.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
[PyTypeName("asyncio.locks.BoundedSemaphore")]
public sealed class BoundedSemaphore : PySemaphore
{
    private readonly int _boundValue;

    /// <summary>Mirrors <c>asyncio.BoundedSemaphore(value=1)</c>.</summary>
    /// <exception cref="ValueError"><paramref name="value"/> is negative (<c>Semaphore initial value must be &gt;= 0</c>).</exception>
    public BoundedSemaphore(int value = 1) : base(value) => _boundValue = value;

    /// <summary>Mirrors <c>BoundedSemaphore.release()</c>.</summary>
    /// <exception cref="ValueError">The counter is already at its initial value (<c>BoundedSemaphore released too many times</c>).</exception>
    public override void Release()
    {
        if (Value >= _boundValue) throw new ValueError("BoundedSemaphore released too many times");
        base.Release();
    }
}
