using System.Globalization;

namespace PyAsync;

/// <summary>
/// Mirrors Python's built-in <c>UnicodeError</c>, the base of <see cref="UnicodeDecodeError"/> and
/// <see cref="UnicodeEncodeError"/>; as in Python it is a <see cref="ValueError"/>.
/// </summary>
public class UnicodeError : ValueError
{
    /// <summary>Creates the error with Python's <c>args</c>.</summary>
    public UnicodeError(params object?[]? args) : base(PyExceptionArgs.From(args), null) { }

    private protected UnicodeError(PyTuple args, Exception? inner) : base(args, inner) { }
}

/// <summary>
/// Mirrors Python's <c>UnicodeDecodeError</c>, raised by <c>bytes.decode()</c>
/// (<see cref="BytesExtensions.Decode"/>) with <c>errors='strict'</c> for bytes the codec cannot decode.
/// </summary>
/// <remarks>
/// Its <c>args</c> are Python's <c>(encoding, object, start, end, reason)</c> and its <c>str()</c> is CPython's:
/// <c>'utf-8' codec can't decode byte 0xff in position 0: invalid start byte</c>.
/// </remarks>
public class UnicodeDecodeError : UnicodeError, IPyStr
{
    /// <summary>Mirrors <c>UnicodeDecodeError(encoding, object, start, end, reason)</c>.</summary>
    /// <param name="encoding">The codec's name (<c>utf-8</c>).</param>
    /// <param name="object">The bytes being decoded.</param>
    /// <param name="start">The index of the first invalid byte.</param>
    /// <param name="end">The index after the last invalid byte.</param>
    /// <param name="reason">Why they are invalid (<c>invalid start byte</c>).</param>
    public UnicodeDecodeError(string encoding, byte[] @object, int start, int end, string reason)
        : base(new PyTuple([encoding, @object, start, end, reason]), null)
    {
        Encoding = encoding;
        Object = @object;
        Start = start;
        End = end;
        Reason = reason;
    }

    /// <summary>Mirrors <c>encoding</c>: the codec's name.</summary>
    public string Encoding { get; }

    /// <summary>Mirrors <c>object</c>: the bytes being decoded.</summary>
    public byte[] Object { get; }

    /// <summary>Mirrors <c>start</c>: the index of the first invalid byte.</summary>
    public int Start { get; }

    /// <summary>Mirrors <c>end</c>: the index after the last invalid byte.</summary>
    public int End { get; }

    /// <summary>Mirrors <c>reason</c>.</summary>
    public string Reason { get; }

    /// <summary>Python's <c>str(e)</c>: <c>'utf-8' codec can't decode byte 0xff in position 0: invalid start byte</c>.</summary>
    public override string Message => ((IPyStr)this).Str();

    string IPyStr.Str() => Start < Object.Length && End == Start + 1
        ? $"'{Encoding}' codec can't decode byte 0x{Object[Start].ToString("x2", CultureInfo.InvariantCulture)} in position {Start}: {Reason}"
        : $"'{Encoding}' codec can't decode bytes in position {Start}-{End - 1}: {Reason}";
}

/// <summary>
/// Mirrors Python's <c>UnicodeEncodeError</c>, raised by <c>str.encode()</c>
/// (<see cref="BytesExtensions.Encode"/>) with <c>errors='strict'</c> for characters the codec cannot encode.
/// </summary>
/// <remarks>
/// Its <c>args</c> are Python's <c>(encoding, object, start, end, reason)</c> and its <c>str()</c> is CPython's:
/// <c>'ascii' codec can't encode character '\xe9' in position 0: ordinal not in range(128)</c>. As in Python,
/// <see cref="Start"/> and <see cref="End"/> count code points (a surrogate pair is one), not .NET chars.
/// </remarks>
public class UnicodeEncodeError : UnicodeError, IPyStr
{
    /// <summary>Mirrors <c>UnicodeEncodeError(encoding, object, start, end, reason)</c>.</summary>
    /// <param name="encoding">The codec's name (<c>ascii</c>).</param>
    /// <param name="object">The text being encoded.</param>
    /// <param name="start">The code point index of the first character that cannot be encoded.</param>
    /// <param name="end">The code point index after the last one.</param>
    /// <param name="reason">Why (<c>ordinal not in range(128)</c>).</param>
    public UnicodeEncodeError(string encoding, string @object, int start, int end, string reason)
        : base(new PyTuple([encoding, @object, start, end, reason]), null)
    {
        Encoding = encoding;
        Object = @object;
        Start = start;
        End = end;
        Reason = reason;
    }

    /// <summary>Mirrors <c>encoding</c>: the codec's name.</summary>
    public string Encoding { get; }

    /// <summary>Mirrors <c>object</c>: the text being encoded.</summary>
    public string Object { get; }

    /// <summary>Mirrors <c>start</c>, in code points.</summary>
    public int Start { get; }

    /// <summary>Mirrors <c>end</c>, in code points.</summary>
    public int End { get; }

    /// <summary>Mirrors <c>reason</c>.</summary>
    public string Reason { get; }

    /// <summary>Python's <c>str(e)</c>: <c>'ascii' codec can't encode character '\xe9' in position 0: ordinal not in range(128)</c>.</summary>
    public override string Message => ((IPyStr)this).Str();

    string IPyStr.Str()
    {
        var codePoints = PyCodecs.CodePoints(Object);
        if (End == Start + 1 && Start < codePoints.Length)
        {
            int c = codePoints[Start];
            string escaped = c <= 0xff ? $"\\x{c:x2}" : c <= 0xffff ? $"\\u{c:x4}" : $"\\U{c:x8}";
            return $"'{Encoding}' codec can't encode character '{escaped}' in position {Start}: {Reason}";
        }
        return $"'{Encoding}' codec can't encode characters in position {Start}-{End - 1}: {Reason}";
    }
}
