using System.Text;

namespace PyAsync;

/// <summary>
/// Python's <c>bytes.decode()</c> and <c>str.encode()</c> for ports, on <c>byte[]</c> (Python's
/// <c>bytes</c>) and <see cref="string"/>: <c>data.decode()</c> is <c>data.Decode()</c>,
/// <c>message.encode()</c> is <c>message.Encode()</c>.
/// </summary>
/// <remarks>
/// The codecs are <c>utf-8</c> (also spelled <c>utf8</c>, <c>UTF-8</c>, <c>utf_8</c>, <c>u8</c>), <c>ascii</c>
/// (<c>us-ascii</c>) and <c>latin-1</c> (<c>latin1</c>, <c>iso-8859-1</c>, <c>l1</c>); any other name raises
/// Python's <see cref="LookupError"/> <c>unknown encoding: xyz</c> (Python knows many more codecs). The error
/// handlers are <c>strict</c> (<see cref="UnicodeDecodeError"/>/<see cref="UnicodeEncodeError"/> with CPython's
/// message), <c>replace</c> (U+FFFD when decoding, <c>?</c> when encoding) and <c>ignore</c>; another name
/// raises <see cref="LookupError"/> <c>unknown error handler name 'x'</c> when an error is met, as in CPython.
/// </remarks>
public static class BytesExtensions
{
    /// <summary>Mirrors <c>bytes.decode(encoding='utf-8', errors='strict')</c>.</summary>
    /// <param name="data">The bytes.</param>
    /// <param name="encoding">The codec: <c>utf-8</c>, <c>ascii</c> or <c>latin-1</c> (and their aliases).</param>
    /// <param name="errors"><c>strict</c>, <c>replace</c> or <c>ignore</c>.</param>
    /// <exception cref="UnicodeDecodeError">Invalid data with <c>errors="strict"</c>.</exception>
    /// <exception cref="LookupError">An unknown encoding or error handler.</exception>
    public static string Decode(this byte[] data, string encoding = "utf-8", string errors = "strict")
    {
        ArgumentNullException.ThrowIfNull(data);
        return PyCodecs.Decode(data, encoding, errors);
    }

    /// <summary>Mirrors <c>str.encode(encoding='utf-8', errors='strict')</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="encoding">The codec: <c>utf-8</c>, <c>ascii</c> or <c>latin-1</c> (and their aliases).</param>
    /// <param name="errors"><c>strict</c>, <c>replace</c> or <c>ignore</c>.</param>
    /// <exception cref="UnicodeEncodeError">A character the codec cannot encode with <c>errors="strict"</c> (for utf-8, a lone surrogate).</exception>
    /// <exception cref="LookupError">An unknown encoding or error handler.</exception>
    public static byte[] Encode(this string text, string encoding = "utf-8", string errors = "strict")
    {
        ArgumentNullException.ThrowIfNull(text);
        return PyCodecs.Encode(text, encoding, errors);
    }
}

/// <summary>CPython's utf-8, ascii and latin-1 codecs, with their error handling and messages, and <c>bytes</c> constructors.</summary>
internal static class PyCodecs
{
    private enum Codec { Utf8, Ascii, Latin1 }

    private static Codec Lookup(string encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        // encodings.normalize_encoding: case, '-' and ' ' do not matter.
        string name = encoding.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        return name switch
        {
            "utf_8" or "utf8" or "u8" or "utf" or "cp65001" => Codec.Utf8,
            "ascii" or "us_ascii" or "646" => Codec.Ascii,
            "latin_1" or "latin1" or "latin" or "l1" or "iso_8859_1" or "iso8859_1" or "8859" or "cp819" => Codec.Latin1,
            _ => throw new LookupError($"unknown encoding: {encoding}"),
        };
    }

    private static string Name(Codec codec) => codec switch
    {
        Codec.Utf8 => "utf-8",
        Codec.Ascii => "ascii",
        _ => "latin-1",
    };

    private static bool Replaces(string errors)
    {
        // true: replace, false: ignore; strict is handled by the callers before.
        return errors switch
        {
            "replace" => true,
            "ignore" => false,
            _ => throw new LookupError($"unknown error handler name '{errors}'"),
        };
    }

    public static string Decode(byte[] data, string encoding, string errors)
    {
        var codec = Lookup(encoding);
        if (codec == Codec.Latin1) return Encoding.Latin1.GetString(data);
        var sb = new StringBuilder(data.Length);
        int i = 0;
        while (i < data.Length)
        {
            byte b = data[i];
            if (b < 0x80) { sb.Append((char)b); i++; continue; }
            int end;
            string reason;
            if (codec == Codec.Ascii)
            {
                end = i + 1;
                reason = "ordinal not in range(128)";
            }
            else if (Utf8Sequence(data, i, out end, out reason) is int codePoint)
            {
                sb.Append(char.ConvertFromUtf32(codePoint));
                i = end;
                continue;
            }
            if (errors == "strict") throw new UnicodeDecodeError(Name(codec), data, i, end, reason);
            if (Replaces(errors)) sb.Append('\uFFFD');
            i = end;
        }
        return sb.ToString();
    }

    /// <summary>
    /// Decodes the UTF-8 sequence at <paramref name="start"/> (a byte from 0x80), or gives the end of its
    /// maximal invalid subpart and CPython's reason, as CPython's decoder reports them.
    /// </summary>
    private static int? Utf8Sequence(byte[] data, int start, out int end, out string reason)
    {
        byte b = data[start];
        int length;
        int low = 0x80, high = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) length = 2;
        else if (b >= 0xE0 && b <= 0xEF)
        {
            length = 3;
            if (b == 0xE0) low = 0xA0;
            else if (b == 0xED) high = 0x9F;
        }
        else if (b >= 0xF0 && b <= 0xF4)
        {
            length = 4;
            if (b == 0xF0) low = 0x90;
            else if (b == 0xF4) high = 0x8F;
        }
        else
        {
            end = start + 1;
            reason = "invalid start byte";
            return null;
        }
        int codePoint = b & (0xFF >> (length + 1));
        for (int k = 1; k < length; k++)
        {
            if (start + k >= data.Length)
            {
                end = data.Length;
                reason = "unexpected end of data";
                return null;
            }
            byte c = data[start + k];
            if (c < low || c > high)
            {
                end = start + k;
                reason = "invalid continuation byte";
                return null;
            }
            low = 0x80;
            high = 0xBF;
            codePoint = (codePoint << 6) | (c & 0x3F);
        }
        end = start + length;
        reason = "";
        return codePoint;
    }

    public static byte[] Encode(string text, string encoding, string errors)
    {
        var codec = Lookup(encoding);
        int limit = codec switch { Codec.Ascii => 0x80, Codec.Latin1 => 0x100, _ => int.MaxValue };
        var output = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        var codePoints = CodePoints(text);
        int i = 0;
        while (i < codePoints.Length)
        {
            int c = codePoints[i];
            bool surrogate = c >= 0xD800 && c <= 0xDFFF;
            if (c < limit && !surrogate)
            {
                if (codec == Codec.Utf8)
                {
                    int n = new Rune(c).EncodeToUtf8(utf8);
                    for (int k = 0; k < n; k++) output.Add(utf8[k]);
                }
                else
                {
                    output.Add((byte)c);
                }
                i++;
                continue;
            }
            // CPython reports the whole run of characters the codec cannot encode.
            int end = i + 1;
            while (end < codePoints.Length && (codePoints[end] >= limit || (codePoints[end] >= 0xD800 && codePoints[end] <= 0xDFFF))) end++;
            if (errors == "strict")
            {
                string reason = codec switch
                {
                    Codec.Ascii => "ordinal not in range(128)",
                    Codec.Latin1 => "ordinal not in range(256)",
                    _ => "surrogates not allowed",
                };
                throw new UnicodeEncodeError(Name(codec), text, i, end, reason);
            }
            if (Replaces(errors))
                for (int k = i; k < end; k++) output.Add((byte)'?');
            i = end;
        }
        return output.ToArray();
    }

    /// <summary>The text's code points as Python counts them: a surrogate pair is one, a lone surrogate is itself.</summary>
    public static int[] CodePoints(string text)
    {
        var result = new List<int>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Add(char.ConvertToUtf32(c, text[i + 1]));
                i++;
            }
            else
            {
                result.Add(c);
            }
        }
        return result.ToArray();
    }

    /// <summary>
    /// A <c>b'...'</c> literal: each char is one byte. Python's literal holds ASCII characters and escapes
    /// (<c>b'\xff'</c>); C#'s <c>"\xff"</c> is the char U+00FF, so chars up to U+00FF are taken as the byte
    /// of that value, and a char from U+0100 is a <see cref="ValueError"/> (<c>bytes must be in range(0, 256)</c>,
    /// Python's message for <c>bytes([256])</c>).
    /// </summary>
    public static byte[] BytesLiteral(string literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        var result = new byte[literal.Length];
        for (int i = 0; i < literal.Length; i++)
        {
            if (literal[i] > 0xFF) throw new ValueError("bytes must be in range(0, 256)");
            result[i] = (byte)literal[i];
        }
        return result;
    }

    /// <summary>Python's <c>bytes(n)</c>: <paramref name="count"/> zero bytes.</summary>
    public static byte[] Zeros(int count) => count < 0 ? throw new ValueError("negative count") : new byte[count];
}
