using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// Mirrors <c>contextvars.ContextVar</c> without its value type: what a <see cref="Context"/>'s
/// <see cref="Context.Keys"/> lists. Every variable is a <see cref="ContextVar{T}"/>.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
[PyTypeName("_contextvars.ContextVar")]
public abstract class ContextVar
{
#if NET9_0_OR_GREATER
    private static readonly Lock s_registryLock = new();
#else
    private static readonly object s_registryLock = new(); // net8.0 has no System.Threading.Lock
#endif
    private static readonly List<WeakReference<ContextVar>> s_registry = [];

    private protected ContextVar(string name)
    {
        // contextvars.ContextVar(1): "context variable name must be a str".
        Name = name ?? throw new TypeError("context variable name must be a str");
        lock (s_registryLock)
        {
            // Drop collected variables now and then, so the list stays as long as the live ones.
            if (s_registry.Count >= 64 && (s_registry.Count & (s_registry.Count - 1)) == 0)
                s_registry.RemoveAll(static w => !w.TryGetTarget(out _));
            s_registry.Add(new WeakReference<ContextVar>(this));
        }
    }

    /// <summary>Mirrors <c>ContextVar.name</c> (read-only, as in Python).</summary>
    public string Name { get; }

    /// <summary>Whether the variable has a value in the current context (not counting its default).</summary>
    internal abstract bool HasValue { get; }

    /// <summary>The variable's value in the current context, boxed; only when <see cref="HasValue"/>.</summary>
    internal abstract object? BoxedValue { get; }

    /// <summary>Every variable still alive, oldest first: a <see cref="Context"/> lists those that have a value in it.</summary>
    internal static List<ContextVar> All()
    {
        var all = new List<ContextVar>();
        lock (s_registryLock)
        {
            foreach (var weak in s_registry)
                if (weak.TryGetTarget(out var v)) all.Add(v);
        }
        return all;
    }

    /// <summary>CPython's repr: <c>&lt;ContextVar name='x' default=0 at 0x...&gt;</c>.</summary>
    public override string ToString()
    {
        string defaultPart = TryGetDefault(out var value) ? $" default={Builtins.Repr(value)}" : "";
        return $"<ContextVar name={Builtins.Repr(Name)}{defaultPart} at 0x{RuntimeHelpers.GetHashCode(this):x}>";
    }

    private protected abstract bool TryGetDefault(out object? value);
}

/// <summary>
/// Mirrors <c>contextvars.ContextVar</c>: a variable whose value belongs to the current
/// <see cref="Context"/>, so that each task sees the value its creator had and its own changes stay
/// inside it.
/// </summary>
/// <remarks>
/// <para>
/// A <see cref="ContextVar{T}"/> is an <see cref="AsyncLocal{T}"/> with Python's API: its value lives
/// in the <see cref="ExecutionContext"/>, which is the context PyAsync's tasks and callbacks run in.
/// So it flows exactly as an <see cref="AsyncLocal{T}"/> does, and a ported <c>ContextVar</c> and a
/// .NET <see cref="AsyncLocal{T}"/> set in the same task are seen together, in the same copies: a task
/// sees both as its creator had them, <c>ToThread</c> carries both into the thread, and a
/// <see cref="Context"/> snapshot holds both.
/// </para>
/// <para>
/// Differences from CPython: the variable is typed (<c>ContextVar&lt;object?&gt;</c> holds anything);
/// <c>var.get(None)</c> on a value type needs a nullable <typeparamref name="T"/>. A token's "created in
/// a different Context" check knows the contexts PyAsync makes (a <see cref="Context"/> being run, a
/// task); two plain callbacks of the loop, or two threads outside any <see cref="Context.Run(Action)"/>,
/// count as one context.
/// </para>
/// </remarks>
public sealed class ContextVar<T> : ContextVar
{
    // The value in the current context: null when the variable has none (CPython's "not in the
    // context"), else a box, so that a null or default(T) value is a value.
    private readonly AsyncLocal<Box?> _local = new();
    private readonly bool _hasDefault;
    private readonly T _default;

    /// <summary>Mirrors <c>contextvars.ContextVar(name)</c>: a variable with no default.</summary>
    /// <exception cref="TypeError"><paramref name="name"/> is null ("context variable name must be a str").</exception>
    public ContextVar(string name) : base(name)
    {
        _default = default!;
    }

    /// <summary>Mirrors <c>contextvars.ContextVar(name, default=...)</c>.</summary>
    /// <exception cref="TypeError"><paramref name="name"/> is null ("context variable name must be a str").</exception>
    public ContextVar(string name, T @default) : base(name)
    {
        _hasDefault = true;
        _default = @default;
    }

    /// <summary>
    /// Mirrors <c>var.get()</c>: the value in the current context, else the variable's default.
    /// </summary>
    /// <exception cref="LookupError">The variable has no value and no default (its <c>args</c> is the variable, as in CPython).</exception>
    public T Get()
    {
        if (_local.Value is { } box) return box.Value;
        if (_hasDefault) return _default;
        throw new LookupError(this);
    }

    /// <summary>
    /// Mirrors <c>var.get(default)</c>: the value in the current context, else
    /// <paramref name="default"/> (which wins over the variable's own default, as in CPython).
    /// </summary>
    public T Get(T @default) => _local.Value is { } box ? box.Value : @default;

    /// <summary>
    /// Mirrors <c>var.set(value)</c>: gives the variable <paramref name="value"/> in the current
    /// context and returns a token that <see cref="Reset"/> takes to put back the previous value.
    /// </summary>
    public ContextVarToken<T> Set(T value)
    {
        var old = _local.Value;
        _local.Value = new Box(value);
        return new ContextVarToken<T>(this, old, Context.CurrentOwner());
    }

    /// <summary>
    /// Mirrors <c>var.reset(token)</c>: puts back the value the variable had before the
    /// <see cref="Set"/> that returned <paramref name="token"/> (or no value, if it had none).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="token"/> is null.</exception>
    /// <exception cref="RuntimeError">The token was used already (<c>&lt;Token used ...&gt; has already been used once</c>).</exception>
    /// <exception cref="ValueError">
    /// The token was created by another variable (<c>... was created by a different ContextVar</c>) or in
    /// another context (<c>... was created in a different Context</c>).
    /// </exception>
    public void Reset(ContextVarToken<T> token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Used) throw new RuntimeError($"{token} has already been used once");
        if (!ReferenceEquals(token.Var, this)) throw new ValueError($"{token} was created by a different ContextVar");
        if (!ReferenceEquals(token.Owner, Context.CurrentOwner())) throw new ValueError($"{token} was created in a different Context");
        token.MarkUsed();
        _local.Value = token.OldBox;
    }

    internal override bool HasValue => _local.Value is not null;

    internal override object? BoxedValue => _local.Value is { } box ? box.Value : null;

    private protected override bool TryGetDefault(out object? value)
    {
        value = _default;
        return _hasDefault;
    }

    /// <summary>A value of the variable (so that null and default(T) are values, not "unset").</summary>
    internal sealed class Box(T value)
    {
        public T Value { get; } = value;
    }
}
