namespace PyAsync;

/// <summary>
/// Mirrors Python's <c>warnings</c> module: the one place PyAsync's warnings (such as
/// <c>RuntimeWarning: coroutine 'Main' was never awaited</c>) are written.
/// </summary>
public static class Warnings
{
    private static readonly Action<string, string> s_default = DefaultShowWarning;
    private static Action<string, string> s_showWarning = s_default;

    /// <summary>
    /// Mirrors <c>warnings.showwarning</c>: called with the category name and the message of every
    /// warning. The default writes <c>Category: message</c> to <see cref="Sys.Stderr"/>. Replace it to
    /// capture warnings; assigning null restores the default.
    /// </summary>
    /// <remarks>
    /// CPython's line also names the file and line that triggered the warning and, for coroutines, adds
    /// a hint about <c>tracemalloc</c>; PyAsync prints only the category and the message.
    /// </remarks>
    public static Action<string, string> ShowWarning
    {
        get => s_showWarning;
        set => s_showWarning = value ?? s_default;
    }

    /// <summary>Whether <see cref="ShowWarning"/> is the default (stderr) sink, not one the program installed.</summary>
    internal static bool HasDefaultSink => ReferenceEquals(s_showWarning, s_default);

    /// <summary>
    /// Mirrors <c>warnings.warn(message, category)</c>: shown unless the filters ignore the category. As in
    /// CPython's default filters, <c>ResourceWarning</c>, <c>PendingDeprecationWarning</c> and
    /// <c>ImportWarning</c> are ignored until <see cref="SimpleFilter"/> says otherwise (a port's code runs as
    /// <c>__main__</c>, where CPython shows <c>DeprecationWarning</c>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> or <paramref name="category"/> is null.</exception>
    public static void Warn(string message, string category = "UserWarning")
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(category);
        if (ActionFor(category) == "ignore") return;
        Sys.BeforeOutput();
        s_showWarning(category, message);
    }

    // warnings.filters, newest first: (action, category); "Warning" matches every category.
    private static readonly List<(string Action, string Category)> s_defaultFilters =
        [("ignore", "PendingDeprecationWarning"), ("ignore", "ImportWarning"), ("ignore", "ResourceWarning")];
    private static List<(string Action, string Category)> s_filters = [.. s_defaultFilters];
    private static readonly string[] s_actions = ["default", "always", "ignore", "module", "once"];

    /// <summary>
    /// Mirrors <c>warnings.simplefilter(action, category=Warning)</c>: <c>"ignore"</c> hides the category's
    /// warnings, <c>"default"</c>, <c>"always"</c>, <c>"module"</c> or <c>"once"</c> show them (PyAsync shows
    /// each one; it does not tell locations apart). The newest filter wins. <c>"Warning"</c> means every category.
    /// </summary>
    /// <remarks>Differs from CPython: <c>"error"</c> (raising the warning as an exception) is not supported.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> or <paramref name="category"/> is null.</exception>
    /// <exception cref="ValueError">An action other than those ("invalid action: 'x'"), or <c>"error"</c>.</exception>
    public static void SimpleFilter(string action, string category = "Warning")
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(category);
        if (Array.IndexOf(s_actions, action) < 0) throw new ValueError($"invalid action: {PyRepr.Repr(action)}");
        lock (s_defaultFilters) s_filters = [(action, category), .. s_filters];
    }

    /// <summary>Mirrors <c>warnings.resetwarnings()</c>, then puts CPython's default filters back (see <see cref="Warn"/>).</summary>
    public static void ResetWarnings()
    {
        lock (s_defaultFilters) s_filters = [.. s_defaultFilters];
    }

    private static string ActionFor(string category)
    {
        foreach (var (action, filtered) in s_filters)
            if (filtered == category || filtered == "Warning") return action;
        return "default";
    }

    private static void DefaultShowWarning(string category, string message) =>
        Sys.Stderr.WriteLine($"{category}: {message}");
}
