using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// Mirrors <c>contextvars.Context</c>: a mapping of context variables to values that code can run in
/// (<see cref="Run(Action)"/>), and whose changes then stay in it.
/// </summary>
/// <remarks>
/// <para>
/// A <see cref="Context"/> holds a snapshot of the <see cref="ExecutionContext"/>, which is where
/// <see cref="ContextVar{T}"/> (and every <see cref="AsyncLocal{T}"/>) keeps its values.
/// <see cref="Run(Action)"/> switches to the snapshot, runs the function, and keeps the context the
/// function left, so a <see cref="Context"/> is mutable as Python's is: what <c>ctx.Run(...)</c> sets is
/// seen by the next <c>ctx.Run(...)</c> and by <c>ctx[var]</c>. <see cref="Copy"/> and
/// <see cref="Asyncio.CopyContext"/> are cheap: the snapshot is immutable and shared.
/// </para>
/// <para>
/// A task created with <c>CreateTask(coro, context: ctx)</c> runs each step in <c>ctx</c> itself, as in
/// CPython, so its changes are visible through <c>ctx</c>. Converted to an <see cref="ExecutionContext"/>
/// (the <c>context</c> parameter of <c>CallSoon</c>, <c>CallLater</c>, <c>CallAt</c> and
/// <c>AddDoneCallback</c>), a <see cref="Context"/> gives its current snapshot: the callback runs in a
/// copy, and its changes do not reach the <see cref="Context"/> (in CPython they would).
/// </para>
/// <para>
/// Differences from CPython: a <see cref="Context"/> is not a .NET collection (so that <c>Print(ctx)</c>
/// prints <c>&lt;_contextvars.Context object at 0x...&gt;</c> as Python does); <see cref="Keys"/>,
/// <see cref="Values"/> and <see cref="Items"/> list the variables in the order they were created
/// (CPython's order is its hash map's); the variables are <see cref="ContextVar{T}"/>s, whereas plain
/// <see cref="AsyncLocal{T}"/>s in the snapshot are carried along but not listed. Python 3.14's
/// <c>with ctx:</c> is not provided.
/// </para>
/// </remarks>
[DebuggerDisplay("{ToString(),nq}")]
[PyTypeName("_contextvars.Context")]
public sealed class Context
{
    // The innermost Context entered on this thread (by Run or by a task step), or null.
    [ThreadStatic] private static Context? t_entered;
    private static readonly Lazy<ExecutionContext> s_empty = new(CaptureEmpty);
    // What a token's "created in a different Context" check compares when no Context is entered:
    // the tasks install "the running task" here.
    private static Func<object?>? s_implicitOwner;

    // The context's values while it is not entered.
    private ExecutionContext _snapshot;
    // The managed thread id that entered it, or 0.
    private int _enteredBy;
    // While entered: the context it was entered from, and the Context entered before it on that thread.
    private ExecutionContext? _enteredFrom;
    private Context? _outer;

    /// <summary>Mirrors <c>contextvars.Context()</c>: an empty context, where no variable has a value.</summary>
    /// <remarks>.NET's <see cref="AsyncLocal{T}"/>s have no value in it either: it is .NET's default, empty context.</remarks>
    public Context() : this(s_empty.Value) { }

    private Context(ExecutionContext snapshot) => _snapshot = snapshot;

    /// <summary>Mirrors <c>contextvars.copy_context()</c>: a new <see cref="Context"/> with the current context's values.</summary>
    public static Context CopyCurrent() => new(CaptureCurrent());

    /// <summary>A <see cref="Context"/> holding <paramref name="snapshot"/> (the empty context for null).</summary>
    public static Context FromExecutionContext(ExecutionContext? snapshot) => new(snapshot ?? s_empty.Value);

    /// <summary>A <see cref="Context"/> holding <paramref name="snapshot"/>: a task created with it runs in that snapshot.</summary>
    public static implicit operator Context?(ExecutionContext? snapshot) => snapshot is null ? null : new Context(snapshot);

    /// <summary>
    /// The context's current values as an <see cref="ExecutionContext"/>, for .NET APIs and for the
    /// <c>context</c> parameters of <c>CallSoon</c> and friends: code run there sees the values, but
    /// its changes stay in the copy.
    /// </summary>
    public static implicit operator ExecutionContext?(Context? context) => context?.Snapshot();

    /// <summary>The context's current values (live while it is entered on this thread).</summary>
    public ExecutionContext ToExecutionContext() => Snapshot();

    // ---------------------------------------------------------------- running

    /// <summary>
    /// Mirrors <c>ctx.run(callable)</c>: runs <paramref name="func"/> in this context and keeps what it
    /// changed there, also if it throws. Outside, the caller's context is as it was.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="func"/> is null.</exception>
    /// <exception cref="RuntimeError">The context is already entered (<c>cannot enter context: &lt;...&gt; is already entered</c>).</exception>
    public void Run(Action func)
    {
        ArgumentNullException.ThrowIfNull(func);
        var from = CaptureCurrent();
        Enter(from);
        if (_snapshot != from) ExecutionContext.Restore(_snapshot);
        try
        {
            func();
        }
        finally
        {
            ExitTo(from);
        }
    }

    /// <summary>Mirrors <c>ctx.run(callable)</c> for a function with a result.</summary>
    /// <inheritdoc cref="Run(Action)"/>
    public TResult Run<TResult>(Func<TResult> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        var from = CaptureCurrent();
        Enter(from);
        if (_snapshot != from) ExecutionContext.Restore(_snapshot);
        try
        {
            return func();
        }
        finally
        {
            ExitTo(from);
        }
    }

    private void ExitTo(ExecutionContext from)
    {
        Exit(CaptureCurrent());
        ExecutionContext.Restore(from);
    }

    /// <summary>
    /// CPython's <c>_PyContext_Enter</c>: marks the context entered on this thread, whose code is in
    /// <paramref name="from"/>. The caller then switches to its values.
    /// </summary>
    /// <exception cref="RuntimeError">The context is already entered.</exception>
    internal void Enter(ExecutionContext from)
    {
        if (Interlocked.CompareExchange(ref _enteredBy, Environment.CurrentManagedThreadId, 0) != 0)
            throw new RuntimeError($"cannot enter context: {this} is already entered");
        _enteredFrom = from;
        _outer = t_entered;
        t_entered = this;
    }

    /// <summary>CPython's <c>_PyContext_Exit</c>: keeps <paramref name="current"/> (what the code left) as the context's values; the caller switches back.</summary>
    internal void Exit(ExecutionContext current)
    {
        _snapshot = current;
        t_entered = _outer;
        _outer = null;
        _enteredFrom = null;
        Volatile.Write(ref _enteredBy, 0);
    }

    /// <summary>
    /// A task step on the loop's thread (<paramref name="threadId"/>, in <paramref name="from"/>) enters the
    /// context: returns the values to switch to. Cheaper than <see cref="Enter"/>, for every step of a task
    /// made with <c>CreateTask(context:)</c> (and of <c>asyncio.run</c>'s main task): plain writes, no
    /// thread-static; a token made in the step finds the context through the running task.
    /// </summary>
    /// <exception cref="RuntimeError">The context is already entered.</exception>
    internal ExecutionContext EnterFromTask(ExecutionContext? from, int threadId)
    {
        if (_enteredBy != 0) throw new RuntimeError($"cannot enter context: {this} is already entered");
        _enteredBy = threadId;
        _enteredFrom = from;
        return _snapshot;
    }

    /// <summary>The task step leaves the context, which keeps <paramref name="current"/>, what the step left.</summary>
    internal void ExitFromTask(ExecutionContext current)
    {
        _snapshot = current;
        _enteredFrom = null;
        _enteredBy = 0;
    }

    /// <summary>A task's context changed while not entered (a task converted to its own <see cref="Context"/> mid-step).</summary>
    internal void Update(ExecutionContext snapshot) => _snapshot = snapshot;

    /// <summary>
    /// The context's values now: while it is entered on this thread they are the thread's (or, if
    /// another context was entered inside it, what they were at that moment).
    /// </summary>
    private ExecutionContext Snapshot()
    {
        if (Volatile.Read(ref _enteredBy) != Environment.CurrentManagedThreadId) return _snapshot;
        var top = t_entered;
        if (top == this || top is null) return CaptureCurrent();
        for (var inner = top; inner is not null; inner = inner._outer)
        {
            if (inner._outer == this) return inner._enteredFrom ?? _snapshot;
            // Entered by a task step (not on the thread's chain): its values are what they were when
            // the first Context inside it was entered.
            if (inner._outer is null) return inner._enteredFrom ?? _snapshot;
        }
        return _snapshot;
    }

    // ---------------------------------------------------------------- the mapping

    /// <summary>Mirrors <c>ctx[var]</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="var"/> is null.</exception>
    /// <exception cref="KeyError">The variable has no value in this context.</exception>
    public object? this[ContextVar var]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(var);
            var (has, value) = Read(var);
            return has ? value : throw new KeyError(var);
        }
    }

    /// <summary>Mirrors <c>ctx.get(var, default=None)</c>: the variable's value in this context, else <paramref name="default"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="var"/> is null.</exception>
    public object? Get(ContextVar var, object? @default = null)
    {
        ArgumentNullException.ThrowIfNull(var);
        var (has, value) = Read(var);
        return has ? value : @default;
    }

    /// <summary>Mirrors <c>ctx.get(var, default)</c>, typed.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="var"/> is null.</exception>
    public T Get<T>(ContextVar<T> var, T @default)
    {
        ArgumentNullException.ThrowIfNull(var);
        var (has, value) = Read(var);
        return has ? (T)value! : @default;
    }

    /// <summary>Mirrors <c>var in ctx</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="var"/> is null.</exception>
    public bool ContainsKey(ContextVar var)
    {
        ArgumentNullException.ThrowIfNull(var);
        return Read(var).Has;
    }

    /// <summary>Mirrors <c>len(ctx)</c>: how many variables have a value in this context.</summary>
    public int Count => Items().Count;

    /// <summary>Mirrors <c>ctx.keys()</c> (and <c>list(ctx)</c>): the variables with a value in this context.</summary>
    public List<ContextVar> Keys() => Items().ConvertAll(static i => i.Key);

    /// <summary>Mirrors <c>ctx.values()</c>.</summary>
    public List<object?> Values() => Items().ConvertAll(static i => i.Value);

    /// <summary>Mirrors <c>ctx.items()</c>: (variable, value) pairs.</summary>
    public List<(ContextVar Key, object? Value)> Items()
    {
        var all = ContextVar.All();
        return InSnapshot(() =>
        {
            var items = new List<(ContextVar, object?)>();
            foreach (var v in all)
                if (v.HasValue) items.Add((v, v.BoxedValue));
            return items;
        });
    }

    /// <summary>Mirrors <c>ctx.copy()</c>: a new <see cref="Context"/> with this one's values (a shallow copy).</summary>
    public Context Copy() => new(Snapshot());

    private (bool Has, object? Value) Read(ContextVar var) => InSnapshot(() => (var.HasValue, var.BoxedValue));

    private T InSnapshot<T>(Func<T> read)
    {
        var snapshot = Snapshot();
        var current = CaptureCurrent();
        if (snapshot == current) return read();
        ExecutionContext.Restore(snapshot);
        try
        {
            return read();
        }
        finally
        {
            ExecutionContext.Restore(current);
        }
    }

    /// <summary>CPython's repr: <c>&lt;_contextvars.Context object at 0x...&gt;</c>.</summary>
    public override string ToString() => $"<_contextvars.Context object at 0x{RuntimeHelpers.GetHashCode(this):x}>";

    // ---------------------------------------------------------------- plumbing

    /// <summary>
    /// The context a token records and <see cref="ContextVar{T}.Reset"/> compares: the innermost
    /// <see cref="Context"/> entered on this thread, else the running task, else none.
    /// </summary>
    internal static object? CurrentOwner() => t_entered ?? s_implicitOwner?.Invoke();

    /// <summary>Called once, by the tasks, when the assembly loads: how to find the running task.</summary>
    internal static void UseImplicitOwner(Func<object?> owner) => s_implicitOwner = owner;

    /// <summary>The current <see cref="ExecutionContext"/>; with its flow suppressed, the empty one.</summary>
    private static ExecutionContext CaptureCurrent() => ExecutionContext.Capture() ?? s_empty.Value;

    /// <summary>.NET's default, empty context: what a thread started without flowing a context is in.</summary>
    private static ExecutionContext CaptureEmpty()
    {
        ExecutionContext? empty = null;
        var thread = new Thread(() => empty = ExecutionContext.Capture()) { IsBackground = true, Name = "PyAsync empty context" };
        thread.UnsafeStart();
        thread.Join();
        return empty!;
    }
}
