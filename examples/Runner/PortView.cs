using System.Text.RegularExpressions;

namespace PyAsync.Examples;

/// <summary>
/// A port's source as a user would write it: the examples project's plumbing taken out, so that the
/// C# pane reads like the Python one.
/// </summary>
/// <remarks>
/// <para>An example's file (one with <c>[Example(...)]</c>) is shown as a top-level program:</para>
/// <list type="bullet">
/// <item>the header comment (the <c>//</c> lines before the usings) is dropped: it explains the example
/// to the project, and the Python file has no such header;</item>
/// <item>the usings stay, including <c>using static ...Util;</c>, which is the port's <c>from util import ...</c>;</item>
/// <item><c>namespace PyAsync.Examples.DocNNN;</c>, the <c>[Example(...)]</c> line,
/// <c>public static class XExample</c> with its braces are dropped, and the class body is
/// de-indented one level;</item>
/// <item><c>public static void Entry() =&gt; Run(Main());</c> becomes <c>Run(Main());</c>, and a block
/// <c>Entry()</c> becomes its statements (top-level statements, de-indented out of the method too).</item>
/// </list>
/// <para>A helper module's file (no attribute, such as <c>Util.cs</c> for <c>util.py</c>) keeps its class,
/// which the user writes too (the port imports it with <c>using static</c>); only the header comment and
/// the namespace are dropped.</para>
/// <para>The shape is checked strictly: a file that deviates from it is an error that names the file,
/// rather than a pane that silently shows something else.</para>
/// </remarks>
public static partial class PortView
{
    private const string Indent = "    ";

    /// <summary>The view of <paramref name="source"/>, the text of the file <paramref name="fileName"/> (named in errors).</summary>
    /// <exception cref="FormatException">The file is not of the shape the examples share.</exception>
    public static string Strip(string source, string fileName)
    {
        ArgumentNullException.ThrowIfNull(source);
        var lines = source.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        int i = 0;
        while (i < lines.Length && lines[i].StartsWith("//", StringComparison.Ordinal)) i++;
        var view = new List<string>();
        while (i < lines.Length && UsingDirective().IsMatch(lines[i])) view.Add(lines[i++]);
        if (view.Count == 0) throw Deviation(fileName, i, lines, "the usings after the header comment");
        Expect(lines, ref i, "", fileName, "a blank line after the usings");
        if (i >= lines.Length || !FileScopedNamespace().IsMatch(lines[i])) throw Deviation(fileName, i, lines, "namespace PyAsync.Examples.DocNNN;");
        i++;
        Expect(lines, ref i, "", fileName, "a blank line after the namespace");
        bool isExample = i < lines.Length && ExampleAttributeLine().IsMatch(lines[i]);
        if (isExample) i++;
        if (i >= lines.Length || !StaticClass().IsMatch(lines[i])) throw Deviation(fileName, i, lines, "public static class NAME");
        string classLine = lines[i++];
        Expect(lines, ref i, "{", fileName, "the class's opening brace");
        if (lines[^1] != "}") throw Deviation(fileName, lines.Length - 1, lines, "the class's closing brace as the last line");
        var body = lines[i..^1];
        view.Add("");
        if (isExample) view.AddRange(ProgramBody(body, i, lines, fileName));
        else
        {
            view.Add(classLine);
            view.Add("{");
            view.AddRange(body);
            view.Add("}");
        }
        return string.Join('\n', view).TrimEnd('\n') + "\n";
    }

    /// <summary>The class body of an example de-indented one level, with <c>Entry()</c> replaced by its statements.</summary>
    private static List<string> ProgramBody(string[] body, int offset, string[] lines, string fileName)
    {
        var result = new List<string>();
        bool sawEntry = false;
        for (int k = 0; k < body.Length; k++)
        {
            string line = body[k];
            var entry = EntryLine().Match(line);
            if (entry.Success)
            {
                if (sawEntry) throw Deviation(fileName, offset + k, lines, "a single Entry()");
                sawEntry = true;
                if (entry.Groups[1].Success)
                {
                    result.Add(entry.Groups[1].Value);
                    continue;
                }
                if (k + 1 >= body.Length || body[k + 1] != Indent + "{") throw Deviation(fileName, offset + k + 1, lines, "Entry()'s opening brace");
                int close = Array.IndexOf(body, Indent + "}", k + 2);
                if (close < 0) throw Deviation(fileName, offset + k + 2, lines, "Entry()'s closing brace");
                for (int s = k + 2; s < close; s++)
                {
                    if (body[s].Length > 0 && !body[s].StartsWith(Indent + Indent, StringComparison.Ordinal))
                        throw Deviation(fileName, offset + s, lines, "a statement of Entry() indented two levels");
                    result.Add(body[s].Length == 0 ? "" : body[s][(2 * Indent.Length)..]);
                }
                k = close;
                continue;
            }
            if (line.Length == 0 || line.StartsWith('#')) result.Add(line);
            else if (line.StartsWith(Indent, StringComparison.Ordinal)) result.Add(line[Indent.Length..]);
            else throw Deviation(fileName, offset + k, lines, "a member indented one level inside the class");
        }
        if (!sawEntry) throw new FormatException($"{fileName}: an example's class must have 'public static void Entry()'.");
        while (result.Count > 0 && result[0].Length == 0) result.RemoveAt(0);
        while (result.Count > 0 && result[^1].Length == 0) result.RemoveAt(result.Count - 1);
        return result;
    }

    private static void Expect(string[] lines, ref int i, string expected, string fileName, string what)
    {
        if (i >= lines.Length || lines[i] != expected) throw Deviation(fileName, i, lines, what);
        i++;
    }

    private static FormatException Deviation(string fileName, int index, string[] lines, string expected) =>
        new($"{fileName}:{index + 1}: the examples' C# shape expects {expected} here, found " +
            (index < lines.Length ? $"'{lines[index]}'" : "the end of the file") +
            " (see PortView: header comment, usings, namespace, [Example], public static class, Entry()).");

    [GeneratedRegex(@"^using (?:static )?[\w.]+(?: = [\w.<>]+)?;$")]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"^namespace PyAsync\.Examples\.Doc\d{3};$")]
    private static partial Regex FileScopedNamespace();

    [GeneratedRegex(@"^\[Example\("".*\)\]$")]
    private static partial Regex ExampleAttributeLine();

    [GeneratedRegex(@"^public static class \w+$")]
    private static partial Regex StaticClass();

    [GeneratedRegex(@"^    public static void Entry\(\)(?: => (.+;))?$")]
    private static partial Regex EntryLine();
}
