using Spectre.Console;
using Spectre.Console.Rendering;

namespace PyAsync.Examples;

/// <summary>One source file in a pane: its title (e.g. <c>Python: doc004/say_after.py</c>) and its text.</summary>
public sealed record SourcePane(string Title, string Source)
{
    /// <summary>The text's lines, without the final newline.</summary>
    public IReadOnlyList<string> Lines => Source.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');

    /// <summary>The cells the pane's content needs to show every line and the title whole.</summary>
    public int ContentWidth => Math.Max(Lines.Max(l => l.GetCellWidth()), Title.GetCellWidth());
}

/// <summary>A Python source and its C# port, shown side by side when the console is wide enough, else one above the other.</summary>
public sealed record PanePair(SourcePane Python, SourcePane CSharp)
{
    /// <summary>
    /// The console width from which the two panes fit side by side without cutting a line: both panes'
    /// content plus the table's borders and padding (<see cref="SourcePanes.SideBySideChrome"/>).
    /// </summary>
    public int SideBySideWidth => Python.ContentWidth + CSharp.ContentWidth + SourcePanes.SideBySideChrome;
}

/// <summary>
/// Renders source panes so that a code line is never wrapped: a line is a line in both languages, and
/// a wrapped one breaks the line-for-line view.
/// </summary>
/// <remarks>
/// <para>Each pair side by side (Python | C#) when the console is at least its <see cref="PanePair.SideBySideWidth"/> wide
/// (both panes' longest line or title, plus the borders and padding); below that, stacked: the Python pane above
/// the C# pane, each the console's full width.</para>
/// <para>A line still wider than its pane (only possible when stacked) is cut to the pane's width, its last cell
/// replaced by <see cref="CutMarker"/>, so that the cut is visible.</para>
/// </remarks>
public static class SourcePanes
{
    /// <summary>What marks a line cut to fit its pane: its last visible cell.</summary>
    public const char CutMarker = '…';

    /// <summary>Cells taken by a two-column table beside its content: three borders and a padding cell each side of both columns.</summary>
    public const int SideBySideChrome = 7;

    /// <summary>Cells taken by a one-column table beside its content: two borders and a padding cell each side.</summary>
    public const int StackedChrome = 4;

    /// <summary>Whether <paramref name="pair"/> is shown side by side on a console <paramref name="width"/> cells wide.</summary>
    public static bool FitSideBySide(PanePair pair, int width) => pair.SideBySideWidth <= width;

    /// <summary>The pairs, each side by side or stacked (see the remarks), for a console <paramref name="width"/> cells wide.</summary>
    public static IEnumerable<IRenderable> Render(IReadOnlyList<PanePair> pairs, int width)
    {
        foreach (var pair in pairs)
        {
            if (FitSideBySide(pair, width))
            {
                yield return new Table().Border(TableBorder.Rounded).Expand()
                    .AddColumn(new TableColumn(new Text(pair.Python.Title)))
                    .AddColumn(new TableColumn(new Text(pair.CSharp.Title)))
                    .AddRow(new Text(string.Join('\n', pair.Python.Lines)), new Text(string.Join('\n', pair.CSharp.Lines)));
            }
            else
            {
                int content = Math.Max(1, width - StackedChrome);
                yield return Stacked(pair.Python, content);
                yield return Stacked(pair.CSharp, content);
            }
        }
    }

    private static Table Stacked(SourcePane pane, int content) =>
        new Table().Border(TableBorder.Rounded).Expand()
            .AddColumn(new TableColumn(new Text(Cut(pane.Title, content))))
            .AddRow(new Text(string.Join('\n', pane.Lines.Select(l => Cut(l, content)))));

    /// <summary>
    /// <paramref name="line"/> if it fits in <paramref name="width"/> cells; else its longest prefix that fits
    /// in one cell less, followed by <see cref="CutMarker"/>.
    /// </summary>
    public static string Cut(string line, int width)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (line.GetCellWidth() <= width) return line;
        int cells = 0, end = 0;
        while (end < line.Length)
        {
            int step = char.IsSurrogatePair(line, end) ? 2 : 1;
            int w = line.Substring(end, step).GetCellWidth();
            if (cells + w > width - 1) break;
            cells += w;
            end += step;
        }
        return line[..end] + CutMarker;
    }
}
