using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace PyAsync.Examples;

/// <summary>
/// Compiles a porter's own C# file (a top-level program, as the examples show them) in memory with
/// Roslyn, against PyAsync and the .NET libraries this runner runs on, so the <c>port</c> command can run
/// it in <see cref="ProgramHost"/> on the virtual clock, as the examples run.
/// </summary>
/// <remarks>
/// Why Roslyn and not <c>dotnet run file.cs</c>: the port then runs in this process, in a
/// <see cref="ProgramContext"/> with the same <see cref="VirtualClock"/>, output capture and watchdog as
/// every example (a separate process would need its own clock set-up and pay a build of its own, several
/// seconds, for each run), and the user's file compiles as it is, with no <c>#:project</c> line pointing
/// at PyAsync. Lines starting with <c>#:</c> (a file-based program's directives) are blanked, so the same
/// file also runs with <c>dotnet run</c>. The implicit usings of a console project are in scope, and
/// nullable analysis is on, as in a new project; warnings are not shown.
/// </remarks>
public static class PortCompiler
{
    private static readonly string[] s_implicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    /// <summary>The compiled program's entry, or the compiler's errors (<c>file(line,col): error CSnnnn: message</c>).</summary>
    public sealed record Result(Func<int>? Entry, IReadOnlyList<string> Errors);

    /// <summary>Compiles <paramref name="path"/>; never throws for errors in the file.</summary>
    public static Result Compile(string path)
    {
        string fullPath = Path.GetFullPath(path);
        string source = string.Join('\n', File.ReadAllLines(fullPath).Select(l => l.StartsWith("#:", StringComparison.Ordinal) ? "" : l));
        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var program = CSharpSyntaxTree.ParseText(source, options, fullPath, Encoding.UTF8);
        var usings = CSharpSyntaxTree.ParseText(string.Concat(s_implicitUsings.Select(u => $"global using {u};\n")), options, "GlobalUsings.g.cs", Encoding.UTF8);
        var compilation = CSharpCompilation.Create(
            "Port_" + Path.GetFileNameWithoutExtension(fullPath) + "_" + Guid.NewGuid().ToString("N"),
            [program, usings],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emitted = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        if (!emitted.Success)
        {
            return new Result(null, [.. emitted.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => d.ToString())]);
        }
        var assembly = Assembly.Load(pe.ToArray(), pdb.ToArray());
        var entry = assembly.EntryPoint ?? throw new InvalidOperationException("The compiled program has no entry point.");
        return new Result(new EntryPoint(entry).Invoke, []);
    }

    // The entry point's exceptions come out as thrown (not wrapped), and the traceback leaves this frame
    // out, so it starts at the program's <module>, as CPython's does.
    [System.Diagnostics.StackTraceHidden]
    private sealed class EntryPoint(MethodInfo entry)
    {
        public int Invoke()
        {
            object?[]? arguments = entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()];
            return entry.Invoke(null, BindingFlags.DoNotWrapExceptions, null, arguments, null) is int status ? status : 0;
        }
    }

    // What this runner itself runs on: the .NET libraries and PyAsync (all in the trusted platform assemblies).
    private static IEnumerable<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) ||
                        name is "System.dll" or "mscorlib.dll" or "netstandard.dll" or "PyAsync.dll" or "Microsoft.Win32.Primitives.dll" ||
                        name.StartsWith("Microsoft.Extensions.Logging.Abstractions", StringComparison.Ordinal)))
            .Select(p => MetadataReference.CreateFromFile(p));
}
