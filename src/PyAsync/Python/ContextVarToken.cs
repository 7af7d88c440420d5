using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// Mirrors <c>contextvars.Token</c>: what <see cref="ContextVar{T}.Set"/> returns, for
/// <see cref="ContextVar{T}.Reset"/> to put the previous value back. Usable once.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
[PyTypeName("_contextvars.Token")]
public sealed class ContextVarToken<T>
{
    private readonly ContextVar<T>.Box? _old;
    private bool _used;

    internal ContextVarToken(ContextVar<T> var, ContextVar<T>.Box? old, object? owner)
    {
        Var = var;
        _old = old;
        Owner = owner;
    }

    /// <summary>Mirrors <c>Token.var</c>: the variable whose <see cref="ContextVar{T}.Set"/> made this token.</summary>
    public ContextVar<T> Var { get; }

    /// <summary>
    /// Mirrors <c>Token.old_value</c>: the value the variable had before, or
    /// <see cref="ContextVarToken.MISSING"/> if it had none (boxed, since it may be either).
    /// </summary>
    public object? OldValue => _old is { } box ? box.Value : ContextVarToken.MISSING;

    /// <summary>Mirrors <c>Token.MISSING</c>, reachable from a token as in Python (<c>t.MISSING</c>).</summary>
    public object MISSING => ContextVarToken.MISSING;

    internal ContextVar<T>.Box? OldBox => _old;

    /// <summary>The context the token was created in (see <see cref="Context.CurrentOwner"/>).</summary>
    internal object? Owner { get; }

    internal bool Used => _used;

    internal void MarkUsed() => _used = true;

    /// <summary>CPython's repr: <c>&lt;Token var=&lt;ContextVar name='a' at 0x...&gt; at 0x...&gt;</c>, with <c>used</c> once reset.</summary>
    public override string ToString() =>
        $"<Token{(_used ? " used" : "")} var={Var} at 0x{RuntimeHelpers.GetHashCode(this):x}>";
}

/// <summary>What <c>contextvars.Token</c> has that does not depend on the variable's type.</summary>
public static class ContextVarToken
{
    /// <summary>
    /// Mirrors <c>contextvars.Token.MISSING</c>: the <see cref="ContextVarToken{T}.OldValue"/> of a token
    /// whose variable had no value before. Prints as <c>&lt;Token.MISSING&gt;</c>.
    /// </summary>
    public static readonly object MISSING = new Missing();

    private sealed class Missing
    {
        public override string ToString() => "<Token.MISSING>";
    }
}
