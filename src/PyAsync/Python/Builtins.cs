using System.Text;

namespace PyAsync;

/// <summary>
/// Python's built-in functions that ported programs need: <c>str</c>, <c>repr</c> and <c>type</c>
/// with Python's formatting, and the body of <c>print</c>. <see cref="Asyncio"/> forwards to these.
/// </summary>
internal static class Builtins
{
    /// <summary>
    /// Mirrors <c>str(x)</c>: <c>None</c>, <c>True</c>/<c>False</c>, floats as Python prints them
    /// (<c>3.0</c>, <c>1e-05</c>), lists <c>[1, 2]</c>, tuples <c>(1, 'a')</c>, dicts, sets, and an
    /// exception's message. For use inside interpolated strings: <c>$"{Str(x)}"</c>.
    /// </summary>
    public static string Str(object? value) => PyRepr.Str(value);

    /// <summary>Mirrors <c>repr(x)</c>: like <see cref="Str"/> but strings are quoted, as in <c>f'{x!r}'</c>.</summary>
    public static string Repr(object? value) => PyRepr.Repr(value);

    /// <summary>
    /// Mirrors <c>type(x)</c> for printing: <c>&lt;class 'int'&gt;</c>, <c>&lt;class '_asyncio.Task'&gt;</c>,
    /// <c>&lt;class 'coroutine'&gt;</c>; user-defined classes print as <c>__main__.Name</c>.
    /// </summary>
    public static PyType Type(object? value) => PyTypes.Of(value);

    /// <summary>
    /// The body of <c>print(*objects, sep=' ', end='\n', file=None, flush=False)</c>: each value as <see cref="Str"/>
    /// formats it, separated by <paramref name="sep"/> and followed by <paramref name="end"/> (null: a space and a
    /// newline, as Python's <c>None</c>), written to <paramref name="file"/> (null: <see cref="Sys.Stdout"/>, read now)
    /// in one <see cref="TextWriter.Write(string)"/> call, then flushed if <paramref name="flush"/>. Ports call
    /// <c>Asyncio.Print</c>.
    /// </summary>
    internal static void Print(ReadOnlySpan<object?> values, string? sep, string? end, TextWriter? file, bool flush)
    {
        var sb = new StringBuilder();
        sep ??= " ";
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0) sb.Append(sep);
            sb.Append(Str(values[i]));
        }
        sb.Append(end ?? "\n");
        var writer = file ?? Sys.Stdout;
        writer.Write(sb.ToString());
        if (flush) writer.Flush();
    }
}
