namespace PyAsync;

/// <summary>
/// The sets <c>Wait</c> returns (Python's <c>set</c> of futures): a <see cref="HashSet{T}"/> by reference,
/// printed as Python's <c>{...}</c>.
/// </summary>
/// <remarks>
/// It also converts implicitly to a <c>HashSet&lt;Future&gt;</c>, so a port can keep the <c>done</c> and
/// <c>pending</c> of successive <c>Wait</c> calls over different kinds of tasks in variables declared
/// with the base type: <c>HashSet&lt;Future&gt; done, pending; (done, pending) = await Wait(tasks);</c>. The
/// conversion copies the set (a <see cref="HashSet{T}"/> of a derived type is not one of its base).
/// </remarks>
/// <typeparam name="TFuture">The futures' type, as given to <c>Wait</c>.</typeparam>
public sealed class FutureSet<TFuture> : HashSet<TFuture> where TFuture : Future
{
    internal FutureSet() : base(ReferenceEqualityComparer.Instance) { }

    /// <summary>A copy of <paramref name="set"/> as a set of <see cref="Future"/>s (see the remarks on <see cref="FutureSet{TFuture}"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="set"/> is null.</exception>
    public static implicit operator HashSet<Future>(FutureSet<TFuture> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new HashSet<Future>(set, ReferenceEqualityComparer.Instance);
    }

    /// <summary>Python's <c>repr(s)</c>: <c>{&lt;Task finished ...&gt;}</c>.</summary>
    public override string ToString() => Builtins.Repr(this);
}
