namespace PyAsync;

/// <summary>
/// A value that C# interpolation formats with Python's format mini-language: made by
/// <see cref="Asyncio.Py"/>, so that <c>f'{x:.2f}'</c> ports as <c>$"{Py(x):.2f}"</c>.
/// No Python equivalent: f-strings call <c>format(value, spec)</c> natively.
/// </summary>
public readonly struct PyFormattable : IFormattable
{
    private readonly object? _value;

    /// <summary>Wraps <paramref name="value"/>.</summary>
    public PyFormattable(object? value) => _value = value;

    /// <summary>The wrapped value.</summary>
    public object? Value => _value;

    /// <summary>
    /// Mirrors <c>format(value, format_spec)</c> (see <see cref="Asyncio.Format"/>): the interpolation
    /// hole's format string is Python's spec; <paramref name="formatProvider"/> is ignored, the text is
    /// always CPython's.
    /// </summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => PyFormat.Format(_value, format ?? "");

    /// <summary>Mirrors <c>str(value)</c>, as <c>f'{x}'</c> prints it.</summary>
    public override string ToString() => PyRepr.Str(_value);
}
