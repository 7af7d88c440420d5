using System.Globalization;
using System.Text;
using Spectre.Console;

namespace PyAsync.Bench.Startup;

/// <summary>One run of one variant.</summary>
/// <param name="FirstLine">From just before <c>Process.Start</c> to the first line read from its stdout; null if it wrote none.</param>
/// <param name="Exit">From just before <c>Process.Start</c> to its exit (and the end of its output).</param>
/// <param name="RightOutput">Its stdout equals python3's for hello.py and it exited with 0.</param>
public sealed record StartupRun(TimeSpan? FirstLine, TimeSpan Exit, bool RightOutput);

/// <summary>A variant's runs, summed up: one row of the start-up table.</summary>
/// <param name="Variant">What ran, e.g. "PyAsync NativeAOT".</param>
/// <param name="Command">How it was started, relative to the repository.</param>
/// <param name="IsReference">The CPython row the ratios are taken against.</param>
/// <param name="PublishBytes">The bytes of its published files (symbols and XML docs left out); null for CPython.</param>
public sealed record StartupRow(string Variant, string Command, bool IsReference, IReadOnlyList<StartupRun> Runs, long? PublishBytes)
{
    /// <summary>Median time to the first line, in milliseconds (a run without one counts its exit).</summary>
    public double FirstLineMedian => StartupReport.Median(Runs.Select(r => (r.FirstLine ?? r.Exit).TotalMilliseconds));

    /// <summary>Fastest time to the first line, in milliseconds.</summary>
    public double FirstLineMin => Runs.Count == 0 ? double.NaN : Runs.Min(r => (r.FirstLine ?? r.Exit).TotalMilliseconds);

    /// <summary>Median time to exit, in milliseconds.</summary>
    public double ExitMedian => StartupReport.Median(Runs.Select(r => r.Exit.TotalMilliseconds));

    /// <summary>Every run printed python3's output and exited with 0.</summary>
    public bool AllRight => Runs.Count > 0 && Runs.All(r => r.RightOutput);
}

/// <summary>A variant that could not be built or run, and why (with how to get it).</summary>
public sealed record SkippedVariant(string Variant, string Reason);

/// <summary>The start-up table: on the console with Spectre.Console, and as Markdown.</summary>
public static class StartupReport
{
    private static readonly string[] s_headings =
        ["Variant", "First line, median", "First line, min", "Exit, median", "vs python3 (first line)", "vs python3 (exit)", "Publish size", "Command"];

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count); NaN if empty.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// How many times faster <paramref name="row"/> is than the reference: the reference's median over
    /// the row's (above 1, the row is faster); null without a reference or for the reference itself.
    /// </summary>
    public static (double? FirstLine, double? Exit) Ratios(StartupRow row, IReadOnlyList<StartupRow> rows)
    {
        var reference = rows.FirstOrDefault(r => r.IsReference && r.Runs.Count > 0);
        if (reference is null || ReferenceEquals(reference, row) || row.Runs.Count == 0) return (null, null);
        return (reference.FirstLineMedian / row.FirstLineMedian, reference.ExitMedian / row.ExitMedian);
    }

    /// <summary>The cells of each row, as both renderings show them.</summary>
    public static IReadOnlyList<string[]> Cells(IReadOnlyList<StartupRow> rows) =>
        rows.Select(row =>
        {
            var (firstLine, exit) = Ratios(row, rows);
            return new[]
            {
                row.Variant + (row.AllRight ? "" : " WRONG OUTPUT"),
                Ms(row.FirstLineMedian),
                Ms(row.FirstLineMin),
                Ms(row.ExitMedian),
                row.IsReference ? "1.00 (reference)" : Ratio(firstLine),
                row.IsReference ? "1.00 (reference)" : Ratio(exit),
                row.PublishBytes is { } bytes ? Size(bytes) : "-",
                row.Command,
            };
        }).ToList();

    /// <summary>Writes the table, then the skipped variants with their reasons.</summary>
    public static void Write(IAnsiConsole console, IReadOnlyList<StartupRow> rows, IReadOnlyList<SkippedVariant> skipped, int runs)
    {
        var table = new Table().Title($"Hello-world start-up, {runs} runs per variant, round robin (ms; ratios: python3's time over the variant's, above 1 = faster than CPython)");
        for (int i = 0; i < s_headings.Length; i++)
        {
            var column = new TableColumn(s_headings[i]);
            if (i is > 0 and < 7) column.RightAligned();
            table.AddColumn(column);
        }
        foreach (var cells in Cells(rows)) table.AddRow(cells.Select(c => new Markup(Markup.Escape(c))).ToArray());
        console.Write(table);
        foreach (var s in skipped) console.WriteLine($"Skipped {s.Variant}: {s.Reason}");
    }

    /// <summary>The same table as Markdown, with the skipped variants under it.</summary>
    public static string Markdown(IReadOnlyList<StartupRow> rows, IReadOnlyList<SkippedVariant> skipped, int runs)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Hello-world start-up, {runs} runs per variant, round robin (ms; ratios: python3's time over the variant's, above 1 = faster than CPython).\n\n");
        text.Append("| ").AppendJoin(" | ", s_headings).Append(" |\n");
        text.Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", 6))).Append("---|\n");
        foreach (var cells in Cells(rows))
        {
            cells[^1] = $"`{cells[^1]}`";
            text.Append("| ").AppendJoin(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");
        }
        if (skipped.Count > 0) text.Append('\n');
        foreach (var s in skipped) text.Append(CultureInfo.InvariantCulture, $"- Skipped {s.Variant}: {s.Reason}\n");
        return text.ToString();
    }

    private static string Ms(double ms) => double.IsNaN(ms) ? "-" : ms.ToString("F1", CultureInfo.InvariantCulture);

    private static string Ratio(double? ratio) => ratio is { } r && !double.IsNaN(r) ? r.ToString("F2", CultureInfo.InvariantCulture) + "x" : "-";

    private static string Size(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " B";
}
