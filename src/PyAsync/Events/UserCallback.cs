using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// User code the loop calls back: a handle's callback, a future's done callback, a continuation
/// posted to the loop's <see cref="SynchronizationContext"/>. All run through <see cref="UserCallback.Run"/>.
/// </summary>
internal interface IUserCode : IReadyCallback
{
    /// <summary>Calls the user's code (in whatever context is current).</summary>
    void Invoke();

    /// <summary>The <c>handle</c> entry of the exception handler's context, or null for none.</summary>
    object? HandleForReport(object? arg);
}

/// <summary>CPython's <c>Handle._run</c>, the one way the loop runs user code.</summary>
internal static class UserCallback
{
    private static readonly ContextCallback s_invoke = static code => ((IUserCode)code!).Invoke();

    /// <summary>
    /// Runs <paramref name="code"/> in <paramref name="context"/> (Python's <c>Context.run</c>), so that
    /// what it changes there stays there. An exception it throws does not stop the loop: it goes to the
    /// loop's exception handler as <c>Exception in callback Name(args)</c>, as in CPython.
    /// </summary>
    [MethodImpl(HotPath.Options)]
    public static void Run(EventLoop loop, ExecutionContext? context, IUserCode code, object? arg)
    {
        try
        {
            // Between callbacks the loop's thread is in the loop's own context: running there needs
            // no switch, only putting it back if the code changed it.
            if (context is null || context == loop.RunContext)
            {
                code.Invoke();
                loop.RestoreRunContext();
            }
            else
            {
                ExecutionContext.Run(context, s_invoke, code);
            }
        }
        catch (Exception e)
        {
            loop.RestoreRunContext();
            var report = new Dictionary<string, object?>
            {
                ["message"] = $"Exception in callback {code.Describe(arg)}",
                ["exception"] = e,
            };
            if (code.HandleForReport(arg) is { } handle) report["handle"] = handle;
            loop.CallExceptionHandler(report);
        }
    }
}
