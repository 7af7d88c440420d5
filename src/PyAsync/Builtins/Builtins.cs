using System.Runtime.CompilerServices;
using System.Text;

namespace PyAsync;

/// <summary>
/// Python's built-in functions that ported programs need: <c>print</c>, <c>str</c>, <c>repr</c> and
/// <c>type</c>, with Python's formatting. <see cref="Asyncio"/> forwards to these.
/// </summary>
public static class Builtins
{
    /// <summary>
    /// Mirrors <c>print(*args, sep=' ', end='\n')</c>: writes each argument as Python's <c>str()</c>
    /// formats it, separated by <paramref name="sep"/> and followed by <paramref name="end"/>, to
    /// <see cref="Sys.Stdout"/>.
    /// </summary>
    /// <remarks>
    /// Up to twelve positional arguments; pass <paramref name="sep"/> and <paramref name="end"/> by name
    /// (<c>Print("a", "b", sep: "-")</c>), as Python requires. <c>Print(null)</c> prints <c>None</c> and
    /// <c>Print()</c> an empty line. The <c>e0</c>...<c>e11</c> parameters are filled in by the compiler to
    /// tell which arguments were given; do not pass them.
    /// </remarks>
    public static void Print(
        object? a0 = null, object? a1 = null, object? a2 = null, object? a3 = null, object? a4 = null, object? a5 = null,
        object? a6 = null, object? a7 = null, object? a8 = null, object? a9 = null, object? a10 = null, object? a11 = null,
        string? sep = null, string? end = null,
        [CallerArgumentExpression(nameof(a0))] string? e0 = null, [CallerArgumentExpression(nameof(a1))] string? e1 = null,
        [CallerArgumentExpression(nameof(a2))] string? e2 = null, [CallerArgumentExpression(nameof(a3))] string? e3 = null,
        [CallerArgumentExpression(nameof(a4))] string? e4 = null, [CallerArgumentExpression(nameof(a5))] string? e5 = null,
        [CallerArgumentExpression(nameof(a6))] string? e6 = null, [CallerArgumentExpression(nameof(a7))] string? e7 = null,
        [CallerArgumentExpression(nameof(a8))] string? e8 = null, [CallerArgumentExpression(nameof(a9))] string? e9 = null,
        [CallerArgumentExpression(nameof(a10))] string? e10 = null, [CallerArgumentExpression(nameof(a11))] string? e11 = null)
    {
        int count = e11 != null ? 12 : e10 != null ? 11 : e9 != null ? 10 : e8 != null ? 9 : e7 != null ? 8 : e6 != null ? 7
            : e5 != null ? 6 : e4 != null ? 5 : e3 != null ? 4 : e2 != null ? 3 : e1 != null ? 2 : e0 != null ? 1 : 0;
        var sb = new StringBuilder();
        sep ??= " ";
        for (int i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(sep);
            sb.Append(Str(i switch
            {
                0 => a0, 1 => a1, 2 => a2, 3 => a3, 4 => a4, 5 => a5,
                6 => a6, 7 => a7, 8 => a8, 9 => a9, 10 => a10, _ => a11,
            }));
        }
        sb.Append(end ?? "\n");
        Sys.Stdout.Write(sb.ToString());
    }

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
}
