namespace PyAsync.Examples;

/// <summary>One ported snippet: the Python original, its C# port and what CPython prints for it.</summary>
public sealed record Example(string Name, string Document, string Python, Action Entry)
{
    /// <summary>The Python original, next to the port in the examples folder.</summary>
    public string PythonPath => Path.Combine(AppContext.BaseDirectory, Document, Python);

    /// <summary>CPython's output for the Python original, run on a virtual clock (tools/pyvirtual.py).</summary>
    public string ExpectedPath => Path.ChangeExtension(PythonPath, ".expected.txt");
}

/// <summary>Every example, by seed document.</summary>
public static class Catalog
{
    public static readonly IReadOnlyList<Example> All =
    [
        new("say_after", "doc004", "say_after.py", Doc004.SayAfterExample.Entry),
    ];
}
