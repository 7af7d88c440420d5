using System.Globalization;
using System.Numerics;
using System.Text;

namespace PyAsync;

/// <summary>
/// Python's built-in <c>format(value, format_spec)</c>: the standard format specification
/// mini-language of CPython's <c>Python/formatter_unicode.c</c> for int, float, str and bool, and
/// <c>object.__format__</c> for everything else. Culture-invariant: the text is CPython's whatever
/// <see cref="CultureInfo.CurrentCulture"/> is.
/// </summary>
/// <remarks>
/// Floats are rounded half-even on their exact binary value, as CPython's <c>_Py_dg_dtoa</c> does
/// (<c>format(2.675, '.2f')</c> is <c>'2.67'</c>); the shortest round-trip digits (no type, no
/// precision) come from .NET's <c>"R"</c> format, which is also shortest round-trip.
/// </remarks>
internal static class PyFormat
{
    private struct Spec
    {
        public char Fill;
        public char Align; // '\0' when not given
        public char Sign;  // '\0', '+', '-', ' '
        public bool NoNegZero;
        public bool Alternate;
        public int Width;     // -1 when not given
        public char Grouping; // '\0', ',', '_'
        public long Precision; // -1 when not given
        public char Type;
    }

    public static string Format(object? value, string? spec)
    {
        spec ??= "";
        switch (value)
        {
            case null or NoneType:
                return ObjectFormat(value, "NoneType", spec);
            case bool b:
                if (spec.Length == 0) return b ? "True" : "False";
                return FormatInt(b ? BigInteger.One : BigInteger.Zero, spec, "bool");
            case string s:
                return FormatStr(s, spec);
            case char c:
                return FormatStr(c.ToString(), spec);
            case double d:
                return FormatFloat(d, spec);
            case float f:
                return FormatFloat(f, spec);
            case int or long or short or sbyte or byte or ushort or uint or ulong or nint or nuint or BigInteger or Int128 or UInt128:
                var big = value switch
                {
                    BigInteger v => v,
                    Int128 v => (BigInteger)v,
                    UInt128 v => (BigInteger)v,
                    ulong v => v,
                    nuint v => (ulong)v,
                    nint v => (long)v,
                    _ => (BigInteger)Convert.ToInt64(value, CultureInfo.InvariantCulture),
                };
                return FormatInt(big, spec, "int");
            default:
                string name = PyTypes.NameOf(value);
                return ObjectFormat(value, name[(name.LastIndexOf('.') + 1)..], spec);
        }
    }

    /// <summary><c>object.__format__</c>: <c>str(self)</c> for an empty spec, a TypeError otherwise.</summary>
    private static string ObjectFormat(object? value, string typeName, string spec)
    {
        if (spec.Length != 0) throw new TypeError($"unsupported format string passed to {typeName}.__format__");
        return PyRepr.Str(value);
    }

    // ------------------------------------------------------------------ parsing

    private static bool IsAlign(char c) => c is '<' or '>' or '=' or '^';

    /// <summary>CPython's <c>parse_internal_render_format_spec</c>.</summary>
    private static Spec Parse(string s, char defaultType, char defaultAlign, string typeName)
    {
        var f = new Spec { Fill = ' ', Align = defaultAlign, Width = -1, Precision = -1, Type = defaultType };
        bool fillSpecified = false, alignSpecified = false;
        int pos = 0, end = s.Length;
        if (end - pos >= 2 && IsAlign(s[pos + 1]))
        {
            f.Align = s[pos + 1];
            f.Fill = s[pos];
            fillSpecified = alignSpecified = true;
            pos += 2;
        }
        else if (end - pos >= 1 && IsAlign(s[pos]))
        {
            f.Align = s[pos];
            alignSpecified = true;
            pos++;
        }
        if (end - pos >= 1 && s[pos] is '+' or '-' or ' ') f.Sign = s[pos++];
        if (end - pos >= 1 && s[pos] == 'z') { f.NoNegZero = true; pos++; }
        if (end - pos >= 1 && s[pos] == '#') { f.Alternate = true; pos++; }
        if (!fillSpecified && end - pos >= 1 && s[pos] == '0')
        {
            f.Fill = '0';
            if (!alignSpecified && defaultAlign == '>') f.Align = '=';
            pos++;
        }
        if (GetInteger(s, ref pos, out long width) == 0) width = -1;
        // CPython would try to build the text and raise MemoryError.
        if (width > int.MaxValue) throw new OutOfMemoryException("format width too big");
        f.Width = (int)width;
        if (end - pos >= 1 && s[pos] == ',') { f.Grouping = ','; pos++; }
        if (end - pos >= 1 && s[pos] == '_')
        {
            if (f.Grouping != '\0') throw new ValueError("Cannot specify both ',' and '_'.");
            f.Grouping = '_';
            pos++;
        }
        if (end - pos >= 1 && s[pos] == ',' && f.Grouping == '_') throw new ValueError("Cannot specify both ',' and '_'.");
        if (end - pos >= 1 && s[pos] == '.')
        {
            pos++;
            if (GetInteger(s, ref pos, out long precision) == 0) throw new ValueError("Format specifier missing precision");
            f.Precision = precision;
        }
        if (end - pos > 1)
            throw new ValueError($"Invalid format specifier '{s}' for object of type '{typeName}'");
        if (end - pos == 1) f.Type = s[pos];
        if (f.Grouping != '\0')
        {
            switch (f.Type)
            {
                case 'd' or 'e' or 'f' or 'g' or 'E' or 'G' or '%' or 'F' or '\0':
                    break;
                case 'b' or 'o' or 'x' or 'X' when f.Grouping == '_':
                    break;
                default:
                    throw new ValueError(f.Type > 32 && f.Type < 128
                        ? $"Cannot specify '{f.Grouping}' with '{f.Type}'."
                        : $"Cannot specify '{f.Grouping}' with '\\x{(int)f.Type:x}'.");
            }
        }
        return f;
    }

    /// <summary>
    /// CPython's <c>get_integer</c>: "Too many decimal digits" past a Py_ssize_t (a 64-bit one).
    /// </summary>
    private static int GetInteger(string s, ref int pos, out long result)
    {
        long value = 0;
        int consumed = 0;
        while (pos < s.Length && s[pos] is >= '0' and <= '9')
        {
            int digit = s[pos] - '0';
            if (value > (long.MaxValue - digit) / 10) throw new ValueError("Too many decimal digits in format string");
            value = value * 10 + digit;
            pos++;
            consumed++;
        }
        result = value;
        return consumed;
    }

    private static ValueError UnknownType(char type, string typeName) => new(type > 32 && type < 128
        ? $"Unknown format code '{type}' for object of type '{typeName}'"
        : $"Unknown format code '\\x{(int)type:x}' for object of type '{typeName}'");

    // ------------------------------------------------------------------ str

    private static string FormatStr(string value, string spec)
    {
        if (spec.Length == 0) return value;
        var f = Parse(spec, 's', '<', "str");
        if (f.Type != 's') throw UnknownType(f.Type, "str");
        if (f.Sign != '\0') throw new ValueError(f.Sign == ' '
            ? "Space not allowed in string format specifier"
            : "Sign not allowed in string format specifier");
        if (f.NoNegZero) throw new ValueError("Negative zero coercion (z) not allowed in string format specifier");
        if (f.Alternate) throw new ValueError("Alternate form (#) not allowed in string format specifier");
        if (f.Align == '=') throw new ValueError("'=' alignment not allowed in string format specifier");
        // Python counts code points: a surrogate pair is one character.
        int length = CodePoints(value);
        if (f.Precision >= 0 && length > f.Precision)
        {
            value = TruncateCodePoints(value, (int)f.Precision);
            length = (int)f.Precision;
        }
        int padding = Math.Max(0, f.Width - length);
        return Pad(value, padding, f.Align, f.Fill);
    }

    private static int CodePoints(string s)
    {
        int n = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            n++;
        }
        return n;
    }

    private static string TruncateCodePoints(string s, int count)
    {
        int i = 0;
        for (int n = 0; n < count && i < s.Length; n++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            i++;
        }
        return s[..i];
    }

    private static string Pad(string body, int padding, char align, char fill)
    {
        if (padding <= 0) return body;
        int left = align switch { '>' => padding, '^' => padding / 2, _ => 0 };
        return new string(fill, left) + body + new string(fill, padding - left);
    }

    // ------------------------------------------------------------------ int

    private static string FormatInt(BigInteger value, string spec, string typeName)
    {
        if (spec.Length == 0) return value.ToString(CultureInfo.InvariantCulture);
        var f = Parse(spec, 'd', '>', typeName);
        switch (f.Type)
        {
            case 'b' or 'c' or 'd' or 'o' or 'x' or 'X' or 'n':
                break;
            case 'e' or 'E' or 'f' or 'F' or 'g' or 'G' or '%':
                return FormatFloat(ToDouble(value), f);
            default:
                throw UnknownType(f.Type, typeName);
        }
        if (f.Precision != -1) throw new ValueError("Precision not allowed in integer format specifier");
        if (f.NoNegZero) throw new ValueError("Negative zero coercion (z) not allowed in integer format specifier");
        if (f.Type == 'c')
        {
            if (f.Sign != '\0') throw new ValueError("Sign not allowed with integer format specifier 'c'");
            if (f.Alternate) throw new ValueError("Alternate form (#) not allowed with integer format specifier 'c'");
            if (value < long.MinValue || value > long.MaxValue) throw new OverflowException("Python int too large to convert to C long");
            if (value < 0 || value > 0x10ffff) throw new OverflowException("%c arg not in range(0x110000)");
            return Number(f, sign: '\0', prefix: "", digits: "", remainder: char.ConvertFromUtf32((int)value), grouping: 0);
        }
        bool negative = value.Sign < 0;
        var magnitude = BigInteger.Abs(value);
        string digits, prefix = "";
        int group = f.Grouping == '\0' ? 0 : 3;
        switch (f.Type)
        {
            case 'b': digits = ToBase(magnitude, 1); prefix = "0b"; group = f.Grouping == '\0' ? 0 : 4; break;
            case 'o': digits = ToBase(magnitude, 3); prefix = "0o"; group = f.Grouping == '\0' ? 0 : 4; break;
            case 'x': digits = ToBase(magnitude, 4); prefix = "0x"; group = f.Grouping == '\0' ? 0 : 4; break;
            case 'X': digits = ToBase(magnitude, 4).ToUpperInvariant(); prefix = "0X"; group = f.Grouping == '\0' ? 0 : 4; break;
            default: digits = magnitude.ToString(CultureInfo.InvariantCulture); break;
        }
        if (!f.Alternate) prefix = "";
        return Number(f, negative ? '-' : '\0', prefix, digits, remainder: "", group);
    }

    /// <summary>
    /// Python's <c>float(int)</c>: correctly rounded (half to even), which .NET's explicit conversion of a
    /// <see cref="BigInteger"/> is not (it truncates past 2^64).
    /// </summary>
    private static double ToDouble(BigInteger value)
    {
        var magnitude = BigInteger.Abs(value);
        long bitLength = (long)magnitude.GetBitLength();
        double d;
        if (bitLength <= 53)
        {
            d = (double)(long)magnitude;
        }
        else
        {
            int shift = (int)(bitLength - 53);
            var top = magnitude >> shift;
            var rest = magnitude - (top << shift);
            var half = BigInteger.One << (shift - 1);
            int c = rest.CompareTo(half);
            if (c > 0 || (c == 0 && !top.IsEven)) top += 1;
            if (bitLength > 1024 || (bitLength == 1024 && top.GetBitLength() > 53))
                throw new OverflowException("int too large to convert to float");
            d = Math.ScaleB((double)(long)top, shift);
        }
        return value.Sign < 0 ? -d : d;
    }

    /// <summary>The digits of <paramref name="value"/> (not negative) in base 2^<paramref name="bits"/>.</summary>
    private static string ToBase(BigInteger value, int bits)
    {
        if (value.IsZero) return "0";
        var sb = new StringBuilder();
        int mask = (1 << bits) - 1;
        while (!value.IsZero)
        {
            sb.Insert(0, "0123456789abcdef"[(int)(value & mask)]);
            value >>= bits;
        }
        return sb.ToString();
    }

    /// <summary>
    /// CPython's <c>calc_number_widths</c> and <c>fill_number</c>: sign, prefix, the integer digits
    /// grouped (and zero padded when the fill is '0' with '=' alignment), the remainder (decimal point,
    /// fraction, exponent, '%'), then the padding.
    /// </summary>
    private static string Number(Spec f, char sign, string prefix, string digits, string remainder, int grouping)
    {
        char signChar = f.Sign switch
        {
            '+' => sign == '-' ? '-' : '+',
            ' ' => sign == '-' ? '-' : ' ',
            _ => sign == '-' ? '-' : '\0',
        };
        int nSign = signChar == '\0' ? 0 : 1;
        int minWidth = f.Fill == '0' && f.Align == '=' ? f.Width - (nSign + prefix.Length + remainder.Length) : 0;
        string grouped = digits.Length == 0 ? "" : Group(digits, minWidth, grouping, f.Grouping);
        var body = new StringBuilder();
        int total = nSign + prefix.Length + grouped.Length + remainder.Length;
        int padding = Math.Max(0, f.Width - total);
        int left = f.Align switch { '>' => padding, '^' => padding / 2, _ => 0 };
        int right = f.Align is '<' or '^' ? padding - left : 0;
        int inner = f.Align == '=' ? padding : 0;
        body.Append(f.Fill, left);
        if (nSign != 0) body.Append(signChar);
        body.Append(prefix);
        body.Append(f.Fill, inner);
        body.Append(grouped).Append(remainder);
        body.Append(f.Fill, right);
        return body.ToString();
    }

    /// <summary>CPython's <c>_PyUnicode_InsertThousandsGrouping</c> with a repeating group size (0: none).</summary>
    private static string Group(string digits, int minWidth, int size, char separator)
    {
        if (size == 0)
            return digits.Length >= minWidth ? digits : new string('0', minWidth - digits.Length) + digits;
        var parts = new List<string>();
        int remaining = digits.Length;
        while (true)
        {
            int l = Math.Min(size, Math.Max(Math.Max(remaining, minWidth), 1));
            int zeros = Math.Max(0, l - remaining);
            int chars = Math.Max(0, Math.Min(remaining, l));
            parts.Add(new string('0', zeros) + digits.Substring(remaining - chars, chars));
            remaining -= chars;
            minWidth -= l;
            if (remaining <= 0 && minWidth <= 0) break;
            minWidth -= 1;
        }
        parts.Reverse();
        return string.Join(separator, parts);
    }

    // ------------------------------------------------------------------ float

    private static string FormatFloat(double value, string spec)
    {
        if (spec.Length == 0) return PyRepr.FloatRepr(value);
        return FormatFloat(value, Parse(spec, '\0', '>', "float"));
    }

    /// <summary>CPython's <c>format_float_internal</c>.</summary>
    private static string FormatFloat(double value, Spec f)
    {
        char type = f.Type;
        switch (type)
        {
            case '\0' or 'e' or 'E' or 'f' or 'F' or 'g' or 'G' or 'n' or '%':
                break;
            default:
                throw UnknownType(type, "float");
        }
        if (f.Precision > int.MaxValue) throw new ValueError("precision too big");
        int precision = (int)f.Precision;
        bool addDot0 = false;
        int defaultPrecision = 6;
        if (type == '\0')
        {
            addDot0 = true;
            type = 'r';
            defaultPrecision = 0;
        }
        if (type == 'n') type = 'g';
        bool percent = false;
        if (type == '%')
        {
            type = 'f';
            value *= 100;
            percent = true;
        }
        if (precision < 0) precision = defaultPrecision;
        else if (type == 'r') type = 'g';

        string text = DoubleToString(value, type, precision, addDot0, f.Alternate, f.NoNegZero);
        if (percent) text += "%";

        char sign = '\0';
        int index = 0;
        if (text[0] == '-') { sign = '-'; index = 1; }
        int digitsEnd = index;
        while (digitsEnd < text.Length && char.IsAsciiDigit(text[digitsEnd])) digitsEnd++;
        string digits = text[index..digitsEnd];
        string remainder = text[digitsEnd..];
        return Number(f, sign, "", digits, remainder, f.Grouping == '\0' ? 0 : 3);
    }

    /// <summary>CPython's <c>PyOS_double_to_string</c> and <c>format_float_short</c>.</summary>
    private static string DoubleToString(double d, char formatCode, int precision, bool addDot0, bool alt, bool noNegZero)
    {
        bool upper = false;
        int mode;
        switch (formatCode)
        {
            case 'E': upper = true; formatCode = 'e'; mode = 2; precision++; break;
            case 'e': mode = 2; precision++; break;
            case 'F': upper = true; formatCode = 'f'; mode = 3; break;
            case 'f': mode = 3; break;
            case 'G': upper = true; formatCode = 'g'; mode = 2; if (precision == 0) precision = 1; break;
            case 'g': mode = 2; if (precision == 0) precision = 1; break;
            default: mode = 0; break; // 'r'
        }

        bool negative = double.IsNegative(d);
        if (double.IsNaN(d)) return upper ? "NAN" : "nan";
        if (double.IsInfinity(d)) return (negative ? "-" : "") + (upper ? "INF" : "inf");

        var (digits, decpt) = Digits(Math.Abs(d), mode, precision);
        if (noNegZero && negative && (digits.Length == 0 || digits == "0")) negative = false;

        int digitsLen = digits.Length;
        int vdigitsEnd = digitsLen;
        bool useExp = false;
        switch (formatCode)
        {
            case 'e':
                useExp = true;
                vdigitsEnd = precision;
                break;
            case 'f':
                vdigitsEnd = decpt + precision;
                break;
            case 'g':
                if (decpt <= -4 || decpt > (addDot0 ? precision - 1 : precision)) useExp = true;
                if (alt) vdigitsEnd = precision;
                break;
            default:
                if (decpt <= -4 || decpt > 16) useExp = true;
                break;
        }
        int exp = 0;
        if (useExp)
        {
            exp = decpt - 1;
            decpt = 1;
        }
        int vdigitsStart = decpt <= 0 ? decpt - 1 : 0;
        if (!useExp && addDot0) vdigitsEnd = Math.Max(vdigitsEnd, decpt + 1);
        else vdigitsEnd = Math.Max(vdigitsEnd, decpt);

        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (decpt <= 0)
        {
            sb.Append('0', decpt - vdigitsStart).Append('.').Append('0', -decpt);
        }
        else
        {
            sb.Append('0', -vdigitsStart);
        }
        if (0 < decpt && decpt <= digitsLen)
        {
            sb.Append(digits, 0, decpt).Append('.').Append(digits, decpt, digitsLen - decpt);
        }
        else
        {
            sb.Append(digits);
        }
        if (digitsLen < decpt)
        {
            sb.Append('0', decpt - digitsLen).Append('.').Append('0', vdigitsEnd - decpt);
        }
        else
        {
            sb.Append('0', vdigitsEnd - digitsLen);
        }
        if (sb[^1] == '.' && !alt) sb.Length--;
        if (useExp)
        {
            sb.Append(upper ? 'E' : 'e').Append(exp < 0 ? '-' : '+')
              .Append(Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>
    /// The decimal digits of <paramref name="d"/> (finite, not negative) as CPython's <c>_Py_dg_dtoa</c>
    /// returns them, trailing zeros stripped, with the decimal point's position: mode 0 the shortest
    /// round-trip digits, mode 2 <paramref name="ndigits"/> significant digits, mode 3
    /// <paramref name="ndigits"/> digits after the point; both rounded half-even on the exact value.
    /// Zero is <c>("0", 1)</c>; a mode-3 result that rounds to zero is <c>("", -ndigits)</c>.
    /// </summary>
    private static (string Digits, int Decpt) Digits(double d, int mode, int ndigits)
    {
        if (d == 0) return ("0", 1);
        if (mode == 0) return Shortest(d);

        long bits = BitConverter.DoubleToInt64Bits(d);
        int biased = (int)((bits >> 52) & 0x7ff);
        long fraction = bits & 0xfffffffffffffL;
        BigInteger mantissa = biased == 0 ? fraction : fraction | (1L << 52);
        int e2 = biased == 0 ? -1074 : biased - 1075;
        // d == mantissa * 2^e2 exactly.

        if (mode == 3)
        {
            var n = RoundScaled(mantissa, e2, ndigits);
            if (n.IsZero) return ("", -ndigits);
            string s = n.ToString(CultureInfo.InvariantCulture);
            int decpt = s.Length - ndigits;
            return (s.TrimEnd('0'), decpt);
        }

        // mode 2: ndigits significant digits. x = floor(log10(d)), corrected exactly.
        int x = (int)Math.Floor(Math.Log10(d));
        while (CompareWithPowerOf10(mantissa, e2, x) < 0) x--;
        while (CompareWithPowerOf10(mantissa, e2, x + 1) >= 0) x++;
        var m = RoundScaled(mantissa, e2, ndigits - 1 - x);
        if (m == BigInteger.Pow(10, ndigits))
        {
            m /= 10;
            x++;
        }
        return (m.ToString(CultureInfo.InvariantCulture).TrimEnd('0'), x + 1);
    }

    /// <summary>round(mantissa * 2^e2 * 10^k), half to even, exactly.</summary>
    private static BigInteger RoundScaled(BigInteger mantissa, int e2, int k)
    {
        BigInteger num = mantissa, den = BigInteger.One;
        if (e2 >= 0) num <<= e2; else den <<= -e2;
        if (k >= 0) num *= BigInteger.Pow(10, k); else den *= BigInteger.Pow(10, -k);
        var q = BigInteger.DivRem(num, den, out var r);
        int c = (r * 2).CompareTo(den);
        if (c > 0 || (c == 0 && !q.IsEven)) q += 1;
        return q;
    }

    /// <summary>The sign of mantissa * 2^e2 - 10^p.</summary>
    private static int CompareWithPowerOf10(BigInteger mantissa, int e2, int p)
    {
        BigInteger left = mantissa, right = BigInteger.One;
        if (e2 >= 0) left <<= e2; else right <<= -e2;
        if (p >= 0) right *= BigInteger.Pow(10, p); else left *= BigInteger.Pow(10, -p);
        return left.CompareTo(right);
    }

    /// <summary>
    /// The shortest round-trip digits of <paramref name="d"/> (positive, finite) and the decimal point's
    /// position: what CPython's <c>repr(float)</c> starts from (<see cref="PyRepr"/> lays them out too).
    /// </summary>
    internal static (string Digits, int Decpt) Shortest(double d)
    {
        string r = d.ToString("R", CultureInfo.InvariantCulture);
        int exponent = 0;
        int e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }
        int dot = r.IndexOf('.');
        string intPart = dot >= 0 ? r[..dot] : r;
        string digits = intPart + (dot >= 0 ? r[(dot + 1)..] : "");
        int decpt = intPart.Length + exponent;
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') lead++;
        digits = digits[lead..];
        decpt -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        return (digits, decpt);
    }
}
