using System.Globalization;
using System.Text;
using PyAsync.Bench.Workloads;
using Spectre.Console;

namespace PyAsync.Bench.Harness;

/// <summary>One row of the table: a figure of one workload in every column, and its target.</summary>
/// <param name="Workload">W1 … W10, with a short name.</param>
/// <param name="Size">How many tasks (or awaits) the workload ran.</param>
/// <param name="Figure">What is measured, with its unit.</param>
/// <param name="Values">The figure per column; missing where a column was skipped or does not apply.</param>
/// <param name="HigherIsBetter">Throughput (true) or cost (false): decides which way the ratios go.</param>
/// <param name="Target">The target for PyAsync, in words.</param>
/// <param name="Met">Whether PyAsync meets it, given this row; null when it cannot be judged.</param>
public sealed record FigureRow(
    string Workload,
    int Size,
    string Figure,
    IReadOnlyDictionary<Column, double> Values,
    bool HigherIsBetter,
    string Target,
    Func<FigureRow, bool?> Met)
{
    /// <summary>
    /// Whether the row's target is against the thread pool's TPL column (W9, W10): the table then has a
    /// "vs TPL pool" ratio.
    /// </summary>
    public bool VersusPool { get; init; }

    /// <summary>
    /// How many times better PyAsync is than <paramref name="other"/>: its throughput over theirs,
    /// or their cost over its. Above 1, PyAsync wins.
    /// </summary>
    public double? Advantage(Column other)
    {
        if (!Values.TryGetValue(Column.PyAsync, out var mine) || !Values.TryGetValue(other, out var theirs)) return null;
        if (mine <= 0 || theirs <= 0) return null;
        return HigherIsBetter ? mine / theirs : theirs / mine;
    }
}

/// <summary>Prints the benchmark table on the console and, on request, as Markdown.</summary>
public static class Report
{
    private static readonly Column[] s_columns = [Column.PyAsync, Column.CPython, Column.CPythonUvloop, Column.TplSingleThread, Column.TplAsyncContext, Column.TplThreadPool];
    private static readonly (string Heading, Column Other)[] s_ratios =
        [("vs CPython", Column.CPython), ("vs uvloop", Column.CPythonUvloop), ("vs TPL 1", Column.TplSingleThread), ("vs AsyncContext", Column.TplAsyncContext)];

    /// <summary>
    /// The columns of figures and of ratios: the six columns and four ratios always (and "vs TPL pool" when
    /// a row is judged against that column: W9, W10; W10's one-thread bound and its ratio when it ran), or, when the
    /// Baseline column ran, PyAsync and the baseline side by side, the other columns that ran, and
    /// "PyAsync vs baseline" before the ratios against those.
    /// </summary>
    private static (Column[] Figures, (string Heading, Column Other)[] Ratios) Layout(IReadOnlyList<FigureRow> rows)
    {
        bool Ran(Column c) => rows.Any(r => r.Values.ContainsKey(c));
        (string Heading, Column Other)[] ratios = rows.Any(r => r.VersusPool) ? [.. s_ratios, ("vs TPL pool", Column.TplThreadPool)] : s_ratios;
        // W10's one-thread bound, only in a table that measured it.
        Column[] figures = Ran(Column.OneThreadBound) ? [.. s_columns, Column.OneThreadBound] : s_columns;
        if (Ran(Column.OneThreadBound)) ratios = [.. ratios, ("vs 1-thread bound", Column.OneThreadBound)];
        if (!Ran(Column.Baseline)) return (figures, ratios);
        return ([Column.PyAsync, Column.Baseline, .. figures.Skip(1).Where(Ran)],
                [("PyAsync vs baseline", Column.Baseline), .. ratios.Where(r => Ran(r.Other))]);
    }

    /// <param name="baseline">The build the Baseline column ran, if any: its label heads that column.</param>
    public static void Write(IAnsiConsole console, IReadOnlyList<FigureRow> rows, Baseline? baseline = null)
    {
        var (columns, ratios) = Layout(rows);
        var table = new Table().Border(TableBorder.Rounded).Title("PyAsync benchmarks");
        table.AddColumn("Workload");
        table.AddColumn("Figure");
        table.AddColumn(new TableColumn("n").RightAligned());
        foreach (var c in columns) table.AddColumn(new TableColumn(Measurer.Title(c, baseline)).RightAligned());
        foreach (var (heading, _) in ratios) table.AddColumn(new TableColumn(heading).RightAligned());
        table.AddColumn("Target");
        table.AddColumn("Met");
        foreach (var row in rows)
        {
            var cells = new List<string> { row.Workload, row.Figure, row.Size.ToString("N0", CultureInfo.InvariantCulture) };
            cells.AddRange(columns.Select(c => row.Values.TryGetValue(c, out var v) ? Format(v) : "-"));
            cells.AddRange(ratios.Select(r => Ratio(row.Advantage(r.Other))));
            cells.Add(row.Target);
            cells.Add(row.Met(row) switch { true => "yes", false => "NO", null => "-" });
            table.AddRow(cells.Select(c => new Text(c)).ToArray());
        }
        console.Write(table);
        console.WriteLine("Ratios: how many times better PyAsync is than CPython and than TPL on one thread (throughput over theirs, or their time or memory over its); above 1, PyAsync wins.");
        console.WriteLine("cold: the first full-size run in a fresh process, without warm-up, as a ported script meets it (median over the rounds); " +
                          "felt: a porter-shaped variant cold. W1P, W1C and W2P: W1 and W2 written as porters write them; W1P's and W2P's CPython figures are W1's and W2's (the same Python).");
        if (columns.Contains(Column.Baseline))
            console.WriteLine($"PyAsync vs baseline: the same for this build against {Measurer.Title(Column.Baseline, baseline)}; above 1, this build is better.");
    }

    public static string Markdown(IReadOnlyList<FigureRow> rows, Baseline? baseline = null)
    {
        var (columns, ratios) = Layout(rows);
        var sb = new StringBuilder();
        sb.Append("| Workload | Figure | n | ").AppendJoin(" | ", columns.Select(c => Measurer.Title(c, baseline)))
          .Append(" | ").AppendJoin(" | ", ratios.Select(r => r.Heading)).AppendLine(" | Target | Met |");
        sb.Append("|---|---|---:|").Append(string.Concat(Enumerable.Repeat("---:|", columns.Length + ratios.Length))).AppendLine("---|---|");
        foreach (var row in rows)
        {
            sb.Append("| ").Append(row.Workload).Append(" | ").Append(row.Figure).Append(" | ")
              .Append(row.Size.ToString("N0", CultureInfo.InvariantCulture)).Append(" | ")
              .AppendJoin(" | ", columns.Select(c => row.Values.TryGetValue(c, out var v) ? Format(v) : "-"))
              .Append(" | ").AppendJoin(" | ", ratios.Select(r => Ratio(row.Advantage(r.Other))))
              .Append(" | ").Append(row.Target)
              .Append(" | ").Append(row.Met(row) switch { true => "yes", false => "**no**", null => "-" })
              .AppendLine(" |");
        }
        return sb.ToString();
    }

    /// <summary>Three significant digits, with thousands separators for large values.</summary>
    public static string Format(double value) => value switch
    {
        >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 100 => value.ToString("F0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("F1", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("F2", CultureInfo.InvariantCulture),
        _ => value.ToString("G3", CultureInfo.InvariantCulture),
    };

    private static string Ratio(double? ratio) => ratio is { } r ? Format(r) + "×" : "-";
}
