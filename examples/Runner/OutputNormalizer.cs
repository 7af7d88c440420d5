using System.Text.RegularExpressions;

namespace PyAsync.Examples;

/// <summary>
/// Makes CPython's output and a port's output comparable: what differs only because one is Python
/// and the other C# is rewritten the same way on both sides.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>In reprs (lines showing a task, future, handle, coroutine, queue or any <c>... object at 0x...</c>, such as a lock): source locations
/// (<c>running at x.py:5</c>, <c>defined at ...</c>) and object addresses are dropped, and function
/// names become PascalCase (<c>say_after()</c> → <c>SayAfter()</c>), as the port names them.</item>
/// <item>On stderr: traceback bodies (the <c>Traceback</c> line and the indented frames, which name
/// Python or .NET files) and CPython's tracemalloc hint are dropped, and the <c>file:line:</c> prefix
/// of a warning is removed. The message lines and the final <c>Type: message</c> line stay.</item>
/// </list>
/// </remarks>
public static partial class OutputNormalizer
{
    /// <summary>
    /// For runs on the real clock: the time of day (<c>12:00:03</c>) cannot match CPython's stored
    /// virtual-clock output, so both sides show <c>HH:MM:SS</c> instead.
    /// </summary>
    public static string MaskTimeOfDay(string text) => TimeOfDay().Replace(text, "HH:MM:SS");

    [GeneratedRegex(@"\b\d{2}:\d{2}:\d{2}\b")]
    private static partial Regex TimeOfDay();

    private static readonly string[] s_reprMarkers =
        ["<Task ", "<Future ", "<Handle ", "<TimerHandle ", "<coroutine ", "coroutine '", "Exception in callback ", "Executing <",
         " object at 0x", "<Queue at ", "<PriorityQueue at ", "<LifoQueue at "];

    private static readonly HashSet<string> s_cpythonInternals = ["task_wakeup", "task_step"];

    public static string Stdout(string text) => Join(Split(text).Select(Repr));

    public static string Stderr(string text) => Join(Split(text)
        .Where(line => line.Length > 0 && !line.StartsWith(' ') && line != "Traceback (most recent call last):" &&
                       !line.StartsWith("RuntimeWarning: Enable tracemalloc", StringComparison.Ordinal))
        .Select(line => WarningLocation().Replace(line, ""))
        .Select(Repr));

    private static string Repr(string line)
    {
        if (!s_reprMarkers.Any(m => line.Contains(m, StringComparison.Ordinal))) return line;
        line = SourceLocation().Replace(line, "");
        line = Address().Replace(line, "at 0x?");
        line = CoroutineName().Replace(line, m => m.Groups[1].Value + QualName(m.Groups[2].Value));
        return QualifiedCall().Replace(line, m => QualName(m.Groups[1].Value) + "(");
    }

    private static string QualName(string name) => string.Join(".<locals>.", name.Split(".<locals>.").Select(Pascal));

    private static string Pascal(string name)
    {
        if (name.StartsWith('_') || name.StartsWith('<') || s_cpythonInternals.Contains(name) || !name.Contains('_') && char.IsUpper(name[0])) return name;
        return string.Concat(name.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static IEnumerable<string> Split(string text) => text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');

    private static string Join(IEnumerable<string> lines)
    {
        var text = string.Join('\n', lines).TrimEnd('\n');
        return text.Length == 0 ? "" : text + "\n";
    }

    [GeneratedRegex(@"^(?:\S+?:\d+|sys:1): (?=\w+Warning: )")]
    private static partial Regex WarningLocation();

    [GeneratedRegex(@",? (?:(?:defined|running|created) )?at [^\s>\],]+\.py:\d+")]
    private static partial Regex SourceLocation();

    [GeneratedRegex(@"at 0x[0-9a-f]+")]
    private static partial Regex Address();

    [GeneratedRegex(@"(coroutine '|coroutine object )([A-Za-z_]\w*(?:\.<locals>\.(?:[A-Za-z_]\w*|<lambda>))*)")]
    private static partial Regex CoroutineName();

    [GeneratedRegex(@"(?<![\w.>])([A-Za-z_]\w*(?:\.<locals>\.(?:[A-Za-z_]\w*|<lambda>))*)\(")]
    private static partial Regex QualifiedCall();
}
