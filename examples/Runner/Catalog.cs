using System.Reflection;

namespace PyAsync.Examples;

/// <summary>A seed document: the source of a group of examples.</summary>
public sealed record SeedDocument(string Id, string Language, string Title, string File);

/// <summary>One ported snippet: the Python original, its C# port and CPython's output for the Python.</summary>
public sealed record Example(SeedDocument Document, int Order, string Name, string Title, string SourceFileName, Action Entry)
{
    private string Folder => Path.Combine(AppContext.BaseDirectory, "doc" + Document.Id);

    /// <summary>The Python original (completed where the document leaves something out).</summary>
    public string PythonPath => Path.Combine(Folder, Name + ".py");

    /// <summary>The C# port.</summary>
    public string CSharpPath => Path.Combine(Folder, SourceFileName);

    /// <summary>What CPython printed on stdout for the Python original, on a virtual clock (tools/pyvirtual.py).</summary>
    public string ExpectedPath => Path.Combine(Folder, Name + ".expected.txt");

    /// <summary>What CPython printed on stderr, normalised; absent when it printed nothing.</summary>
    public string ExpectedStderrPath => Path.Combine(Folder, Name + ".expected.stderr.txt");

    public string Expected => ReadOrEmpty(ExpectedPath);

    public string ExpectedStderr => ReadOrEmpty(ExpectedStderrPath);

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "";
}

/// <summary>The seed documents and every example, found by their <see cref="ExampleAttribute"/>.</summary>
public static class Catalog
{
    public static readonly IReadOnlyList<SeedDocument> Documents =
    [
        new("000", "Spanish", "Ejecutando concurrencia con tasks", "000_0c22ed42a5d8f53a.txt"),
        new("001", "Spanish", "AsyncIO: el event loop, tareas y sus métodos", "001_dd0e8ad3e9138d7e.txt"),
        new("002", "Spanish", "Asyncio Learn: corutinas y tasks", "002_02ed4c745a7fa6b5.txt"),
        new("003", "Portuguese", "Library asyncio: coroutines, tasks, timeouts, futures", "003_bc731de6d07f7cbf.txt"),
        new("004", "English", "Coroutines and Tasks (Python documentation)", "004_dc982b93663a0529.txt"),
    ];

    public static readonly IReadOnlyList<Example> All = Discover();

    private static List<Example> Discover() =>
    [
        .. from type in typeof(Catalog).Assembly.GetTypes()
           let attribute = type.GetCustomAttribute<ExampleAttribute>()
           where attribute is not null
           let document = Documents.Single(d => d.Id == attribute.Document)
           let entry = type.GetMethod("Entry", BindingFlags.Public | BindingFlags.Static)
                       ?? throw new InvalidOperationException($"{type} has no public static Entry()")
           orderby attribute.Document, attribute.Order
           select new Example(document, attribute.Order, attribute.Name, attribute.Title, attribute.SourceFileName, entry.CreateDelegate<Action>()),
    ];
}
