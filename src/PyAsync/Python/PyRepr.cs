using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace PyAsync;

/// <summary>
/// Implemented by an object whose Python <c>str()</c> differs from its <c>repr()</c> (its
/// <see cref="object.ToString"/>), as <c>asyncio.Queue</c>'s does: <see cref="Builtins.Str"/> and
/// <c>Print</c> use <see cref="Str"/>; a container's items are still shown by their repr.
/// </summary>
internal interface IPyStr
{
    /// <summary>Python's <c>str(x)</c>.</summary>
    string Str();
}

/// <summary>
/// Python's <c>str()</c> and <c>repr()</c> for the .NET values ports print: the formatting rules of
/// CPython's <c>object.__str__</c>/<c>__repr__</c> for None, bool, int, float, str, tuple, list, dict,
/// set and exceptions.
/// </summary>
internal static class PyRepr
{
    private const int MaxDepth = 64;

    public static string Str(object? value)
    {
        switch (value)
        {
            case string s: return s;
            case char c: return c.ToString();
            case Exception e: return ExceptionStr(e);
            case IPyStr p: return p.Str();
            default:
                var sb = new StringBuilder();
                Append(sb, value, repr: false, depth: 0);
                return sb.ToString();
        }
    }

    public static string Repr(object? value)
    {
        var sb = new StringBuilder();
        Append(sb, value, repr: true, depth: 0);
        return sb.ToString();
    }

    /// <summary>
    /// Python's <c>reprlib.repr</c> as asyncio uses it for a callback's arguments and a future's result:
    /// the repr, or <c>&lt;Name instance at 0x...&gt;</c> when the object's repr raises, so that a report
    /// of a user object never fails on it. (reprlib's size limits are not applied.)
    /// </summary>
    public static string LimitedRepr(object? value)
    {
        try
        {
            return Repr(value);
        }
        catch (Exception)
        {
            string name = PyTypes.NameOf(value!);
            name = name[(name.LastIndexOf('.') + 1)..];
            return $"<{name} instance at 0x{RuntimeHelpers.GetHashCode(value).ToString("x", CultureInfo.InvariantCulture)}>";
        }
    }

    /// <summary>Python's <c>str(e)</c>: derived from <c>args</c> for PyAsync's exceptions, the message otherwise.</summary>
    public static string ExceptionStr(Exception e) => e switch
    {
        // KeyError.__str__: the repr of a single argument (str(KeyError('a')) is "'a'").
        KeyError { Args.Count: 1 } k => Repr(k.Args[0]),
        // OSError's and UnicodeError's own __str__ ([Errno 111] Connection refused).
        IPyStr s => s.Str(),
        IPyException p and not ExceptionGroup => PyExceptionArgs.Message(p.Args),
        _ => e.Message,
    };

    /// <summary>Python's <c>repr(e)</c>: <c>ValueError('boom')</c>, <c>CancelledError()</c>.</summary>
    public static string ExceptionRepr(Exception e)
    {
        var sb = new StringBuilder(PyTypes.ExceptionName(e.GetType())).Append('(');
        if (e is IPyException p)
        {
            for (int i = 0; i < p.Args.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                Append(sb, p.Args[i], repr: true, depth: 1);
            }
        }
        else
        {
            AppendStringRepr(sb, e.Message);
        }
        return sb.Append(')').ToString();
    }

    private static void Append(StringBuilder sb, object? value, bool repr, int depth)
    {
        if (depth > MaxDepth) { sb.Append("..."); return; }
        switch (value)
        {
            case null: sb.Append("None"); return;
            case NoneType: sb.Append("None"); return;
            case bool b: sb.Append(b ? "True" : "False"); return;
            case string s: if (repr) AppendStringRepr(sb, s); else sb.Append(s); return;
            case char c: if (repr) AppendStringRepr(sb, c.ToString()); else sb.Append(c); return;
            case double d: sb.Append(FloatRepr(d)); return;
            case float f: sb.Append(FloatRepr(f)); return;
            case decimal m: sb.Append(m.ToString(CultureInfo.InvariantCulture)); return;
            // signal.Signals is an IntEnum: str() is the number (3.11), repr() '<Signals.SIGINT: 2>'.
            case Signal signal:
                sb.Append(repr ? $"<Signals.{signal}: {((int)signal).ToString(CultureInfo.InvariantCulture)}>" : ((int)signal).ToString(CultureInfo.InvariantCulture));
                return;
            case int or long or short or sbyte or byte or ushort or uint or ulong or nint or nuint or BigInteger or Int128 or UInt128:
                sb.Append(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture)); return;
            case Exception e: sb.Append(repr ? ExceptionRepr(e) : ExceptionStr(e)); return;
            // bytes: str(b) is repr(b) in Python (without -b), so both print b'...'.
            case byte[] bytes: AppendBytesRepr(sb, bytes); return;
            case IPyTuple t: AppendSequence(sb, t.Items, "(", t.Count == 1 ? ",)" : ")", depth); return;
            case ITuple t: AppendTuple(sb, t, depth); return;
            case IDictionary d: AppendDict(sb, d, depth); return;
            case not null when PyTypes.GeneratorKind(value) is { } generator:
                // <async_generator object Ticker at 0x7f...>: a generator is not iterated to print it.
                sb.Append('<').Append(generator).Append(" object ").Append(QualNames.OfStateMachine(value.GetType()))
                  .Append(" at 0x").Append(RuntimeHelpers.GetHashCode(value).ToString("x", CultureInfo.InvariantCulture)).Append('>');
                return;
            case IEnumerable e when PyTypes.IsSet(value):
                AppendSet(sb, e, depth); return;
            case IEnumerable e when PyTypes.IsMapping(value):
                AppendKeyValues(sb, e, depth); return;
            case IEnumerable e: AppendSequence(sb, e.Cast<object?>(), "[", "]", depth); return;
            default:
                var type = value.GetType();
                if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
                {
                    AppendKeyValuePair(sb, value, depth);
                    return;
                }
                sb.Append(value.ToString());
                return;
        }
    }

    private static void AppendSequence(StringBuilder sb, IEnumerable<object?> items, string open, string close, int depth)
    {
        sb.Append(open);
        bool first = true;
        foreach (var item in items)
        {
            if (!first) sb.Append(", ");
            first = false;
            Append(sb, item, repr: true, depth + 1);
        }
        sb.Append(close);
    }

    private static void AppendTuple(StringBuilder sb, ITuple t, int depth)
    {
        sb.Append('(');
        for (int i = 0; i < t.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            Append(sb, t[i], repr: true, depth + 1);
        }
        sb.Append(t.Length == 1 ? ",)" : ")");
    }

    private static void AppendDict(StringBuilder sb, IDictionary d, int depth)
    {
        sb.Append('{');
        bool first = true;
        foreach (DictionaryEntry entry in d)
        {
            if (!first) sb.Append(", ");
            first = false;
            Append(sb, entry.Key, repr: true, depth + 1);
            sb.Append(": ");
            Append(sb, entry.Value, repr: true, depth + 1);
        }
        sb.Append('}');
    }

    private static void AppendKeyValues(StringBuilder sb, IEnumerable pairs, int depth)
    {
        sb.Append('{');
        bool first = true;
        foreach (var pair in pairs)
        {
            if (!first) sb.Append(", ");
            first = false;
            var (key, value) = KeyValue(pair!);
            Append(sb, key, repr: true, depth + 1);
            sb.Append(": ");
            Append(sb, value, repr: true, depth + 1);
        }
        sb.Append('}');
    }

    private static void AppendKeyValuePair(StringBuilder sb, object pair, int depth)
    {
        var (key, value) = KeyValue(pair);
        sb.Append('(');
        Append(sb, key, repr: true, depth + 1);
        sb.Append(", ");
        Append(sb, value, repr: true, depth + 1);
        sb.Append(')');
    }

    /// <summary>The key and value of a boxed <see cref="KeyValuePair{TKey, TValue}"/> (checked by the callers).</summary>
    /// <remarks>
    /// Trimming: the properties are read by reflection on the pair's runtime type, which no annotation can
    /// follow from <see cref="object.GetType"/>. The <see cref="DynamicDependencyAttribute"/> keeps
    /// <c>Key</c> and <c>Value</c> of <see cref="KeyValuePair{TKey, TValue}"/>, the only type this is called
    /// with (every caller checks the generic type definition). tools/aot-example.sh checks the pairs'
    /// reprs on a NativeAOT publish.
    /// </remarks>
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(KeyValuePair<,>))]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification =
        "Only ever called with a KeyValuePair<,>, whose public properties the DynamicDependency keeps.")]
    private static (object? Key, object? Value) KeyValue(object pair)
    {
        var type = pair.GetType();
        return (type.GetProperty("Key")!.GetValue(pair), type.GetProperty("Value")!.GetValue(pair));
    }

    private static void AppendSet(StringBuilder sb, IEnumerable items, int depth)
    {
        var list = items.Cast<object?>().ToList();
        if (list.Count == 0) { sb.Append("set()"); return; }
        AppendSequence(sb, list, "{", "}", depth);
    }

    /// <summary>Python's string repr: single quotes unless the text has a single quote and no double quote.</summary>
    public static void AppendStringRepr(StringBuilder sb, string s)
    {
        char quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        sb.Append(quote);
        foreach (char c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote) sb.Append('\\').Append(c);
                    else if (c < 0x20 || c == 0x7f) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append(quote);
    }

    /// <summary>
    /// Python's <c>repr(bytes)</c>: <c>b'...'</c>, single quotes unless the data has a single quote and no
    /// double quote; <c>\t \n \r \\</c> and the quote escaped, other bytes below 0x20 or from 0x7f as <c>\xNN</c>.
    /// </summary>
    public static void AppendBytesRepr(StringBuilder sb, ReadOnlySpan<byte> data)
    {
        char quote = data.Contains((byte)'\'') && !data.Contains((byte)'"') ? '"' : '\'';
        sb.Append('b').Append(quote);
        foreach (byte b in data)
        {
            switch (b)
            {
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'\n': sb.Append("\\n"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                case (byte)'\t': sb.Append("\\t"); break;
                default:
                    if (b == quote) sb.Append('\\').Append((char)b);
                    else if (b < 0x20 || b >= 0x7f) sb.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append((char)b);
                    break;
            }
        }
        sb.Append(quote);
    }

    /// <summary>
    /// Python's <c>repr(float)</c>: the shortest digits that round-trip, in fixed notation when the
    /// decimal exponent is in [-4, 16), otherwise <c>1e+16</c> style; integral values keep <c>.0</c>.
    /// </summary>
    public static string FloatRepr(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsPositiveInfinity(d)) return "inf";
        if (double.IsNegativeInfinity(d)) return "-inf";
        if (d == 0) return double.IsNegative(d) ? "-0.0" : "0.0";

        bool negative = d < 0;
        var (digits, decpt) = PyFormat.Shortest(Math.Abs(d));

        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (decpt <= -4 || decpt > 16)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            int exp = decpt - 1;
            sb.Append('e').Append(exp < 0 ? '-' : '+').Append(Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (decpt <= 0)
        {
            sb.Append("0.").Append('0', -decpt).Append(digits);
        }
        else if (decpt >= digits.Length)
        {
            sb.Append(digits).Append('0', decpt - digits.Length).Append(".0");
        }
        else
        {
            sb.Append(digits, 0, decpt).Append('.').Append(digits, decpt, digits.Length - decpt);
        }
        return sb.ToString();
    }
}
