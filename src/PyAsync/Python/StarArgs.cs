using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// The values of Python's starred argument, <c>*items</c> in a call: <c>print(*items)</c> is
/// <c>Print([.. items])</c>, <c>print('x', *items, 'y')</c> is <c>Print(["x", .. items, "y"])</c>. Made by a
/// collection expression; each element is one positional value.
/// </summary>
/// <remarks>
/// A dedicated type rather than a <c>ReadOnlySpan&lt;object?&gt;</c> parameter: an array converts to a span, and a
/// span overload made <c>Print(null)</c> ambiguous (C# 12 and C# 14) and <c>Print(array)</c> ambiguous under C# 12 and
/// spread under C# 14. Nothing but a collection expression converts to this type, so <c>Print(items)</c> with a list
/// or an array stays one value (printed as Python's list), as <c>print(items)</c> does.
/// </remarks>
[CollectionBuilder(typeof(StarArgs), nameof(Create))]
public readonly struct StarArgs
{
    private readonly object?[]? _values;

    private StarArgs(object?[] values) => _values = values;

    /// <summary>The number of values (0 for <c>default</c>).</summary>
    public int Count => _values?.Length ?? 0;

    /// <summary>Builds the values of a collection expression; called by the compiler for <c>[.. items]</c>.</summary>
    /// <param name="values">The elements of the collection expression, copied.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static StarArgs Create(ReadOnlySpan<object?> values) => new(values.ToArray());

    /// <summary>Enumerates the values in order.</summary>
    public ReadOnlySpan<object?>.Enumerator GetEnumerator() => AsSpan().GetEnumerator();

    /// <summary>The values, in order.</summary>
    internal ReadOnlySpan<object?> AsSpan() => _values;
}
