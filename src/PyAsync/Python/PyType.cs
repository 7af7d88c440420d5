using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// The result of <see cref="Builtins.Type"/>: a .NET type under the name Python would print for it,
/// so <c>Print(Type(task))</c> prints <c>&lt;class '_asyncio.Task'&gt;</c>.
/// </summary>
public sealed class PyType : IEquatable<PyType>
{
    internal PyType(Type clrType, string qualifiedName)
    {
        ClrType = clrType;
        QualifiedName = qualifiedName;
        int dot = qualifiedName.LastIndexOf('.');
        Name = dot < 0 ? qualifiedName : qualifiedName[(dot + 1)..];
        Module = dot < 0 ? "builtins" : qualifiedName[..dot];
    }

    /// <summary>The .NET type behind the value.</summary>
    public Type ClrType { get; }

    /// <summary>Python's <c>type(x).__name__</c>: <c>Task</c>, <c>CancelledError</c>, <c>int</c>.</summary>
    public string Name { get; }

    /// <summary>Python's <c>type(x).__module__</c>: <c>_asyncio</c>, <c>asyncio.exceptions</c>, <c>builtins</c>.</summary>
    public string Module { get; }

    /// <summary>The name <c>str(type(x))</c> shows: <c>_asyncio.Task</c>, <c>int</c> (builtins without their module).</summary>
    public string QualifiedName { get; }

    /// <summary>Python's <c>str(type(x))</c>: <c>&lt;class 'int'&gt;</c>, <c>&lt;class '_asyncio.Task'&gt;</c>.</summary>
    public override string ToString() => $"<class '{QualifiedName}'>";

    /// <summary>Two types are equal when Python would name them the same.</summary>
    public bool Equals(PyType? other) => other is not null && other.QualifiedName == QualifiedName;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PyType t && Equals(t);

    /// <inheritdoc/>
    public override int GetHashCode() => QualifiedName.GetHashCode(StringComparison.Ordinal);
}

/// <summary>Maps .NET types to the names Python gives the corresponding values.</summary>
/// <remarks>
/// <para>
/// Trimming and NativeAOT: which Python kind a value is (a set, a generator, a mapping that is not an
/// <see cref="IDictionary"/>) is decided by casting the value where a non-generic interface says it
/// (a cast keeps the interface in every type's interface list), and otherwise by looking for a generic
/// interface definition (<c>ISet&lt;&gt;</c>, <c>IReadOnlySet&lt;&gt;</c>, <c>IReadOnlyDictionary&lt;,&gt;</c>) in
/// <see cref="Type.GetInterfaces"/>. NativeAOT drops from interface lists the interfaces a program
/// never uses (dotnet/runtime#100000), and naming the definition with <c>typeof</c> does not count as
/// a use: a first NativeAOT publish printed a <c>HashSet&lt;int&gt;</c> as <c>[3]</c>. So the BCL's set
/// types are also recognised by their class (<see cref="KnownSet"/>), which needs no interface list, and
/// <see cref="IsSet"/> and <see cref="IsMapping"/> cast the value to one instantiation of each interface
/// they look for, which makes NativeAOT keep every instantiation of that interface definition (its
/// rule: an interface definition used in any way keeps all its instantiations). tools/aot-example.sh
/// checks both on a NativeAOT publish, with a set and a mapping of the program's own
/// (tools/AotExample/ReprProbe.cs).
/// </para>
/// </remarks>
internal static class PyTypes
{
    private static readonly ConcurrentDictionary<Type, string> s_names = new();
    private static readonly ConcurrentDictionary<Type, bool> s_sets = new();
    private static readonly ConcurrentDictionary<Type, bool> s_mappings = new();

    public static PyType Of(object? value) =>
        value is null ? new PyType(typeof(NoneType), "NoneType") : new PyType(value.GetType(), NameOf(value));

    /// <summary>The name Python gives <paramref name="value"/>'s class (<c>int</c>, <c>_asyncio.Task</c>, <c>__main__.Job</c>).</summary>
    public static string NameOf(object value)
    {
        var type = value.GetType();
        return s_names.TryGetValue(type, out var name) ? name : s_names.GetOrAdd(type, Compute(type, value));
    }

    /// <summary>The name Python gives the class <paramref name="type"/>, for a type with no value at hand.</summary>
    public static string NameOf(Type type) => s_names.TryGetValue(type, out var name) ? name : Compute(type, null);

    /// <summary>Whether <paramref name="value"/> is a set to Python (an <c>ISet&lt;T&gt;</c> or <c>IReadOnlySet&lt;T&gt;</c>).</summary>
    public static bool IsSet(object value)
    {
        var type = value.GetType();
        if (s_sets.TryGetValue(type, out bool set)) return set;
        // The casts matter under NativeAOT even when they fail: see the remarks.
        set = value is ISet<object> or IReadOnlySet<object> || KnownSet(type) ||
              Implements(type, typeof(ISet<>)) || Implements(type, typeof(IReadOnlySet<>));
        return s_sets.GetOrAdd(type, set);
    }

    /// <summary>Whether <paramref name="value"/> is a mapping to Python that is not an <see cref="IDictionary"/> (an <c>IReadOnlyDictionary&lt;K,V&gt;</c>).</summary>
    public static bool IsMapping(object value)
    {
        var type = value.GetType();
        if (s_mappings.TryGetValue(type, out bool mapping)) return mapping;
        // The cast matters under NativeAOT even when it fails: see the remarks.
        mapping = value is IReadOnlyDictionary<object, object?> || Implements(type, typeof(IReadOnlyDictionary<,>));
        return s_mappings.GetOrAdd(type, mapping);
    }

    /// <summary>The BCL's set classes (and their subclasses), recognised without an interface list.</summary>
    private static bool KnownSet(Type type)
    {
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            if (!t.IsGenericType) continue;
            var definition = t.GetGenericTypeDefinition();
            if (definition == typeof(HashSet<>) || definition == typeof(SortedSet<>) ||
                definition == typeof(System.Collections.Immutable.ImmutableHashSet<>) ||
                definition == typeof(System.Collections.Immutable.ImmutableSortedSet<>) ||
                definition == typeof(System.Collections.Frozen.FrozenSet<>)
#if NET9_0_OR_GREATER
                || definition == typeof(System.Collections.ObjectModel.ReadOnlySet<>)
#endif
               ) return true;
        }
        return false;
    }

    /// <summary>The bare class name Python shows for an exception type (<c>ValueError</c>, <c>CancelledError</c>).</summary>
    public static string ExceptionName(Type type) => StripArity(type.Name);

    private static string Compute(Type type, object? value)
    {
        if (type == typeof(NoneType)) return "NoneType";
        if (type == typeof(bool)) return "bool";
        if (type == typeof(string) || type == typeof(char)) return "str";
        if (type == typeof(double) || type == typeof(float)) return "float";
        if (type == typeof(decimal)) return "decimal.Decimal";
        if (type == typeof(byte[])) return "bytes";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(sbyte) ||
            type == typeof(byte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong) ||
            type == typeof(BigInteger) || type == typeof(nint) || type == typeof(nuint) ||
            type == typeof(Int128) || type == typeof(UInt128)) return "int";
        // An exception class is named by its own attribute only (a user's subclass of CancelledError
        // prints under its own name); other classes inherit their base's Python name.
        bool exception = typeof(Exception).IsAssignableFrom(type);
        if (Attribute.GetCustomAttribute(type, typeof(PyTypeNameAttribute), inherit: !exception) is PyTypeNameAttribute named) return named.QualifiedName;
        if (exception) return ExceptionName(type);
        if (typeof(IPyTuple).IsAssignableFrom(type) || typeof(ITuple).IsAssignableFrom(type)) return "tuple";
        if (typeof(IDictionary).IsAssignableFrom(type)) return "dict";
        if (value is not null ? IsSet(value) : KnownSet(type) || Implements(type, typeof(ISet<>)) || Implements(type, typeof(IReadOnlySet<>))) return "set";
        if (value is not null && GeneratorKind(value) is { } generator) return generator;
        if (typeof(IEnumerable).IsAssignableFrom(type)) return "list";
        string ns = type.Namespace ?? "";
        if (ns.StartsWith("System", StringComparison.Ordinal) || ns.StartsWith("Microsoft", StringComparison.Ordinal)) return StripArity(type.Name);
        return "__main__." + StripArity(type.Name);
    }

    /// <summary>
    /// For the object of a C# iterator method, Python's kind of generator: <c>async_generator</c> for an
    /// async iterator (<c>async IAsyncEnumerable&lt;T&gt;</c> with <c>yield return</c>), <c>generator</c> for a
    /// plain one; null for any other value.
    /// </summary>
    public static string? GeneratorKind(object value)
    {
        // The compiler names the class of an iterator method <Method>d__N (<<Outer>g__Local|0_0>d for a local
        // function) and nests it in the method's class; no C# type can have a name starting with '<'. Of the
        // classes it makes, only an async iterator's is IAsyncDisposable (it implements IAsyncEnumerator<T>);
        // a plain iterator's is an IEnumerator. Casts, not the interface list: see the remarks.
        var type = value.GetType();
        if (!type.IsNested || !type.Name.StartsWith('<')) return null;
        if (value is IAsyncDisposable) return "async_generator";
        return value is IEnumerator ? "generator" : null;
    }

    /// <summary>
    /// Whether <paramref name="type"/> implements some instantiation of <paramref name="genericInterface"/>
    /// (<c>ISet&lt;&gt;</c>, <c>IReadOnlyDictionary&lt;,&gt;</c>, <c>IComparable&lt;&gt;</c>), for the type of a value the program holds.
    /// </summary>
    /// <remarks>
    /// Trimming: <see cref="Type.GetInterfaces"/> may leave out interfaces a trimmer removed as unused,
    /// and the type comes from <see cref="object.GetType"/>, which no annotation can follow. Every caller
    /// asks for an interface the program uses (each casts a value to an instantiation of it, see the
    /// class's remarks), on the type of a value the program holds, that is one it instantiated: ILLink
    /// keeps an interface implementation when the interface is marked and the type instantiated, and
    /// NativeAOT keeps all instantiations of an interface definition that is used.
    /// </remarks>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification =
        "Looks only for interfaces the program uses (the callers cast to them), on the type of an instance: trimmers keep those implementations (see remarks).")]
    internal static bool Implements(Type type, Type genericInterface)
    {
        foreach (var i in type.GetInterfaces())
            if (i.IsGenericType && i.GetGenericTypeDefinition() == genericInterface) return true;
        return false;
    }

    private static string StripArity(string name)
    {
        int tick = name.IndexOf('`');
        return tick < 0 ? name : name[..tick];
    }
}
