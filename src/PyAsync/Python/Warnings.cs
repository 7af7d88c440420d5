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

    /// <summary>Mirrors <c>warnings.warn(message, category)</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> or <paramref name="category"/> is null.</exception>
    public static void Warn(string message, string category = "UserWarning")
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(category);
        Sys.BeforeOutput();
        s_showWarning(category, message);
    }

    private static void DefaultShowWarning(string category, string message) =>
        Sys.Stderr.WriteLine($"{category}: {message}");
}
