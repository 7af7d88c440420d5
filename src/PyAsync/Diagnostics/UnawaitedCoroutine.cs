namespace PyAsync;

/// <summary>
/// Watches one coroutine object that was created but not yet awaited or scheduled. It does not
/// reference the coroutine. When only the coroutine references it, it is collected with the
/// coroutine, and its finalizer writes CPython's <c>RuntimeWarning: coroutine 'Name' was never
/// awaited</c> if the coroutine was never consumed; a loop's final sweep, or the end of the program
/// (for coroutines created outside any loop), reports the ones still pending.
/// </summary>
internal sealed class UnawaitedCoroutine(string name, ExecutionContext? context)
{
    private int _done;

    /// <summary>Consumed or already reported.</summary>
    public bool Done => Volatile.Read(ref _done) != 0;

    /// <summary>The coroutine was awaited, scheduled or closed: nothing to report.</summary>
    public void Consume()
    {
        if (Interlocked.Exchange(ref _done, 1) == 0) GC.SuppressFinalize(this);
    }

    /// <summary>Reports now (the loop is closing) unless the coroutine was consumed.</summary>
    public void ReportNow()
    {
        if (Interlocked.Exchange(ref _done, 1) != 0) return;
        GC.SuppressFinalize(this);
        Report(name);
    }

    /// <summary>
    /// The warning; a warnings sink that throws makes it unraisable, as in CPython, so that no report
    /// throws out of the loop's close or a finalizer.
    /// </summary>
    public static void Report(string name)
    {
        try
        {
            // To the asyncio logger when one is set, unless the program replaced warnings.showwarning.
            if (AsyncioLog.Current is not null && Warnings.HasDefaultSink)
                Logger.Warning(AsyncioLog.CoroutineNeverAwaited, $"RuntimeWarning: coroutine '{name}' was never awaited",
                    "{Category}: coroutine '{Coroutine}' was never awaited", Logger.Value("Category", "RuntimeWarning"), Logger.Value("Coroutine", name));
            else
                Warnings.Warn($"coroutine '{name}' was never awaited", "RuntimeWarning");
        }
        catch (Exception e)
        {
            Logger.Unraisable($"<coroutine object {name}>", e);
        }
    }

    ~UnawaitedCoroutine()
    {
        if (Interlocked.Exchange(ref _done, 1) != 0) return;
        try
        {
            if (context is null) Report(name);
            else ExecutionContext.Run(context, static n => Report((string)n!), name);
        }
        catch
        {
            // A finalizer must not throw; the warning is best effort once the program's streams are gone.
        }
    }
}
