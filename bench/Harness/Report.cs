using System.Globalization;
using System.Text;
using PyAsync.Bench.Workloads;
using Spectre.Console;

namespace PyAsync.Bench.Harness;

/// <summary>One row of the table: a figure of one workload in every column, and its target.</summary>
/// <param name="Workload">W1 … W6.</param>
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
    private static readonly Column[] s_columns = [Column.PyAsync, Column.CPython, Column.TplSingleThread, Column.TplThreadPool];

    public static void Write(IAnsiConsole console, IReadOnlyList<FigureRow> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("PyAsync benchmarks");
        table.AddColumn("Workload");
        table.AddColumn("Figure");
        table.AddColumn(new TableColumn("n").RightAligned());
        foreach (var c in s_columns) table.AddColumn(new TableColumn(Measurer.Title(c)).RightAligned());
        table.AddColumn(new TableColumn("vs CPython").RightAligned());
        table.AddColumn(new TableColumn("vs TPL 1").RightAligned());
        table.AddColumn("Target");
        table.AddColumn("Met");
        foreach (var row in rows)
        {
            var cells = new List<string> { row.Workload, row.Figure, row.Size.ToString("N0", CultureInfo.InvariantCulture) };
            cells.AddRange(s_columns.Select(c => row.Values.TryGetValue(c, out var v) ? Format(v) : "-"));
            cells.Add(Ratio(row.Advantage(Column.CPython)));
            cells.Add(Ratio(row.Advantage(Column.TplSingleThread)));
            cells.Add(row.Target);
            cells.Add(row.Met(row) switch { true => "yes", false => "NO", null => "-" });
            table.AddRow(cells.Select(c => new Text(c)).ToArray());
        }
        console.Write(table);
        console.WriteLine("Ratios: how many times better PyAsync is than CPython and than TPL on one thread (throughput over theirs, or their time or memory over its); above 1, PyAsync wins.");
    }

    public static string Markdown(IReadOnlyList<FigureRow> rows)
    {
        var sb = new StringBuilder();
        sb.Append("| Workload | Figure | n | ").AppendJoin(" | ", s_columns.Select(Measurer.Title))
          .AppendLine(" | vs CPython | vs TPL 1 | Target | Met |");
        sb.Append("|---|---|---:|").Append(string.Concat(Enumerable.Repeat("---:|", s_columns.Length))).AppendLine("---:|---:|---|---|");
        foreach (var row in rows)
        {
            sb.Append("| ").Append(row.Workload).Append(" | ").Append(row.Figure).Append(" | ")
              .Append(row.Size.ToString("N0", CultureInfo.InvariantCulture)).Append(" | ")
              .AppendJoin(" | ", s_columns.Select(c => row.Values.TryGetValue(c, out var v) ? Format(v) : "-"))
              .Append(" | ").Append(Ratio(row.Advantage(Column.CPython)))
              .Append(" | ").Append(Ratio(row.Advantage(Column.TplSingleThread)))
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
