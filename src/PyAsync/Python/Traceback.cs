using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace PyAsync;

/// <summary>
/// Mirrors the parts of Python's <c>traceback</c> module that ports use: <c>format_exception</c> and
/// <c>print_exception</c>, in the shape CPython prints an uncaught exception in (which is also what a
/// ported program prints when its main raises: see <see cref="ProgramContext.RunMain"/>).
/// </summary>
/// <remarks>
/// <para>
/// The frames are the program's own: a .NET stack trace also holds PyAsync's and .NET's frames (the
/// event loop, the task machinery, the runtime's async plumbing), which a port does not have lines
/// for, so frames of the PyAsync assembly and of <c>System.*</c>/<c>Microsoft.*</c> are left out. CPython
/// shows asyncio's own frames (<c>runners.py</c>, <c>base_events.py</c>) between the program's; the
/// program's frames come in the same order. Methods and classes marked <see cref="StackTraceHiddenAttribute"/>
/// (a host's frames around the program it runs) are left out too. Top-level statements are named <c>&lt;module&gt;</c>, an async
/// method by its own name, a local function as <c>Outer.&lt;locals&gt;.Name</c>, as CPython names them.
/// </para>
/// <para>
/// Each frame shows its source line when the file is there (from the pdb's file and line, like
/// CPython's <c>linecache</c>). Differences: no <c>^^^^</c> markers under the line (3.11 adds them for
/// some expressions); a .NET <see cref="Exception.InnerException"/> is shown as the exception's
/// <c>__cause__</c> ("The above exception was the direct cause of the following exception"), since .NET
/// has no implicit <c>__context__</c>. Exception groups print in CPython's nested box shape.
/// </para>
/// </remarks>
public static class Traceback
{
    private const int RecursiveCutoff = 3;   // traceback._RECURSIVE_CUTOFF
    private const int MaxGroupWidth = 15;    // TracebackException's max_group_width
    private const int MaxGroupDepth = 10;    // and max_group_depth
    private const string CauseMessage = "\nThe above exception was the direct cause of the following exception:\n\n";

    // linecache: the lines of the source files frames name, read once.
    private static readonly ConcurrentDictionary<string, string[]?> s_lines = new(StringComparer.Ordinal);

    /// <summary>
    /// Mirrors <c>''.join(traceback.format_exception(exc))</c>: the text CPython prints for an uncaught
    /// <paramref name="exception"/>, ending with a newline. See the remarks of <see cref="Traceback"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    public static string FormatException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var output = new StringBuilder();
        Format(exception, new PrintContext(output), new HashSet<Exception>(ReferenceEqualityComparer.Instance));
        return output.ToString();
    }

    /// <summary>
    /// Mirrors <c>traceback.print_exception(exc, file=None)</c>: writes <see cref="FormatException"/>'s text
    /// to <paramref name="file"/>, or to <see cref="Sys.Stderr"/> when it is null.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    public static void PrintException(Exception exception, TextWriter? file = null)
    {
        string text = FormatException(exception);
        (file ?? Sys.Stderr).Write(text);
    }

    /// <summary>
    /// The frames of <paramref name="exception"/>'s stack trace, oldest first, each with what a
    /// traceback needs to show or leave it out. Never throws.
    /// </summary>
    internal static List<FrameSummary> Frames(Exception exception)
    {
        var frames = new List<FrameSummary>();
        StackFrame[] stack;
        try
        {
            stack = new StackTrace(exception, fNeedFileInfo: true).GetFrames();
        }
        catch (Exception)
        {
            return frames;
        }
        for (int i = stack.Length - 1; i >= 0; i--)
            if (Describe(stack[i]) is { } frame) frames.Add(frame);
        return frames;
    }

    // TracebackException.format, with its chain (__cause__ only: InnerException) and its groups.
    private static void Format(Exception exception, PrintContext context, HashSet<Exception> seen)
    {
        seen.Add(exception);
        if (exception is not ExceptionGroup && exception.InnerException is { } cause && !seen.Contains(cause))
        {
            Format(cause, context, seen);
            context.Emit(CauseMessage);
        }
        if (exception is not ExceptionGroup group)
        {
            EmitStack(exception, context, "Traceback (most recent call last):\n", null);
            context.Emit(ExceptionOnly(exception));
            return;
        }
        if (context.Depth > MaxGroupDepth)
        {
            context.Emit($"... (max_group_depth is {MaxGroupDepth})\n");
            return;
        }
        bool topLevel = context.Depth == 0;
        if (topLevel) context.Depth++;
        EmitStack(exception, context, "Exception Group Traceback (most recent call last):\n", topLevel ? '+' : null);
        context.Emit(ExceptionOnly(exception));
        int count = group.Exceptions.Count;
        int shown = count <= MaxGroupWidth ? count : MaxGroupWidth + 1;
        context.NeedClose = false;
        for (int i = 0; i < shown; i++)
        {
            bool last = i == shown - 1;
            if (last) context.NeedClose = true;
            bool truncated = i >= MaxGroupWidth;
            string title = truncated ? "..." : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Raw($"{context.Indent}{(i == 0 ? "+-" : "  ")}+---------------- {title} ----------------\n");
            context.Depth++;
            if (!truncated)
            {
                Format(group.Exceptions[i], context, seen);
            }
            else
            {
                int remaining = count - MaxGroupWidth;
                context.Emit($"and {remaining} more exception{(remaining > 1 ? "s" : "")}\n");
            }
            if (last && context.NeedClose)
            {
                context.Raw($"{context.Indent}+------------------------------------\n");
                context.NeedClose = false;
            }
            context.Depth--;
        }
        if (topLevel) context.Depth = 0;
    }

    private static void EmitStack(Exception exception, PrintContext context, string header, char? margin)
    {
        var frames = Frames(exception).Where(f => f.IsProgram).ToList();
        if (frames.Count == 0) return;
        context.Emit(header, margin);
        context.Emit(FormatStack(frames));
    }

    // StackSummary.format: a frame repeated more than three times in a row is summarised.
    private static string FormatStack(List<FrameSummary> frames)
    {
        var text = new StringBuilder();
        FrameSummary? previous = null;
        int count = 0;
        foreach (var frame in frames)
        {
            if (previous is null || !previous.SameLocation(frame))
            {
                if (count > RecursiveCutoff) AppendRepeated(text, count - RecursiveCutoff);
                previous = frame;
                count = 0;
            }
            count++;
            if (count > RecursiveCutoff) continue;
            text.Append(frame.File is null ? $"  File \"<unknown>\", in {frame.Name}\n" : $"  File \"{frame.File}\", line {frame.Line}, in {frame.Name}\n");
            if (SourceLine(frame.File, frame.Line) is { Length: > 0 } source) text.Append("    ").Append(source).Append('\n');
        }
        if (count > RecursiveCutoff) AppendRepeated(text, count - RecursiveCutoff);
        return text.ToString();
    }

    private static void AppendRepeated(StringBuilder text, int more) =>
        text.Append($"  [Previous line repeated {more} more time{(more > 1 ? "s" : "")}]\n");

    // format_exception_only: "module.Name: str", the module left out for builtins and __main__.
    private static string ExceptionOnly(Exception exception)
    {
        string name;
        string description;
        try
        {
            var type = PyTypes.Of(exception);
            name = type.Module is "builtins" or "__main__" ? type.Name : type.QualifiedName;
        }
        catch (Exception)
        {
            name = exception.GetType().Name;
        }
        try
        {
            description = PyRepr.ExceptionStr(exception);
        }
        catch (Exception)
        {
            description = "<exception str() failed>"; // what CPython's traceback prints for it
        }
        return description.Length == 0 ? name + "\n" : $"{name}: {description}\n";
    }

    private static string? SourceLine(string? file, int line)
    {
        if (file is null || line <= 0) return null;
        var lines = s_lines.GetOrAdd(file, static path =>
        {
            try
            {
                return File.Exists(path) ? File.ReadAllLines(path) : null;
            }
            catch (Exception)
            {
                return null;
            }
        });
        return lines is not null && line <= lines.Length ? lines[line - 1].Trim() : null;
    }

    private static FrameSummary? Describe(StackFrame frame)
    {
        string? file = frame.GetFileName();
        int line = frame.GetFileLineNumber();
        if (MethodOf(frame) is { } method)
        {
            var type = method.DeclaringType;
            // A host's frames between it and the program it runs, marked as .NET marks its own.
            if (method.IsDefined(typeof(StackTraceHiddenAttribute), inherit: false) ||
                type?.IsDefined(typeof(StackTraceHiddenAttribute), inherit: false) == true) return null;
            string ns = type?.Namespace ?? "";
            bool ours = type?.Assembly == typeof(Traceback).Assembly;
            string name = method.Name == "MoveNext" && type is not null ? QualNames.OfStateMachine(type) : QualNames.OfMethodName(method.Name);
            return new FrameSummary(name, ns, ours, file, line);
        }
#if NET9_0_OR_GREATER
        // No reflection metadata for the method (NativeAOT): its name and its type's name survive as strings.
        if (DiagnosticMethodInfo.Create(frame) is { } info)
        {
            string typeName = info.DeclaringTypeName ?? "";
            int generic = typeName.IndexOf('[', StringComparison.Ordinal);
            if (generic >= 0) typeName = typeName[..generic];
            int nested = typeName.IndexOf('+', StringComparison.Ordinal);
            string outer = nested >= 0 ? typeName[..nested] : typeName;
            int dot = outer.LastIndexOf('.');
            string ns = dot < 0 ? "" : outer[..dot];
            string simpleType = typeName[(Math.Max(typeName.LastIndexOf('+'), typeName.LastIndexOf('.')) + 1)..];
            bool ours = info.DeclaringAssemblyName is { } assembly && assembly.StartsWith("PyAsync,", StringComparison.Ordinal);
            string name = info.Name == "MoveNext" ? QualNames.OfStateMachineName(simpleType) : QualNames.OfMethodName(info.Name);
            return new FrameSummary(name, ns, ours, file, line);
        }
#endif
        return null;
    }

    /// <summary>The frame's method, where its metadata is there.</summary>
    /// <remarks>
    /// Trimming: only the name of a method that is on the stack, and its declaring type's name,
    /// namespace and assembly, are read; the method ran, so a trimmer kept it. Where no reflection
    /// metadata is kept for it (NativeAOT), <see cref="StackFrame.GetMethod"/> returns null, and
    /// <see cref="Describe"/> names the frame from <c>DiagnosticMethodInfo</c> (.NET 9 and later) or leaves it out (.NET 8).
    /// </remarks>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification =
        "Reads the name and declaring type of a method on the stack; null (no metadata under NativeAOT) is handled by the caller.")]
    private static System.Reflection.MethodBase? MethodOf(StackFrame frame) => frame.GetMethod();

    /// <summary>One frame: the name CPython would give its function, where it is, and whose it is.</summary>
    internal sealed record FrameSummary(string Name, string Namespace, bool IsPyAsync, string? File, int Line)
    {
        /// <summary>A frame of the program itself, not of PyAsync or .NET.</summary>
        public bool IsProgram => !IsPyAsync && !IsFramework(Namespace);

        /// <summary>Async plumbing: the runtime's and PyAsync's own await machinery, which no traceback shows.</summary>
        public bool IsAsyncPlumbing => Namespace.StartsWith("System.Runtime", StringComparison.Ordinal) || Namespace == "PyAsync.CompilerServices";

        public bool SameLocation(FrameSummary other) => other.File == File && other.Line == Line && other.Name == Name;

        private static bool IsFramework(string ns) =>
            ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) ||
            ns == "Microsoft" || ns.StartsWith("Microsoft.", StringComparison.Ordinal);
    }

    // traceback._ExceptionPrintContext: the group nesting and its margins.
    private sealed class PrintContext(StringBuilder output)
    {
        public int Depth { get; set; }

        public bool NeedClose { get; set; }

        public string Indent => new(' ', 2 * Depth);

        /// <summary>Writes <paramref name="text"/> with every line indented for the current depth, margin <c>|</c> (or <paramref name="margin"/>).</summary>
        public void Emit(string text, char? margin = null)
        {
            string prefix = Indent + (Depth > 0 ? (margin ?? '|') + " " : "");
            // textwrap.indent(text, prefix, lambda line: True): every line, empty ones too.
            for (int start = 0; start < text.Length;)
            {
                int newline = text.IndexOf('\n', start);
                int end = newline < 0 ? text.Length : newline + 1;
                output.Append(prefix).Append(text, start, end - start);
                start = end;
            }
        }

        public void Raw(string text) => output.Append(text);
    }
}
