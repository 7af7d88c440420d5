using System.Reflection;
using System.Text.RegularExpressions;

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

    /// <summary>The Python original and the port as the runner shows them (the port without the examples project's plumbing, see <see cref="PortView"/>).</summary>
    public PanePair Panes => new(
        new SourcePane($"Python{(Python is null ? "" : " " + Python)}: doc{Group.Id}/{Name}.py", Read(PythonPath)),
        new SourcePane($"C#: doc{Group.Id}/{SourceFileName}", PortView.Strip(Read(CSharpPath), SourceFileName)));

    /// <summary>
    /// The local modules the Python original imports (<c>from util import delay</c>, with <c>util.py</c> in
    /// the folder) and their C# ports (<c>Util.cs</c>), as the runner shows them below the program.
    /// </summary>
    public IReadOnlyList<PanePair> Helpers =>
    [
        .. from match in Catalog.LocalImport().Matches(Read(PythonPath))
           let module = match.Groups[1].Value
           where File.Exists(Path.Combine(Folder, module + ".py"))
           let port = Catalog.Pascal(module) + ".cs"
           select new PanePair(
               new SourcePane($"Python: doc{Group.Id}/{module}.py", Read(Path.Combine(Folder, module + ".py"))),
               new SourcePane($"C#: doc{Group.Id}/{port}", PortView.Strip(Read(Path.Combine(Folder, port)), port))),
    ];

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "";

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : throw new FileNotFoundException($"{path} is missing", path);
}

/// <summary>The groups (the seed documents, then the project's own programs) and every example, found by their <see cref="ExampleAttribute"/>.</summary>
public static partial class Catalog
{
    public static readonly IReadOnlyList<ExampleGroup> Groups =
    [
        new("000", "Ejecutando concurrencia con tasks", "Spanish", "000_0c22ed42a5d8f53a.txt"),
        new("001", "AsyncIO: el event loop, tareas y sus métodos", "Spanish", "001_dd0e8ad3e9138d7e.txt"),
        new("002", "Asyncio Learn: corutinas y tasks", "Spanish", "002_02ed4c745a7fa6b5.txt"),
        new("003", "Library asyncio: coroutines, tasks, timeouts, futures", "Portuguese", "003_bc731de6d07f7cbf.txt"),
        new("004", "Coroutines and Tasks (Python documentation)", "English", "004_dc982b93663a0529.txt"),
        new("100", "Synchronization, queues, threads and context"),
        new("101", "Streams, sockets, subprocesses and signals"),
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

    /// <summary>A Python import of a module by name (<c>from util import delay</c>, <c>import util</c>); group 1 is the module.</summary>
    [GeneratedRegex(@"^(?:from|import) (\w+)", RegexOptions.Multiline)]
    internal static partial Regex LocalImport();

    /// <summary>A Python module's name as its C# port's class is named: <c>util</c> to <c>Util</c>, <c>my_util</c> to <c>MyUtil</c>.</summary>
    internal static string Pascal(string name) =>
        string.Concat(name.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
