using System.Reflection;

namespace PyAsync.Examples;

/// <summary>
/// A group of examples, kept in <c>examples/docNNN/</c>: the snippets of a seed document (its
/// <see cref="SeedFile"/> and <see cref="Language"/> given), or programs written for the project
/// (both null).
/// </summary>
public sealed record ExampleGroup(string Id, string Title, string? Language = null, string? SeedFile = null)
{
    /// <summary>The group's heading in the runner's listing.</summary>
    public string Heading => Language is null ? $"{Id} · {Title}" : $"{Id} · {Title} ({Language})";
}

/// <summary>One ported program: the Python original, its C# port and CPython's output for the Python.</summary>
/// <param name="Python">The CPython version that produced the stored output when it is not <c>python3</c> (3.11), e.g. "3.13"; null otherwise.</param>
public sealed record Example(ExampleGroup Group, int Order, string Name, string Title, string SourceFileName, string? Python, Action Entry)
{
    private string Folder => Path.Combine(AppContext.BaseDirectory, "doc" + Group.Id);

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

/// <summary>The groups (the seed documents, then the project's own programs) and every example, found by their <see cref="ExampleAttribute"/>.</summary>
public static class Catalog
{
    public static readonly IReadOnlyList<ExampleGroup> Groups =
    [
        new("000", "Ejecutando concurrencia con tasks", "Spanish", "000_0c22ed42a5d8f53a.txt"),
        new("001", "AsyncIO: el event loop, tareas y sus métodos", "Spanish", "001_dd0e8ad3e9138d7e.txt"),
        new("002", "Asyncio Learn: corutinas y tasks", "Spanish", "002_02ed4c745a7fa6b5.txt"),
        new("003", "Library asyncio: coroutines, tasks, timeouts, futures", "Portuguese", "003_bc731de6d07f7cbf.txt"),
        new("004", "Coroutines and Tasks (Python documentation)", "English", "004_dc982b93663a0529.txt"),
        new("100", "Synchronization, queues, threads and context"),
    ];

    public static readonly IReadOnlyList<Example> All = Discover();

    private static List<Example> Discover() =>
    [
        .. from type in typeof(Catalog).Assembly.GetTypes()
           let attribute = type.GetCustomAttribute<ExampleAttribute>()
           where attribute is not null
           let exampleGroup = Groups.Single(g => g.Id == attribute.Group)
           let entry = type.GetMethod("Entry", BindingFlags.Public | BindingFlags.Static)
                       ?? throw new InvalidOperationException($"{type} has no public static Entry()")
           orderby attribute.Group, attribute.Order
           select new Example(exampleGroup, attribute.Order, attribute.Name, attribute.Title, attribute.SourceFileName, attribute.Python, entry.CreateDelegate<Action>()),
    ];
}
