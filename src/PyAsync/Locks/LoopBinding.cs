namespace PyAsync;

/// <summary>
/// CPython's <c>mixins._LoopBoundMixin</c>: a synchronization primitive binds itself to the loop it
/// first waits on, and using it from another loop raises <see cref="RuntimeError"/>. A field of each
/// primitive rather than a base class, so the primitives keep no public base type CPython lacks.
/// </summary>
internal struct LoopBinding
{
    private EventLoop? _loop;

    /// <summary>
    /// CPython's <c>_get_loop()</c>: the running loop, which the primitive <paramref name="owner"/> binds
    /// to on first use.
    /// </summary>
    /// <exception cref="RuntimeError">No loop is running, or <paramref name="owner"/> is bound to another loop
    /// (<c>&lt;... object at 0x...&gt; is bound to a different event loop</c>, CPython's message).</exception>
    public EventLoop Get(object owner)
    {
        var loop = EventLoop.GetRunningLoop();
        _loop ??= loop;
        if (_loop != loop) throw new RuntimeError($"{owner} is bound to a different event loop");
        return loop;
    }
}
