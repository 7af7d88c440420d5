namespace PyAsync;

/// <summary>
/// Says which Python class a .NET type stands for, so that <see cref="Builtins.Type"/> prints
/// <c>&lt;class '_asyncio.Task'&gt;</c> for a task without the builtins knowing about tasks. Derived
/// types inherit the name unless they carry their own.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = true, AllowMultiple = false)]
internal sealed class PyTypeNameAttribute(string qualifiedName) : Attribute
{
    /// <summary>What <c>str(type(x))</c> shows between the quotes: <c>_asyncio.Task</c>, <c>asyncio.events.Handle</c>.</summary>
    public string QualifiedName { get; } = qualifiedName;
}
