#if !NET9_0_OR_GREATER
namespace System.Runtime.CompilerServices;

/// <summary>
/// net8.0 only: the attribute .NET 9 added to the base library. The C# compiler honours it by name, so
/// the facade's <c>Run(Func&lt;Coroutine&gt;)</c> wins over the TPL overload on net8.0 as it does on
/// net10.0, where the library's own type is used and this file compiles to nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
internal sealed class OverloadResolutionPriorityAttribute(int priority) : Attribute
{
    /// <summary>The priority: higher wins among otherwise applicable overloads.</summary>
    public int Priority { get; } = priority;
}
#endif
