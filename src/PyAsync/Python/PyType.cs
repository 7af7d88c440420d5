using System.Collections;
using System.Collections.Concurrent;
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
internal static class PyTypes
{
    private static readonly ConcurrentDictionary<Type, string> s_names = new();
    private static readonly ConcurrentDictionary<Type, bool> s_sets = new();

    public static PyType Of(object? value) =>
        value is null ? new PyType(typeof(NoneType), "NoneType") : new PyType(value.GetType(), NameOf(value.GetType()));

    public static string NameOf(Type type) => s_names.GetOrAdd(type, Compute);

    public static bool IsSet(Type type) => s_sets.GetOrAdd(type, static t => t.GetInterfaces().Any(i =>
        i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(ISet<>) || i.GetGenericTypeDefinition() == typeof(IReadOnlySet<>))));

    /// <summary>The bare class name Python shows for an exception type (<c>ValueError</c>, <c>CancelledError</c>).</summary>
    public static string ExceptionName(Type type) => StripArity(type.Name);

    private static string Compute(Type type)
    {
        if (type == typeof(NoneType)) return "NoneType";
        if (type == typeof(bool)) return "bool";
        if (type == typeof(string) || type == typeof(char)) return "str";
        if (type == typeof(double) || type == typeof(float)) return "float";
        if (type == typeof(decimal)) return "decimal.Decimal";
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
        if (IsSet(type)) return "set";
        if (GeneratorKind(type) is { } generator) return generator;
        if (typeof(IEnumerable).IsAssignableFrom(type)) return "list";
        string ns = type.Namespace ?? "";
        if (ns.StartsWith("System", StringComparison.Ordinal) || ns.StartsWith("Microsoft", StringComparison.Ordinal)) return StripArity(type.Name);
        return "__main__." + StripArity(type.Name);
    }

    /// <summary>
    /// For the object of a C# iterator method, Python's kind of generator: <c>async_generator</c> for an
    /// async iterator (<c>async IAsyncEnumerable&lt;T&gt;</c> with <c>yield return</c>), <c>generator</c> for a
    /// plain one; null for any other type.
    /// </summary>
    public static string? GeneratorKind(Type type)
    {
        // The compiler names the class of an iterator method <Method>d__N (<<Outer>g__Local|0_0>d for a local
        // function) and nests it in the method's class; no C# type can have a name starting with '<'.
        if (!type.IsNested || !type.Name.StartsWith('<')) return null;
        if (Implements(type, typeof(IAsyncEnumerator<>))) return "async_generator";
        return typeof(IEnumerator).IsAssignableFrom(type) ? "generator" : null;
    }

    private static bool Implements(Type type, Type genericInterface) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == genericInterface);

    private static string StripArity(string name)
    {
        int tick = name.IndexOf('`');
        return tick < 0 ? name : name[..tick];
    }
}
