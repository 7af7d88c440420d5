using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// Python's comparison operators <c>a &lt; b</c> and <c>a == b</c> (the builtins' <c>operator.lt</c>
/// and <c>operator.eq</c>) on .NET values, as <c>heapq</c> and <c>PriorityQueue</c> use them.
/// </summary>
/// <remarks>
/// <para>The rules, following CPython's rich comparison of the builtin types:</para>
/// <list type="bullet">
/// <item>Numbers (<c>int</c>, <c>long</c>, the other integer types, <see cref="BigInteger"/>,
/// <see cref="Int128"/>, <c>double</c>, <c>float</c>, <c>decimal</c>, and <c>bool</c> as 0 or 1) compare
/// by value across types, exactly (<c>2**53 + 1 &gt; 2.0**53</c>, as in Python); NaN is neither less than
/// nor equal to anything.</item>
/// <item>Strings (and <c>char</c>, a one-character <c>str</c>) compare by code point, as Python's
/// <c>str</c> does (not by UTF-16 code unit, not by culture).</item>
/// <item>Tuples (any <see cref="ITuple"/>: C# value tuples of any arity, <see cref="Tuple{T1}"/>, and
/// <see cref="PyTuple"/>) compare lexicographically as Python's do: the first position whose items are
/// not <c>==</c> (identical objects are equal without asking) decides with <c>&lt;</c>; if there is none,
/// the shorter tuple is less. Lists (an <see cref="IList"/> that is not a tuple or string) likewise, with lists.</item>
/// <item>Other values of one .NET type compare with <see cref="IComparable{T}"/> or <see cref="IComparable"/>
/// (then the reflected <c>b &gt; a</c>, as Python tries <c>b.__gt__(a)</c>).</item>
/// <item>Anything else, <c>None</c> included, raises <see cref="TypeError"/> with CPython's message,
/// <c>'&lt;' not supported between instances of 'Job' and 'Job'</c>, naming the types as Python would
/// (<c>int</c>, <c>str</c>, <c>tuple</c>, <c>dict</c>, <c>NoneType</c>, or the class name).</item>
/// </list>
/// <para><c>==</c> never raises: values of unrelated kinds are unequal; numbers, strings, tuples and lists
/// compare by value as above; other values by <see cref="object.Equals(object?)"/> (reference identity
/// for a class that does not override it, as for a Python class without <c>__eq__</c>; value equality for
/// records, as for a dataclass).</para>
/// <para>Differences from CPython: an item of a C# value tuple is a fresh value, never "the same object"
/// as another, so a tuple holding NaN is never equal to itself (CPython's <c>(x, 1) &lt; (x, 2)</c> with
/// <c>x = float('nan')</c> is <c>True</c> by identity; here it is <c>False</c>); <c>decimal</c> against
/// <c>double</c> converts the double to decimal (rounded to 28 digits) where Python compares exactly.</para>
/// </remarks>
public static class PyOperators
{
    /// <summary>Python's <c>a &lt; b</c>.</summary>
    /// <exception cref="TypeError">Python would raise it: <c>'&lt;' not supported between instances of 'X' and 'Y'</c>.</exception>
    public static bool LessThan(object? a, object? b)
    {
        switch (Order(a, b))
        {
            case Ordering.Less: return true;
            case Ordering.Unsupported: throw NotSupported("<", a, b);
            default: return false;
        }
    }

    /// <summary>Python's <c>a == b</c>; it never raises.</summary>
    public static bool Equal(object? a, object? b)
    {
        if (a is null or NoneType || b is null or NoneType) return a is null or NoneType && b is null or NoneType;
        if (Numbers.TryGet(a, out var x))
            return Numbers.TryGet(b, out var y) && Numbers.Compare(x, y) == Ordering.Equal;
        if (TryText(a, out var s))
            return TryText(b, out var t) && string.Equals(s, t, StringComparison.Ordinal);
        if (AsTuple(a) is { } ta)
            return AsTuple(b) is { } tb && SequenceEqual(ta, tb);
        if (AsList(a) is { } la)
            return AsList(b) is { } lb && SequenceEqual(new ListItems(la), new ListItems(lb));
        return a.Equals(b);
    }

    /// <summary>The <c>==</c> Python's containers use between items: identical objects are equal without asking (<c>PyObject_RichCompareBool</c>).</summary>
    internal static bool ItemEqual(object? a, object? b) =>
        a is not null && ReferenceEquals(a, b) && !a.GetType().IsValueType || Equal(a, b);

    /// <summary>CPython's <c>TypeError</c> for an unsupported comparison.</summary>
    internal static TypeError NotSupported(string op, object? a, object? b) =>
        new($"'{op}' not supported between instances of '{TypeName(a)}' and '{TypeName(b)}'");

    /// <summary>The type's name as CPython's comparison errors show it (<c>tp_name</c>).</summary>
    internal static string TypeName(object? value)
    {
        if (value is null or NoneType) return "NoneType";
        if (value.GetType() == typeof(object)) return "object";
        string qualified = PyTypes.NameOf(value);
        // C types keep their module in tp_name (_asyncio.Task, decimal.Decimal); classes do not.
        if (qualified.StartsWith("decimal.", StringComparison.Ordinal) ||
            qualified.StartsWith('_') && !qualified.StartsWith("__main__.", StringComparison.Ordinal)) return qualified;
        int dot = qualified.LastIndexOf('.');
        return dot < 0 ? qualified : qualified[(dot + 1)..];
    }

    private static Ordering Order(object? a, object? b)
    {
        if (a is null or NoneType || b is null or NoneType) return Ordering.Unsupported;
        if (Numbers.TryGet(a, out var x))
            return Numbers.TryGet(b, out var y) ? Numbers.Compare(x, y) : Reflected(a, b);
        if (TryText(a, out var s))
            return TryText(b, out var t) ? TextOrder(s, t) : Reflected(a, b);
        if (AsTuple(a) is { } ta)
            return AsTuple(b) is { } tb ? SequenceOrder(ta, tb) : Ordering.Unsupported;
        if (AsList(a) is { } la)
            return AsList(b) is { } lb ? SequenceOrder(new ListItems(la), new ListItems(lb)) : Ordering.Unsupported;
        return ComparableOrder(a, b);
    }

    // a's kind cannot compare with b; Python then tries b.__gt__(a), which for the builtins gives nothing either.
    private static Ordering Reflected(object a, object b) => ComparableOrder(b, a) switch
    {
        Ordering.Less => Ordering.Greater,
        Ordering.Greater => Ordering.Less,
        var o => o,
    };

    private static Ordering ComparableOrder(object a, object b)
    {
        if (Comparables.TryCompare(a, b, out int c)) return c < 0 ? Ordering.Less : c > 0 ? Ordering.Greater : Ordering.Equal;
        if (Comparables.TryCompare(b, a, out c)) return c > 0 ? Ordering.Less : c < 0 ? Ordering.Greater : Ordering.Equal;
        return Ordering.Unsupported;
    }

    private static bool TryText(object value, out string text)
    {
        switch (value)
        {
            case string s: text = s; return true;
            case char c: text = c.ToString(); return true;
            default: text = ""; return false;
        }
    }

    /// <summary>Strings in code point order: UTF-16 order except that surrogates (U+D800..U+DFFF) sort after U+E000..U+FFFF.</summary>
    internal static Ordering TextOrder(string s, string t)
    {
        int common = s.AsSpan().CommonPrefixLength(t);
        if (common == s.Length || common == t.Length)
            return s.Length < t.Length ? Ordering.Less : s.Length > t.Length ? Ordering.Greater : Ordering.Equal;
        int c = CodePointKey(s[common]), d = CodePointKey(t[common]);
        return c < d ? Ordering.Less : Ordering.Greater;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int CodePointKey(char c) => c >= 0xD800 ? (c >= 0xE000 ? c - 0x800 : c + 0x2000) : c;

    private interface IItems
    {
        int Count { get; }

        object? this[int index] { get; }
    }

    private readonly struct TupleItems(ITuple tuple) : IItems
    {
        public int Count => tuple.Length;

        public object? this[int index] => tuple[index];
    }

    private readonly struct PyTupleItems(IReadOnlyList<object?> tuple) : IItems
    {
        public int Count => tuple.Count;

        public object? this[int index] => tuple[index];
    }

    private readonly struct ListItems(IList list) : IItems
    {
        public int Count => list.Count;

        public object? this[int index] => list[index];
    }

    private sealed class BoxedItems(IPyTuple tuple) : IItems
    {
        private readonly object?[] _items = [.. tuple.Items];

        public int Count => _items.Length;

        public object? this[int index] => _items[index];
    }

    private static IItems? AsTuple(object value) => value switch
    {
        PyTuple p => new PyTupleItems(p),
        IPyTuple p => new BoxedItems(p),
        ITuple t => new TupleItems(t),
        _ => null,
    };

    private static IList? AsList(object value) =>
        value is IList list && value is not string && value is not ITuple && value is not IPyTuple && value is not IDictionary ? list : null;

    private static bool SequenceEqual<TItems>(TItems a, TItems b) where TItems : IItems
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
        {
            if (!ItemEqual(a[i], b[i])) return false;
        }
        return true;
    }

    private static bool SequenceEqual(IItems a, IItems b) => SequenceEqual<IItems>(a, b);

    private static Ordering SequenceOrder<TItems>(TItems a, TItems b) where TItems : IItems
    {
        // CPython's tuplerichcompare / list_richcompare: find the first items that are not ==, then
        // compare those with the operator itself; if there are none, compare the lengths.
        int i = 0;
        int n = Math.Min(a.Count, b.Count);
        while (i < n && ItemEqual(a[i], b[i])) i++;
        if (i >= n) return a.Count < b.Count ? Ordering.Less : a.Count > b.Count ? Ordering.Greater : Ordering.Equal;
        if (LessThan(a[i], b[i])) return Ordering.Less;
        return Ordering.Greater;
    }

    private static Ordering SequenceOrder(IItems a, IItems b) => SequenceOrder<IItems>(a, b);

    /// <summary>How two values compare; <see cref="Unsupported"/> where Python raises <c>TypeError</c>.</summary>
    internal enum Ordering
    {
        Less,
        Equal,
        Greater,
        Unordered,
        Unsupported,
    }

    /// <summary>Python's numeric tower over .NET's number types: exact comparisons across kinds.</summary>
    private static class Numbers
    {
        internal enum Kind : byte { Integer, Big, Float, Decimal }

        internal readonly struct Number(Kind kind, Int128 integer = default, BigInteger big = default, double real = 0, decimal dec = 0)
        {
            public Kind Kind { get; } = kind;
            public Int128 Integer { get; } = integer;
            public BigInteger Big { get; } = big;
            public double Real { get; } = real;
            public decimal Decimal { get; } = dec;
        }

        public static bool TryGet(object value, out Number n)
        {
            switch (value)
            {
                case int v: n = new(Kind.Integer, v); return true;
                case long v: n = new(Kind.Integer, v); return true;
                case double v: n = new(Kind.Float, real: v); return true;
                case bool v: n = new(Kind.Integer, v ? 1 : 0); return true;
                case float v: n = new(Kind.Float, real: v); return true;
                case decimal v: n = new(Kind.Decimal, dec: v); return true;
                case short v: n = new(Kind.Integer, v); return true;
                case sbyte v: n = new(Kind.Integer, v); return true;
                case byte v: n = new(Kind.Integer, v); return true;
                case ushort v: n = new(Kind.Integer, v); return true;
                case uint v: n = new(Kind.Integer, v); return true;
                case ulong v: n = new(Kind.Integer, v); return true;
                case nint v: n = new(Kind.Integer, v); return true;
                case nuint v: n = new(Kind.Integer, v); return true;
                case Int128 v: n = new(Kind.Integer, v); return true;
                case UInt128 v: n = new(Kind.Big, big: v); return true;
                case BigInteger v: n = new(Kind.Big, big: v); return true;
                default: n = default; return false;
            }
        }

        public static Ordering Compare(Number x, Number y)
        {
            if (x.Kind == Kind.Integer && y.Kind == Kind.Integer) return Sign(x.Integer.CompareTo(y.Integer));
            if (x.Kind == Kind.Float && y.Kind == Kind.Float)
            {
                if (double.IsNaN(x.Real) || double.IsNaN(y.Real)) return Ordering.Unordered;
                return x.Real < y.Real ? Ordering.Less : x.Real > y.Real ? Ordering.Greater : Ordering.Equal;
            }
            if (x.Kind == Kind.Float) return Flip(CompareWithFloat(y, x.Real));
            if (y.Kind == Kind.Float) return CompareWithFloat(x, y.Real);
            if (x.Kind == Kind.Decimal || y.Kind == Kind.Decimal)
            {
                // decimal against an integer: exact while the integer fits a decimal (96 bits), else by magnitude.
                if (x.Kind == Kind.Decimal && y.Kind == Kind.Decimal) return Sign(x.Decimal.CompareTo(y.Decimal));
                if (x.Kind == Kind.Decimal) return Flip(CompareIntegerWithDecimal(ToBig(y), x.Decimal));
                return CompareIntegerWithDecimal(ToBig(x), y.Decimal);
            }
            return Sign(ToBig(x).CompareTo(ToBig(y)));
        }

        private static BigInteger ToBig(Number n) => n.Kind == Kind.Big ? n.Big : (BigInteger)n.Integer;

        private static Ordering CompareIntegerWithDecimal(BigInteger i, decimal d)
        {
            var truncated = decimal.Truncate(d);
            int c = i.CompareTo(new BigInteger(truncated));
            if (c != 0) return Sign(c);
            var fraction = d - truncated;
            return fraction > 0 ? Ordering.Less : fraction < 0 ? Ordering.Greater : Ordering.Equal;
        }

        /// <summary>An integer or decimal <paramref name="x"/> against the float <paramref name="d"/>, exactly (CPython's float_richcompare).</summary>
        private static Ordering CompareWithFloat(Number x, double d)
        {
            if (double.IsNaN(d)) return Ordering.Unordered;
            if (double.IsPositiveInfinity(d)) return Ordering.Less;
            if (double.IsNegativeInfinity(d)) return Ordering.Greater;
            if (x.Kind == Kind.Decimal)
            {
                if (Math.Abs(d) >= 7.9228162514264338e28) return d > 0 ? Ordering.Less : Ordering.Greater;
                return Sign(x.Decimal.CompareTo((decimal)d));
            }
            double truncated = Math.Truncate(d);
            var whole = new BigInteger(truncated); // exact: an integral double
            int c = ToBig(x).CompareTo(whole);
            if (c != 0) return Sign(c);
            double fraction = d - truncated;
            return fraction > 0 ? Ordering.Less : fraction < 0 ? Ordering.Greater : Ordering.Equal;
        }

        private static Ordering Sign(int c) => c < 0 ? Ordering.Less : c > 0 ? Ordering.Greater : Ordering.Equal;

        private static Ordering Flip(Ordering o) => o switch
        {
            Ordering.Less => Ordering.Greater,
            Ordering.Greater => Ordering.Less,
            _ => o,
        };
    }

    /// <summary>.NET's own ordering for other values: <see cref="IComparable{T}"/>, then <see cref="IComparable"/>.</summary>
    private static class Comparables
    {
        private static readonly ConcurrentDictionary<(Type, Type), Func<object, object, int>?> s_comparers = new();

        /// <summary><paramref name="a"/>'s comparison with <paramref name="b"/>, if <paramref name="a"/>'s type defines one that accepts <paramref name="b"/>.</summary>
        public static bool TryCompare(object a, object b, out int result)
        {
            var comparer = s_comparers.GetOrAdd((a.GetType(), b.GetType()), static k => Find(k.Item1, k.Item2));
            if (comparer is null)
            {
                result = 0;
                return false;
            }
            result = comparer(a, b);
            return true;
        }

        [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Guarded by RuntimeFeature.IsDynamicCodeSupported, which the analyzer of .NET 9 and later recognizes as such; the net8.0 build's analyzer does not.")]
        private static Func<object, object, int>? Find(Type a, Type b)
        {
            // IComparable<X> where b is an X: the most derived such X first (the type's own). Calling it
            // needs code made for X at run time, which NativeAOT cannot do: there, only IComparable is
            // used (ports reach IComparable<T> through PyComparer<T>, where T is known; see PyComparer).
            if (RuntimeFeature.IsDynamicCodeSupported && GenericComparer(a, b) is { } generic) return generic;
            if (typeof(IComparable).IsAssignableFrom(a) && a.IsAssignableFrom(b))
                return static (x, y) => ((IComparable)x).CompareTo(y);
            return null;
        }

        // Trimming: the IComparable<X> looked for is one the program uses (its CompareTo is the port's
        // way to compare; Typed<X> casts to it), on the type of an instance (see PyTypes.Implements).
        [RequiresDynamicCode("Instantiates Typed<X> for the X of the type's IComparable<X>.")]
        [UnconditionalSuppressMessage("Trimming", "IL2070", Justification =
            "Looks only for IComparable<>, which the program uses, on the type of an instance: trimmers keep such implementations (see PyTypes.Implements).")]
        private static Func<object, object, int>? GenericComparer(Type a, Type b)
        {
            foreach (var i in a.GetInterfaces())
            {
                if (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IComparable<>) && i.GetGenericArguments()[0].IsAssignableFrom(b))
                {
                    var typed = typeof(Comparables).GetMethod(nameof(Typed), BindingFlags.NonPublic | BindingFlags.Static)!;
                    return (Func<object, object, int>)typed.MakeGenericMethod(i.GetGenericArguments()[0]).Invoke(null, null)!;
                }
            }
            return null;
        }

        private static Func<object, object, int> Typed<T>() => static (x, y) => ((IComparable<T>)x).CompareTo((T)y);
    }
}

/// <summary>
/// <see cref="PyOperators.LessThan"/> and <c>==</c> for values of a static type <typeparamref name="T"/>,
/// without boxing where the type allows it: numbers and strings directly, value tuples of two and three
/// items item by item; other types through <see cref="PyOperators"/>. What <c>heapq</c> compares with.
/// </summary>
internal static class PyComparer<T>
{
    /// <summary>Python's <c>a &lt; b</c>.</summary>
    public static readonly Func<T, T, bool> LessThan = CreateLessThan();

    /// <summary>Python's <c>a == b</c> between two items of a container (identical objects are equal).</summary>
    public static readonly Func<T, T, bool> ItemEqual = CreateItemEqual();

    private static Func<T, T, bool> CreateLessThan()
    {
        object f = typeof(T) switch
        {
            var t when t == typeof(int) => (Func<int, int, bool>)(static (a, b) => a < b),
            var t when t == typeof(long) => (Func<long, long, bool>)(static (a, b) => a < b),
            var t when t == typeof(double) => (Func<double, double, bool>)(static (a, b) => a < b),
            var t when t == typeof(float) => (Func<float, float, bool>)(static (a, b) => a < b),
            var t when t == typeof(decimal) => (Func<decimal, decimal, bool>)(static (a, b) => a < b),
            var t when t == typeof(bool) => (Func<bool, bool, bool>)(static (a, b) => !a && b),
            var t when t == typeof(string) => (Func<string?, string?, bool>)(static (a, b) =>
                a is null || b is null ? PyOperators.LessThan(a, b) : PyOperators.TextOrder(a, b) == PyOperators.Ordering.Less),
            var t when TupleComparer(t, "LessThan") is { } typed => typed,
            // A class of the port's own with IComparable<T> (Python's __lt__): its CompareTo, called
            // statically, which also works under NativeAOT (see Comparables.Find).
            var t when OwnComparable(t) => (Func<T, T, bool>)(static (a, b) =>
                ExactlyT(a, b) ? Comparer<T>.Default.Compare(a, b) < 0 : PyOperators.LessThan(a, b)),
            _ => (Func<T, T, bool>)(static (a, b) => PyOperators.LessThan(a, b)),
        };
        return (Func<T, T, bool>)f;
    }

    private static Func<T, T, bool> CreateItemEqual()
    {
        object f = typeof(T) switch
        {
            var t when t == typeof(int) => (Func<int, int, bool>)(static (a, b) => a == b),
            var t when t == typeof(long) => (Func<long, long, bool>)(static (a, b) => a == b),
            var t when t == typeof(double) => (Func<double, double, bool>)(static (a, b) => a == b),
            var t when t == typeof(float) => (Func<float, float, bool>)(static (a, b) => a == b),
            var t when t == typeof(decimal) => (Func<decimal, decimal, bool>)(static (a, b) => a == b),
            var t when t == typeof(bool) => (Func<bool, bool, bool>)(static (a, b) => a == b),
            var t when t == typeof(string) => (Func<string?, string?, bool>)(static (a, b) =>
                a is null || b is null ? PyOperators.Equal(a, b) : string.Equals(a, b, StringComparison.Ordinal)),
            var t when TupleComparer(t, "ItemEqual") is { } typed => typed,
            _ => (Func<T, T, bool>)(static (a, b) => PyOperators.ItemEqual(a, b)),
        };
        return (Func<T, T, bool>)f;
    }

    /// <summary>
    /// Whether two values of <typeparamref name="T"/> reach <see cref="PyOperators"/>' comparison through
    /// <see cref="IComparable{T}"/>: <typeparamref name="T"/> implements it and is none of the kinds Python
    /// compares by its own rules first (numbers, text, tuples, lists).
    /// </summary>
    private static bool OwnComparable(Type t) =>
        typeof(IComparable<T>).IsAssignableFrom(t) && !t.IsPrimitive && t != typeof(decimal) && t != typeof(string) &&
        t != typeof(BigInteger) && t != typeof(Int128) && t != typeof(UInt128) && !typeof(ITuple).IsAssignableFrom(t) &&
        !typeof(IPyTuple).IsAssignableFrom(t) && !typeof(IList).IsAssignableFrom(t);

    // Both values are of exactly T (not null, not a subclass with comparisons of its own): then
    // PyOperators would call T's IComparable<T>.CompareTo, which Comparer<T>.Default calls.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ExactlyT(T a, T b) =>
        typeof(T).IsValueType || a is not null && b is not null && a.GetType() == typeof(T) && b.GetType() == typeof(T);

    /// <summary>
    /// The typed comparison of a value tuple of two or three items (<see cref="ValueTupleComparer{T1, T2}"/>).
    /// It is made at run time for the tuple's item types, which NativeAOT cannot do: there, tuples are
    /// compared boxed, by <see cref="PyOperators"/>, with the same results.
    /// </summary>
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Guarded by RuntimeFeature.IsDynamicCodeSupported, which the analyzer of .NET 9 and later recognizes as such; the net8.0 build's analyzer does not.")]
    private static object? TupleComparer(Type t, string method)
    {
        if (!RuntimeFeature.IsDynamicCodeSupported) return null;
        return TypedTupleComparer(t, method);
    }

    [RequiresDynamicCode("Instantiates ValueTupleComparer for the tuple's item types.")]
    private static object? TypedTupleComparer(Type t, string method)
    {
        if (!t.IsGenericType) return null;
        var definition = t.GetGenericTypeDefinition();
        Type? comparer = definition == typeof(ValueTuple<,>) ? typeof(ValueTupleComparer<,>)
            : definition == typeof(ValueTuple<,,>) ? typeof(ValueTupleComparer<,,>)
            : null;
        if (comparer is null) return null;
        var m = comparer.MakeGenericType(t.GetGenericArguments()).GetMethod(method, BindingFlags.Public | BindingFlags.Static)!;
        return m.CreateDelegate(typeof(Func<T, T, bool>));
    }
}

/// <summary>Python's tuple comparison for a C# pair, item by item without boxing.</summary>
internal static class ValueTupleComparer<T1, T2>
{
    public static bool LessThan((T1, T2) a, (T1, T2) b)
    {
        if (!PyComparer<T1>.ItemEqual(a.Item1, b.Item1)) return PyComparer<T1>.LessThan(a.Item1, b.Item1);
        if (!PyComparer<T2>.ItemEqual(a.Item2, b.Item2)) return PyComparer<T2>.LessThan(a.Item2, b.Item2);
        return false;
    }

    public static bool ItemEqual((T1, T2) a, (T1, T2) b) =>
        PyComparer<T1>.ItemEqual(a.Item1, b.Item1) && PyComparer<T2>.ItemEqual(a.Item2, b.Item2);
}

/// <summary>Python's tuple comparison for a C# triple, item by item without boxing.</summary>
internal static class ValueTupleComparer<T1, T2, T3>
{
    public static bool LessThan((T1, T2, T3) a, (T1, T2, T3) b)
    {
        if (!PyComparer<T1>.ItemEqual(a.Item1, b.Item1)) return PyComparer<T1>.LessThan(a.Item1, b.Item1);
        if (!PyComparer<T2>.ItemEqual(a.Item2, b.Item2)) return PyComparer<T2>.LessThan(a.Item2, b.Item2);
        if (!PyComparer<T3>.ItemEqual(a.Item3, b.Item3)) return PyComparer<T3>.LessThan(a.Item3, b.Item3);
        return false;
    }

    public static bool ItemEqual((T1, T2, T3) a, (T1, T2, T3) b) =>
        PyComparer<T1>.ItemEqual(a.Item1, b.Item1) && PyComparer<T2>.ItemEqual(a.Item2, b.Item2) && PyComparer<T3>.ItemEqual(a.Item3, b.Item3);
}
