namespace PyAsync;

/// <summary>
/// Mirrors <c>asyncio.IncompleteReadError</c> (CPython's <c>asyncio/exceptions.py</c>): the stream
/// ended before <see cref="PyStreamReader.ReadExactly"/> got its bytes, or before
/// <see cref="PyStreamReader.ReadUntil(byte[])"/> found its separator. As in Python it derives from
/// <see cref="EOFError"/>.
/// </summary>
/// <remarks>
/// Its message is CPython's, <c>18 bytes read on a total of 36 expected bytes</c> (<c>undefined</c>
/// when <see cref="Expected"/> is null), and its <c>args</c> that one message. CPython's
/// <c>__reduce__</c> (pickling) has no counterpart.
/// </remarks>
[PyTypeName("asyncio.exceptions.IncompleteReadError")]
public class IncompleteReadError : EOFError
{
    /// <summary>Mirrors <c>IncompleteReadError(partial, expected)</c>.</summary>
    /// <param name="partial">The bytes read before the end of the stream.</param>
    /// <param name="expected">The number of bytes expected, or null when it is not known (<c>readuntil()</c>).</param>
    public IncompleteReadError(byte[] partial, int? expected)
        : base(new PyTuple([FormatMessage(partial, expected)]), null)
    {
        ArgumentNullException.ThrowIfNull(partial);
        Partial = partial;
        Expected = expected;
    }

    /// <summary>Mirrors <c>e.partial</c>: the bytes read before the end of the stream.</summary>
    public byte[] Partial { get; }

    /// <summary>Mirrors <c>e.expected</c>: the number of bytes expected, or null (Python's <c>None</c>) when not known.</summary>
    public int? Expected { get; }

    private static string FormatMessage(byte[] partial, int? expected)
    {
        ArgumentNullException.ThrowIfNull(partial);
        string rExpected = expected is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "undefined";
        return $"{partial.Length} bytes read on a total of {rExpected} expected bytes";
    }
}
