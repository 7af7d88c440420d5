using System.Text;

namespace PyAsync;

/// <summary>
/// CPython's <c>call_exception_handler</c> and <c>default_exception_handler</c>: where the loop sends
/// every error it cannot raise anywhere. No path through here throws out of the loop.
/// </summary>
internal static class ExceptionHandler
{
    /// <summary>
    /// Passes <paramref name="context"/> to <paramref name="custom"/>, or to <see cref="Default"/>. An
    /// exception thrown by a custom handler is reported by the default one; one thrown by the default
    /// handler is logged.
    /// </summary>
    public static void Call(EventLoop loop, Action<EventLoop, Dictionary<string, object?>>? custom, Dictionary<string, object?> context)
    {
        if (custom is null)
        {
            try { Default(context); }
            catch (Exception e) { HandlerFailed("Exception in default exception handler", e); }
            return;
        }
        try
        {
            custom(loop, context);
        }
        catch (Exception e)
        {
            try
            {
                Default(new Dictionary<string, object?>
                {
                    ["message"] = "Unhandled error in exception handler",
                    ["exception"] = e,
                    ["context"] = context,
                });
            }
            catch (Exception inner)
            {
                HandlerFailed("Exception in default exception handler while handling an unexpected error in custom exception handler", inner);
            }
        }
    }

    /// <summary>
    /// Writes the message, the other context entries (sorted by key, each as <c>key: repr</c>) and the
    /// exception's traceback to <see cref="Sys.Stderr"/>, as CPython's <c>asyncio</c> logger does, or
    /// gives them to the <see cref="AsyncioLog"/> logger (the entries' reprs as named values).
    /// </summary>
    public static void Default(Dictionary<string, object?> context)
    {
        var message = context.GetValueOrDefault("message") as string;
        if (string.IsNullOrEmpty(message)) message = "Unhandled exception in event loop";
        var lines = new List<string> { message };
        var template = new StringBuilder("{Message}");
        var values = new List<KeyValuePair<string, object?>> { new("Message", message) };
        foreach (var key in context.Keys.Order(StringComparer.Ordinal))
        {
            if (key is "message" or "exception") continue;
            var value = context[key];
            string repr = value is string s ? s : Builtins.Repr(value);
            lines.Add($"{key}: {repr}");
            template.Append('\n').Append(key).Append(": {").Append(key).Append('}');
            values.Add(new(key, repr));
        }
        var id = message is "Task exception was never retrieved" or "Future exception was never retrieved"
            ? AsyncioLog.ExceptionNeverRetrieved : AsyncioLog.ExceptionHandlerReport;
        Logger.Error(id, string.Join('\n', lines), context.GetValueOrDefault("exception") as Exception, template.ToString(), [.. values]);
    }

    private static void HandlerFailed(string message, Exception e) =>
        Logger.Error(AsyncioLog.ExceptionHandlerFailed, message, e, message);
}
