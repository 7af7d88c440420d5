namespace PyAsync;

/// <summary>
/// Marks where Python's keyword-only parameters start; never pass it. In
/// <c>Print(object? value1, object? value2, KeywordOnly _ = default, string? sep = " ", ...)</c> the parameters after
/// it are Python's keyword-only ones (<c>print(*objects, sep=' ', end='\n', file=None, flush=False)</c>), which a port
/// passes by name: <c>Print("a", "b", sep: "-")</c>.
/// </summary>
/// <remarks>
/// Nothing converts to this type, so a positional argument can never reach the parameters after it:
/// <c>Print("a", "b")</c> prints <c>a b</c> with the two-value overload, where an overload
/// <c>Print(object? value, string? sep = null)</c> would take <c>"b"</c> as the separator (a string converts better
/// to <c>string</c> than to <c>object</c>). No Python equivalent: Python's <c>*</c> in a parameter list does this.
/// It is a plain struct, not a <c>ref struct</c>, so that calls through <c>dynamic</c> still bind; the price is that
/// an untyped <c>default</c> converts to it (<c>Print("a", default)</c> prints <c>a</c>): write <c>null</c> for
/// Python's <c>None</c>.
/// </remarks>
public readonly struct KeywordOnly
{
}
