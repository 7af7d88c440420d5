namespace PyAsync;

public static partial class Asyncio
{
    // ---------------------------------------------------------------- context variables

    /// <summary>
    /// Mirrors <c>contextvars.copy_context()</c>: a <see cref="Context"/> holding the current context's
    /// values; <c>ctx.Run(() => F())</c> runs code in it, <c>CreateTask(coro, context: ctx)</c> a task.
    /// </summary>
    public static Context CopyContext() => Context.CopyCurrent();
}
