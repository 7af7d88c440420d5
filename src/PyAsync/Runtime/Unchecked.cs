using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>
/// Casts and reads whose type the runtime already knows, without the check .NET would make: the
/// runtime's only door to <see cref="Unsafe"/>.
/// </summary>
/// <remarks>
/// Each caller states, next to the call, why the type is certain. A wrong call does not throw: it
/// corrupts memory, so every use must follow from an invariant of the caller's own data.
/// </remarks>
internal static class Unchecked
{
    /// <summary><paramref name="value"/> as a <typeparamref name="T"/>, which the caller knows it is (or null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T As<T>(object? value) where T : class? => Unsafe.As<T>(value)!;

    /// <summary>
    /// The first field of the struct <paramref name="value"/>, which the caller knows is a struct made
    /// of exactly one field of type <typeparamref name="TField"/> (the awaiters of futures and coroutines).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TField OnlyField<TStruct, TField>(ref TStruct value) => Unsafe.As<TStruct, TField>(ref value);

    /// <summary>A list of <paramref name="count"/> default items, and a span over them to fill in place.</summary>
    public static List<T> ListOfCount<T>(int count, out Span<T> items)
    {
        var list = new List<T>(count);
        System.Runtime.InteropServices.CollectionsMarshal.SetCount(list, count);
        items = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);
        return list;
    }
}
