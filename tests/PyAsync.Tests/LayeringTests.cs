using System.Text.RegularExpressions;
using PyAsync.Tests.Support;

namespace PyAsync.Tests;

/// <summary>
/// The library's layering, checked from the source so that it stays true. CPython's Lib/asyncio has an
/// acyclic import graph: exceptions, then events, futures, tasks, then taskgroups, timeouts, locks and
/// runners on top; each module imports only the ones below it. src/PyAsync keeps that order as folders,
/// with the .NET-specific layers (Python's builtins, the runtime helpers, the compiler's async machinery)
/// in their places: <see cref="Table"/> says which folder may use which, and ARCHITECTURE.md says why.
/// </summary>
/// <remarks>
/// A file depends on another when it names a type declared there, as /work/shared/tools/folder-deps.py
/// computes it (see <see cref="SourceGraph"/>). The checks run on a dictionary of path to source text;
/// <see cref="The_checker_finds_forbidden_edges_fields_APIs_and_partial_types_and_ignores_comments_and_literals"/>
/// runs them on a small made-up tree, so they cannot silently pass.
/// </remarks>
public class LayeringTests
{
    /// <summary>A folder of src/PyAsync and the folders its files may name types of.</summary>
    private sealed record Layer(string Folder, params string[] MayDependOn)
    {
        public bool DependsOnEverything => MayDependOn is [Everything];
    }

    private const string Everything = "*";

    /// <summary>
    /// Bottom to top. A folder may depend only on the folders it lists. Coroutines and CompilerServices
    /// are the one mutual pair: C#'s [AsyncMethodBuilder] on the coroutine type names its builder and the
    /// builder names the coroutine type; together they are one concept, CPython's coroutine object.
    /// Folders that do not exist yet (Locks, Queues) are here so that their place is decided.
    /// </summary>
    private static readonly Layer[] Table =
    [
        // Python's own objects that asyncio uses (None, tuple, repr, type names, sys, warnings, time):
        // CPython's builtins and sys, below every asyncio module.
        new("Python"),
        // asyncio/exceptions.py (CancelledError, InvalidStateError, TimeoutError) and the builtins
        // exceptions it raises (RuntimeError, ValueError, TypeError, ExceptionGroup).
        new("Exceptions", "Python"),
        // Low-level .NET helpers with no asyncio concept in them (pools, queues, unsafe casts): what
        // CPython's C code does with raw memory. The only folder that may use Unsafe, ArrayPool and the marshals.
        new("Runtime", "Python"),
        // asyncio/log.py, format_helpers.py and coroutines' debug reprs: logging, names, tracebacks.
        new("Diagnostics", "Python", "Exceptions", "Runtime"),
        // asyncio/events.py and base_events.py: the event loop, handles, timers, the clock.
        new("Events", "Python", "Exceptions", "Runtime", "Diagnostics"),
        // asyncio/futures.py: Future, its callbacks and states.
        new("Futures", "Python", "Exceptions", "Runtime", "Diagnostics", "Events"),
        // asyncio/coroutines.py and CPython's coroutine object: Coroutine, Coroutine<T>, awaitables.
        // Mutual with CompilerServices (see above).
        new("Coroutines", "Python", "Exceptions", "Runtime", "Diagnostics", "Events", "Futures", "CompilerServices"),
        // What the C# compiler needs to run a coroutine (the method builder, the awaiters, the state
        // machine box): CPython's genobject.c and the await in ceval. Mutual with Coroutines (see above).
        new("CompilerServices", "Python", "Exceptions", "Runtime", "Diagnostics", "Events", "Futures", "Coroutines"),
        // asyncio/tasks.py: Task, sleep, gather, shield, wait, wait_for, as_completed.
        new("Tasks", "Python", "Exceptions", "Runtime", "Diagnostics", "Events", "Futures", "Coroutines", "CompilerServices"),
        // asyncio/timeouts.py: timeout, timeout_at.
        new("Timeouts", "Python", "Exceptions", "Runtime", "Diagnostics", "Events", "Futures", "Coroutines", "CompilerServices", "Tasks"),
        // asyncio/taskgroups.py: TaskGroup.
        new("TaskGroups", "Python", "Exceptions", "Runtime", "Diagnostics", "Events", "Futures", "Coroutines", "CompilerServices", "Tasks"),
        // asyncio/threads.py: to_thread.
        new("Threads", "Python", "Exceptions", "Runtime", "Diagnostics", "Events", "Futures", "Coroutines", "CompilerServices", "Tasks"),
        // asyncio/locks.py (not ported yet): Lock, Event, Condition, Semaphore.
        new("Locks", "Python", "Exceptions", "Runtime", "Diagnostics", "Events", "Futures", "Coroutines", "CompilerServices", "Tasks", "Timeouts"),
        // asyncio/queues.py (not ported yet): Queue, PriorityQueue, LifoQueue.
        new("Queues", "Python", "Exceptions", "Runtime", "Diagnostics", "Events", "Futures", "Coroutines", "CompilerServices", "Tasks", "Timeouts", "Locks"),
        // asyncio/transports.py and protocols.py: what a transport offers and what a protocol receives.
        new("Transports", "Python", "Exceptions", "Runtime", "Diagnostics", "Events", "Futures"),
        // asyncio/selector_events.py and base_events.py's Server: the loop's low-level socket coroutines
        // (sock_recv, sock_sendall, ...), the socket transport, create_connection and create_server.
        new("SelectorEvents", "Python", "Exceptions", "Runtime", "Diagnostics", "Events", "Futures", "Coroutines", "CompilerServices", "Tasks", "Transports"),
        // asyncio/unix_events.py and base_subprocess.py: the pipe transports, the child watcher, the subprocess
        // transport and posix_spawn.
        new("UnixEvents", "Python", "Exceptions", "Runtime", "Diagnostics", "Events", "Futures", "Coroutines", "CompilerServices", "Tasks", "Transports", "SelectorEvents"),
        // asyncio/streams.py: StreamReader, StreamWriter, StreamReaderProtocol, open_connection, start_server.
        new("Streams", "Python", "Exceptions", "Runtime", "Diagnostics", "Events", "Futures", "Coroutines", "CompilerServices", "Tasks", "Timeouts", "Locks", "Transports", "SelectorEvents"),
        // asyncio/subprocess.py: Process, SubprocessStreamProtocol, create_subprocess_exec/shell's body.
        new("Subprocess", "Python", "Exceptions", "Runtime", "Diagnostics", "Events", "Futures", "Coroutines", "CompilerServices", "Tasks", "Transports", "SelectorEvents", "UnixEvents", "Streams"),
        // asyncio/runners.py: run, Runner.
        new("Runners", "Python", "Exceptions", "Runtime", "Diagnostics", "Events", "Futures", "Coroutines", "CompilerServices", "Tasks", "Threads"),
        // Asyncio/: the facade ports import, the asyncio package's namespace (asyncio/__init__.py),
        // which re-exports every module.
        new(SourceGraph.Facade, Everything),
    ];

    private static readonly Dictionary<string, Layer> s_layers = Table.ToDictionary(l => l.Folder, StringComparer.Ordinal);

    private static readonly Lazy<SourceGraph> s_library = new(() => SourceGraph.Load(Path.Combine(Repository.Root, "src", "PyAsync")));

    /// <summary>src/PyAsync; a tree too small to be it fails the test rather than passing it.</summary>
    private static SourceGraph Library
    {
        get
        {
            var graph = s_library.Value;
            graph.Files.Count.ShouldBeGreaterThan(20, "src/PyAsync should hold the library's sources");
            graph.Edges.Count.ShouldBeGreaterThan(50, "the files of src/PyAsync should name each other's types");
            return graph;
        }
    }

    [Fact]
    public void Every_folder_of_the_library_is_in_the_layering_table() =>
        ShouldBeNone(
            UnknownFolders(Library).Select(f => $"{f}: add it to the table in LayeringTests.cs and to the layering document, ARCHITECTURE.md").ToList(),
            "Folders of src/PyAsync that are not in the layering table");

    [Fact]
    public void A_folder_names_only_types_of_the_folders_the_layering_table_lets_it_depend_on()
    {
        var unknown = UnknownFolders(Library);
        var rule = "Folder dependencies that the layering table does not allow";
        if (unknown.Count > 0)
        {
            rule += $" (a folder not in the table may not depend on, or be depended on by, any folder but the facade: {string.Join(", ", unknown)}; " +
                "add each to the table in LayeringTests.cs and to the layering document, ARCHITECTURE.md)";
        }
        ShouldBeNone(ForbiddenEdges(Library), rule);
    }

    [Fact]
    public void Only_Runtime_uses_Unsafe_ArrayPool_CollectionsMarshal_and_MemoryMarshal() =>
        ShouldBeNone(LowLevelApisOutsideRuntime(Library), "Unsafe, ArrayPool, CollectionsMarshal and MemoryMarshal belong in Runtime/");

    [Fact]
    public void Every_field_is_private_or_const_or_public_static_readonly() =>
        ShouldBeNone(NonPrivateFields(Library), "Fields must be private (static, readonly, volatile, const), const, or public static readonly, unless their type is private to its file");

    [Fact]
    public void No_type_is_partial_but_the_Asyncio_facade() =>
        ShouldBeNone(PartialTypes(Library), "Partial types (only the facade's Asyncio class may be partial)");

    [Fact]
    public void Runtime_names_no_public_asyncio_type() =>
        ShouldBeNone(PublicTypesNamedByRuntime(Library), "Runtime names no public asyncio type");

    [Fact]
    public void The_layering_table_is_acyclic_but_for_Coroutines_and_CompilerServices()
    {
        var problems = new List<string>();
        foreach (var layer in Table.Where(l => !l.DependsOnEverything))
        {
            foreach (var dependency in layer.MayDependOn)
            {
                if (!s_layers.TryGetValue(dependency, out var target)) problems.Add($"{layer.Folder} lists {dependency}, which is not in the table");
                else if (Array.IndexOf(Table, target) > Array.IndexOf(Table, layer) && !IsTheCoroutinePair(layer.Folder, dependency))
                    problems.Add($"{layer.Folder} lists {dependency}, which is above it in the table");
            }
        }
        ShouldBeNone(problems, "The layering table");
    }

    [Fact]
    public void The_checker_finds_forbidden_edges_fields_APIs_and_partial_types_and_ignores_comments_and_literals()
    {
        var graph = new SourceGraph(new Dictionary<string, string>
        {
            ["Python/A.cs"] = """"
                namespace PyAsync;

                internal sealed class A
                {
                    private const char Quote = '"';
                    private readonly B? _b;
                    private const string Url = "http://example.org/*"; private readonly D? _d;
                    private const string Text = "*/ end";
                }
                """",
            ["Python/Quiet.cs"] = """"
                namespace PyAsync;

                // C in a line comment; Unsafe.As<object>(x) too.
                /* C in a block comment */
                /// <see cref="C"/>
                internal static class Quiet
                {
                    private const string Regular = "C \" C";
                    private const string Verbatim = @"C "" C \";
                    private static readonly string s_interpolated = $"{"C"} {Regular,5} {{C}} {$"{'"'}C"}";
                    private static readonly string s_verbatimInterpolated = $@"C {Regular} "" C
                        C";
                    private const string Raw = """ C "" C """;
                    private static readonly string s_rawInterpolated = $$"""{{Regular}} C "C" """;
                    private const char Brace = '{';
                    private const char Apostrophe = '\'';
                }
                """",
            ["Tasks/B.cs"] = """"
                namespace PyAsync;

                public sealed class B(int seed) : IEquatable<B>
                {
                    private int _ok = seed;
                    private static readonly A s_ok = new();
                    private volatile bool _okVolatile;
                    int _implicitlyPrivate;
                    public const int OkConst = 1;
                    internal const int OkInternalConst = 2;
                    public static readonly B OkShared = new(0);
                    [Obsolete("x")] private (int, string) _okTuple;
                    private readonly Dictionary<string, int> _okInitialized = new() { ["a"] = 1 };
                    private readonly Func<int, int> _okLambda = x => { return x; };
                    public int Property { get; set; } = 3;
                    public int Expression => _ok;
                    public event Action? Happened;
                    public int Method(int x = 1) => x;
                    public B() : this(0) { }
                    public static bool operator ==(B? a, B? b) { return true; }
                    public static bool operator !=(B? a, B? b) => !(a == b);
                #pragma warning disable CA1051
                    internal int _internal;
                    protected int _protected;
                    private protected int _privateProtected;
                    protected internal int _protectedInternal;
                    public int Public;
                    public static int PublicStatic;
                    [ThreadStatic] internal static readonly int InternalStaticReadonly = 1;
                    internal (int, int) _internalTuple;
                    private struct Nested
                    {
                        internal int _nested;
                        private int _okNested;
                        public int NestedPublic, Second;
                    }
                    internal struct Visible
                    {
                        public int Leaks;
                    }
                }

                public sealed record R(int X, int Y);

                internal sealed class Helper { }
                """",
            ["Tasks/C.cs"] = """"
                namespace PyAsync;

                internal static partial class C
                {
                    public static object Cast(object o) => Unsafe.As<object>(o);
                }
                """",
            ["Tasks/D.cs"] = "namespace PyAsync; internal delegate (int, int) D(int x);",
            ["Runtime/Pool.cs"] = """"
                namespace PyAsync;

                internal static class Pool
                {
                    public static int[] Rent() => ArrayPool<int>.Shared.Rent(Unsafe.SizeOf<B>());
                    public static Helper? Internal => null;
                }
                """",
            ["Coroutines/Co.cs"] = "namespace PyAsync; [AsyncMethodBuilder(typeof(Builder))] public class Co { }",
            ["CompilerServices/Builder.cs"] = "namespace PyAsync; public struct Builder { public Co Task => new(); }",
            ["Asyncio/Asyncio.cs"] = "namespace PyAsync; public static partial class Asyncio { public static B Make() => new(new A()); }",
            ["Asyncio/Asyncio.Extra.cs"] = "namespace PyAsync; public static partial class Asyncio { public static Co Run() => new(); }",
            ["Widgets/W.cs"] = "namespace PyAsync; internal sealed class W { private readonly B? _b; }",
            ["Helpers.cs"] = "namespace PyAsync; internal static class Helpers { }",
        });

        UnknownFolders(graph).ShouldBe(["Helpers.cs", "Widgets"]);

        var edges = ForbiddenEdges(graph);
        edges.ShouldContain("Python -> Tasks via B (Python/A.cs)");
        edges.ShouldContain("Python -> Tasks via D (Python/A.cs)", "a string with // or /* in it is not a comment");
        edges.ShouldContain("Runtime -> Tasks via B (Runtime/Pool.cs)");
        edges.ShouldContain("Runtime -> Tasks via Helper (Runtime/Pool.cs)");
        edges.ShouldContain("Widgets -> Tasks via B (Widgets/W.cs)");
        edges.ShouldNotContain(e => e.Contains("Quiet.cs", StringComparison.Ordinal), "comments and literals name no type");
        edges.ShouldNotContain(e => e.StartsWith("Tasks -> Python", StringComparison.Ordinal), "Tasks may depend on Python");
        edges.ShouldNotContain(e => e.StartsWith("Coroutines", StringComparison.Ordinal) || e.StartsWith("CompilerServices", StringComparison.Ordinal));
        edges.ShouldNotContain(e => e.StartsWith(SourceGraph.Facade, StringComparison.Ordinal));
        graph.Edges.ShouldNotContain(e => e.From.Path == "Python/Quiet.cs");
        graph.Edges.ShouldContain(e => e.From.Path == "Asyncio/Asyncio.cs" && e.To.Path == "Asyncio/Asyncio.Extra.cs" && e.TypeName == "Asyncio");

        NonPrivateFields(graph).ShouldBe(
            [
                "Tasks/B.cs: internal int _internal;",
                "Tasks/B.cs: protected int _protected;",
                "Tasks/B.cs: private protected int _privateProtected;",
                "Tasks/B.cs: protected internal int _protectedInternal;",
                "Tasks/B.cs: public int Public;",
                "Tasks/B.cs: public static int PublicStatic;",
                "Tasks/B.cs: internal static readonly int InternalStaticReadonly = 1;",
                "Tasks/B.cs: internal (int, int) _internalTuple;",
                "Tasks/B.cs: public int Leaks;",
            ],
            ignoreOrder: true);

        LowLevelApisOutsideRuntime(graph).ShouldBe(["Tasks/C.cs:5: Unsafe."]);
        PartialTypes(graph).ShouldBe(["Tasks/C.cs: partial class C"]);
        PublicTypesNamedByRuntime(graph).ShouldBe(["Runtime/Pool.cs: B (public, declared in Tasks/B.cs)"]);
    }

    // ---------------------------------------------------------------------------------------------
    // The rules, on any source graph

    private static bool IsTheCoroutinePair(string a, string b) =>
        (a, b) is ("Coroutines", "CompilerServices") or ("CompilerServices", "Coroutines");

    private static bool Allows(string from, string to) =>
        s_layers.TryGetValue(from, out var layer) && (layer.DependsOnEverything || layer.MayDependOn.Contains(to));

    private static List<string> UnknownFolders(SourceGraph graph) =>
        graph.Files.Select(f => f.Folder).Distinct().Where(f => !s_layers.ContainsKey(f)).Order(StringComparer.Ordinal)
            .ToList();

    private static List<string> ForbiddenEdges(SourceGraph graph) =>
        graph.Edges
            .Where(e => e.From.Folder != e.To.Folder && !Allows(e.From.Folder, e.To.Folder))
            .Select(e => $"{e.From.Folder} -> {e.To.Folder} via {e.TypeName} ({e.From.Path})")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static readonly Regex s_lowLevelApis = new(
        @"\bUnsafe\s*\.|\bCompilerServices\s*\.\s*Unsafe\b|\bArrayPool\b|\bCollectionsMarshal\b|\bMemoryMarshal\b");

    private static List<string> LowLevelApisOutsideRuntime(SourceGraph graph) =>
        graph.Files
            .Where(f => f.Folder != "Runtime")
            .SelectMany(f => SourceGraph.Occurrences(f, s_lowLevelApis).Select(o => $"{f.Path}:{o.Line}: {o.Text}"))
            .ToList();

    private static List<string> NonPrivateFields(SourceGraph graph) =>
        graph.Files
            .SelectMany(SourceGraph.FieldsOf)
            .Where(f => !IsAllowedField(f))
            .Select(f => $"{f.File.Path}: {f.Declaration}")
            .ToList();

    private static bool IsAllowedField(FieldDeclaration field)
    {
        var access = field.Modifiers.Where(m => m is "public" or "internal" or "protected" or "private").ToList();
        if (field.Modifiers.Contains("const")) return true;
        if (field.InPrivateType) return true; // a private nested type's fields cannot be reached outside its file
        if (access is ["private"]) return true;
        if (access is [] && field.ContainerKeyword != "interface") return true; // private by default
        var isPublic = access is ["public"] || (access is [] && field.ContainerKeyword == "interface");
        return isPublic && field.Modifiers.Contains("static") && field.Modifiers.Contains("readonly");
    }

    private static List<string> PartialTypes(SourceGraph graph) =>
        graph.Declarations
            .Where(d => d.IsPartial && !(d.File.Folder == SourceGraph.Facade && d.Name == "Asyncio" && d.Keyword == "class"))
            .Select(d => $"{d.File.Path}: partial {d.Keyword} {d.Name}")
            .ToList();

    private static List<string> PublicTypesNamedByRuntime(SourceGraph graph)
    {
        static bool Below(SourceFile file) => file.Folder is "Runtime" or "Python";
        return graph.Edges
            .Where(e => e.From.Folder == "Runtime" && !Below(e.To))
            .Where(e => !graph.DeclarationsOf(e.TypeName).Any(d => Below(d.File)))
            .Where(e => graph.DeclarationsOf(e.TypeName).Any(d => d.File == e.To && d.IsPublic))
            .Select(e => $"{e.From.Path}: {e.TypeName} (public, declared in {e.To.Path})")
            .Distinct()
            .ToList();
    }

    private static void ShouldBeNone(IReadOnlyCollection<string> violations, string rule) =>
        violations.Count.ShouldBe(0, $"{rule}:\n  " + string.Join("\n  ", violations));
}
