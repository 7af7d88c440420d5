using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace PyAsync.Examples;

/// <summary>
/// A line diff in unified style (DiffPlex's inline diff): <c>- </c> a line only in the expected text
/// (CPython's), <c>+ </c> a line only in the actual one (PyAsync's), <c>  </c> a line of both.
/// </summary>
public static class LineDiff
{
    public static IReadOnlyList<string> Lines(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var a = Split(expected);
        var b = Split(actual);
        // DiffPlex reads an empty text as one empty line; an empty output has no line at all.
        if (a.Length == 0 || b.Length == 0) return [.. a.Select(l => "- " + l), .. b.Select(l => "+ " + l)];
        var model = InlineDiffBuilder.Diff(string.Join('\n', a), string.Join('\n', b), ignoreWhiteSpace: false, ignoreCase: false, LineChunker.Instance);
        return
        [
            .. model.Lines.Select(line => line.Type switch
            {
                ChangeType.Unchanged => "  " + line.Text,
                ChangeType.Deleted => "- " + line.Text,
                ChangeType.Inserted => "+ " + line.Text,
                _ => throw new InvalidOperationException($"An inline diff has no {line.Type} line."),
            }),
        ];
    }

    private static string[] Split(string text)
    {
        text = text.Replace("\r\n", "\n").TrimEnd('\n');
        return text.Length == 0 ? [] : text.Split('\n');
    }
}
