namespace PyAsync;

/// <summary>
/// Python's <c>NoneType</c>: the result type of a coroutine or task that returns nothing.
/// </summary>
/// <remarks>
/// A result-less <see cref="PyTask"/> is a <c>PyTask&lt;NoneType&gt;</c>, so <c>Print(await task)</c>
/// prints <c>None</c> as Python does. Every value of this type is equal to every other.
/// </remarks>
public readonly struct NoneType : IEquatable<NoneType>
{
    /// <summary>The one value, Python's <c>None</c>.</summary>
    public static readonly NoneType None = default;

    /// <summary>Always <c>"None"</c>.</summary>
    public override string ToString() => "None";

    /// <summary>All <see cref="NoneType"/> values are equal.</summary>
    public bool Equals(NoneType other) => true;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NoneType;

    /// <inheritdoc/>
    public override int GetHashCode() => 0;

    /// <summary>All <see cref="NoneType"/> values are equal.</summary>
    public static bool operator ==(NoneType left, NoneType right) => true;

    /// <summary>All <see cref="NoneType"/> values are equal.</summary>
    public static bool operator !=(NoneType left, NoneType right) => false;
}
