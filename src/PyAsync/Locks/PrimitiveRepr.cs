using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// The repr every primitive of <c>locks.py</c> builds: <c>object.__repr__</c> with its state in
/// brackets, <c>&lt;asyncio.locks.Lock object at 0x7f... [locked, waiters:1]&gt;</c>.
/// </summary>
internal static class PrimitiveRepr
{
    /// <summary>CPython's <c>f'&lt;{res[1:-1]} [{extra}]&gt;'</c> with <c>res = super().__repr__()</c>.</summary>
    public static string Format(object primitive, string extra) =>
        $"<{PyTypes.NameOf(primitive.GetType())} object at 0x{RuntimeHelpers.GetHashCode(primitive):x} [{extra}]>";

    /// <summary>CPython's <c>if self._waiters: extra = f'{extra}, waiters:{len(self._waiters)}'</c>.</summary>
    public static string WithWaiters(string extra, int waiters) => waiters > 0 ? $"{extra}, waiters:{waiters}" : extra;
}
