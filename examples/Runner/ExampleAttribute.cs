using System.Runtime.CompilerServices;

namespace PyAsync.Examples;

/// <summary>
/// Marks a static class as the C# port of one program of a group (a snippet of a seed document, or a
/// program written for the project). The class has a public
/// static <c>Entry()</c> method that runs the program's module-level code (usually <c>Run(Main())</c>);
/// the Python original and CPython's output sit next to the port, named after <paramref name="name"/>.
/// </summary>
/// <param name="group">The group (<see cref="Catalog.Groups"/>): a seed document, "000" to "004", or the project's own, "100" and "101".</param>
/// <param name="order">Where the program comes in its group.</param>
/// <param name="name">The example's name, also the Python file's (<c>name.py</c>).</param>
/// <param name="sourceFile">Filled in by the compiler: the port's source file.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ExampleAttribute(string group, int order, string name, [CallerFilePath] string sourceFile = "") : Attribute
{
    public string Group { get; } = group;

    public int Order { get; } = order;

    public string Name { get; } = name;

    /// <summary>The port's file name (the source path at build time is not used: files are copied next to the runner).</summary>
    public string SourceFileName { get; } = Path.GetFileName(sourceFile);

    /// <summary>What the program shows, in a few words.</summary>
    public string Title { get; init; } = "";

    /// <summary>
    /// The CPython version whose output is stored, when <c>python3</c> (3.11) cannot run the program
    /// (e.g. "3.13" for <c>Queue.shutdown</c>); null for <c>python3</c>.
    /// </summary>
    public string? Python { get; init; }
}
