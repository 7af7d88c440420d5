using System.Text.RegularExpressions;

namespace PyAsync.Tests.Support;

/// <summary>One C# source file of the library, as the layering checks see it.</summary>
/// <param name="Path">The path under src/PyAsync, with '/' separators (e.g. <c>Events/EventLoop.cs</c>).</param>
/// <param name="Folder">The first segment of <paramref name="Path"/>, or <see cref="SourceGraph.Facade"/>.</param>
/// <param name="Text">The source as written.</param>
/// <param name="Code">
/// The source with comments blanked and string and character literals emptied, character for character
/// (same length, same line breaks), so positions in <paramref name="Code"/> are positions in <paramref name="Text"/>.
/// </param>
public sealed record SourceFile(string Path, string Folder, string Text, string Code)
{
    /// <summary>The 1-based line of a position.</summary>
    public int LineOf(int position)
    {
        var line = 1;
        for (var i = 0; i < position && i < Text.Length; i++)
        {
            if (Text[i] == '\n') line++;
        }
        return line;
    }
}

/// <summary>A type declared in a file: <c>class|struct|interface|enum|record|delegate Name</c>.</summary>
/// <param name="Modifiers">The words before the keyword (public, static, partial, ...).</param>
public sealed record TypeDeclaration(SourceFile File, string Name, string Keyword, IReadOnlyList<string> Modifiers)
{
    public bool IsPublic => Modifiers.Contains("public");

    public bool IsPartial => Modifiers.Contains("partial");
}

/// <summary>A file that names a type declared in another file.</summary>
public sealed record TypeEdge(SourceFile From, SourceFile To, string TypeName);

/// <summary>A field declaration at class, struct, record or interface level.</summary>
/// <param name="Declaration">The declaration as written, attributes left out, white space collapsed.</param>
/// <param name="Modifiers">The modifiers written before its type.</param>
/// <param name="ContainerKeyword">class, struct, record or interface: what declares it.</param>
public sealed record FieldDeclaration(SourceFile File, string Declaration, IReadOnlyList<string> Modifiers, string ContainerKeyword, bool InPrivateType);

/// <summary>
/// The type-name dependency graph of a C# source tree, computed as /work/shared/tools/folder-deps.py
/// computes it: comments and literals are blanked; each <c>class|struct|interface|enum|record|delegate
/// Name</c> declares Name in its file; each capitalized identifier of a file that names a type declared in
/// another file is an edge to that file. No compiler, no semantic model: a name is a name, so a type
/// with the same name as another one in another file (nested types, say) makes edges to both; the
/// names the tool ignores for that reason are <see cref="IgnoredNames"/>.
/// </summary>
/// <remarks>
/// The graph is built from a dictionary of path to source text, so the checks run as well on small
/// in-memory trees (to test the checks) as on src/PyAsync.
/// </remarks>
public sealed partial class SourceGraph
{
    /// <summary>The folder of the facade, the <c>Asyncio</c> class that ports import (asyncio/__init__.py).</summary>
    public const string Facade = "Asyncio";

    /// <summary>Names that folder-deps.py ignores: nested types declared under the same name in several files, or a type named like a folder.</summary>
    public static readonly IReadOnlySet<string> IgnoredNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "Slot", "Entry", "State", "Extras", "Time", "Builtins",
    };

    private static readonly HashSet<string> s_typeModifiers = new(StringComparer.Ordinal)
    {
        "public", "internal", "private", "protected", "static", "sealed", "abstract", "readonly", "ref",
        "unsafe", "partial", "file", "new", "record",
    };

    private static readonly HashSet<string> s_memberModifiers = new(StringComparer.Ordinal)
    {
        "public", "internal", "private", "protected", "static", "readonly", "volatile", "const", "new",
        "unsafe", "required", "fixed", "extern", "virtual", "override", "abstract", "sealed", "async", "partial",
    };

    private static readonly HashSet<string> s_typeKeywords = new(StringComparer.Ordinal)
    {
        "class", "struct", "interface", "record", "enum",
    };

    private readonly Dictionary<string, List<TypeDeclaration>> _declarationsByName = new(StringComparer.Ordinal);

    public SourceGraph(IReadOnlyDictionary<string, string> sources)
    {
        Files = sources
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new SourceFile(s.Key.Replace('\\', '/'), FolderOf(s.Key), s.Value, StripCommentsAndLiterals(s.Value)))
            .ToList();
        Declarations = Files.SelectMany(DeclarationsIn).ToList();
        foreach (var declaration in Declarations)
        {
            if (!_declarationsByName.TryGetValue(declaration.Name, out var list)) _declarationsByName[declaration.Name] = list = [];
            list.Add(declaration);
        }

        var edges = new List<TypeEdge>();
        foreach (var file in Files)
        {
            var names = new SortedSet<string>(Identifier().Matches(file.Code).Select(m => m.Value), StringComparer.Ordinal);
            foreach (var name in names)
            {
                if (IgnoredNames.Contains(name) || !_declarationsByName.TryGetValue(name, out var declared)) continue;
                foreach (var target in declared.Select(d => d.File).Distinct())
                {
                    if (target != file) edges.Add(new TypeEdge(file, target, name));
                }
            }
        }
        Edges = edges;
    }

    /// <summary>Every .cs file under <paramref name="root"/>, bin/ and obj/ left out.</summary>
    public static SourceGraph Load(string root)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(root, path).Replace('\\', '/');
            var directories = relative.Split('/')[..^1];
            if (directories.Any(d => d is "bin" or "obj")) continue;
            sources[relative] = File.ReadAllText(path);
        }
        return new SourceGraph(sources);
    }

    public IReadOnlyList<SourceFile> Files { get; }

    public IReadOnlyList<TypeDeclaration> Declarations { get; }

    /// <summary>File to file: From names <see cref="TypeEdge.TypeName"/>, which To declares.</summary>
    public IReadOnlyList<TypeEdge> Edges { get; }

    /// <summary>The declarations of a type name, in every file that declares it.</summary>
    public IReadOnlyList<TypeDeclaration> DeclarationsOf(string name) =>
        _declarationsByName.TryGetValue(name, out var list) ? list : [];

    /// <summary>
    /// The first segment of a path under src/PyAsync; a file directly in src/PyAsync is its own
    /// folder, named after it (and, being in no layer, fails the layering).
    /// </summary>
    public static string FolderOf(string path)
    {
        path = path.Replace('\\', '/');
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 ? path[..slash] : path;
    }

    /// <summary>Where a regular expression matches the code of a file (comments and literals blanked).</summary>
    public static IEnumerable<(int Line, string Text)> Occurrences(SourceFile file, Regex pattern) =>
        pattern.Matches(file.Code).Select(m => (file.LineOf(m.Index), m.Value));

    // ---------------------------------------------------------------------------------------------
    // Lexing

    /// <summary>
    /// Blanks // and /* */ comments (spaces) and empties string literals (regular, verbatim,
    /// interpolated with their holes, raw) and character literals: the quotes stay, what is between
    /// them becomes spaces. Line breaks are kept, so the result has the lines and the length of the source.
    /// </summary>
    public static string StripCommentsAndLiterals(string source)
    {
        var code = source.ToCharArray();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            var next = i + 1 < source.Length ? source[i + 1] : '\0';
            int end;
            if (c == '/' && next == '/')
            {
                end = source.IndexOf('\n', i);
                if (end < 0) end = source.Length;
                Blank(code, i, end, quote: null);
            }
            else if (c == '/' && next == '*')
            {
                end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? source.Length : end + 2;
                Blank(code, i, end, quote: null);
            }
            else if (c == '\'')
            {
                end = SkipCharacter(source, i);
                Blank(code, i, end, quote: '\'');
            }
            else if (IsStringStart(source, i))
            {
                end = SkipString(source, i);
                Blank(code, i, end, quote: '"');
            }
            else
            {
                end = i + 1;
            }
            i = end;
        }
        return new string(code);
    }

    /// <summary>Spaces over [start, end), line breaks kept; a literal keeps its opening and closing <paramref name="quote"/>.</summary>
    private static void Blank(char[] code, int start, int end, char? quote)
    {
        for (var i = start; i < end; i++)
        {
            if (code[i] != '\n' && code[i] != '\r') code[i] = ' ';
        }
        if (quote is { } q && end - start >= 2)
        {
            code[start] = q;
            code[end - 1] = q;
        }
    }

    /// <summary>At <paramref name="i"/>: <c>"</c>, or <c>$</c>/<c>@</c> prefixes followed by <c>"</c>.</summary>
    private static bool IsStringStart(string s, int i)
    {
        if (s[i] == '"') return true;
        if (s[i] != '$' && s[i] != '@') return false;
        if (i > 0 && (char.IsLetterOrDigit(s[i - 1]) || s[i - 1] == '_')) return false;
        var j = i;
        while (j < s.Length && (s[j] == '$' || s[j] == '@')) j++;
        return j < s.Length && s[j] == '"';
    }

    /// <summary>The position just after the string literal that starts at <paramref name="i"/>.</summary>
    private static int SkipString(string s, int i)
    {
        var dollars = 0;
        var verbatim = false;
        while (s[i] != '"')
        {
            if (s[i] == '$') dollars++;
            else verbatim = true;
            i++;
        }
        var quotes = 0;
        while (i + quotes < s.Length && s[i + quotes] == '"') quotes++;
        if (quotes >= 3 && !verbatim)
        {
            // Raw string literal: ends at the next run of as many quotes.
            var close = new string('"', quotes);
            var end = s.IndexOf(close, i + quotes, StringComparison.Ordinal);
            return end < 0 ? s.Length : end + quotes;
        }
        if (quotes == 2 && !verbatim) return i + 2; // ""

        var j = i + 1;
        while (j < s.Length)
        {
            var c = s[j];
            if (c == '\\' && !verbatim)
            {
                j += 2;
            }
            else if (c == '"')
            {
                if (verbatim && j + 1 < s.Length && s[j + 1] == '"') j += 2;
                else return j + 1;
            }
            else if (c == '\n' && !verbatim)
            {
                return j; // unterminated: stop at the end of the line
            }
            else if (c == '{' && dollars > 0)
            {
                if (j + 1 < s.Length && s[j + 1] == '{') j += 2;
                else j = SkipHole(s, j + 1);
            }
            else
            {
                j++;
            }
        }
        return s.Length;
    }

    /// <summary>An interpolation hole, from just after its '{' to just after its '}'; it may hold literals.</summary>
    private static int SkipHole(string s, int j)
    {
        var depth = 1;
        while (j < s.Length)
        {
            var c = s[j];
            if (c == '{')
            {
                depth++;
                j++;
            }
            else if (c == '}')
            {
                depth--;
                j++;
                if (depth == 0) return j;
            }
            else if (c == '\'')
            {
                j = SkipCharacter(s, j);
            }
            else if (IsStringStart(s, j))
            {
                j = SkipString(s, j);
            }
            else
            {
                j++;
            }
        }
        return s.Length;
    }

    /// <summary>The position just after the character literal that starts at <paramref name="i"/>.</summary>
    private static int SkipCharacter(string s, int i)
    {
        var j = i + 1;
        while (j < s.Length)
        {
            var c = s[j];
            if (c == '\\') j += 2;
            else if (c == '\'') { j++; break; }
            else if (c == '\n') break;
            else j++;
        }
        return Math.Min(j, s.Length);
    }

    // ---------------------------------------------------------------------------------------------
    // Declarations

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Identifier();

    // folder-deps.py: \b(?:class|struct|interface|enum|record|delegate\s+\w+(?:<[^>]*>)?)\s+([A-Z]\w*)
    [GeneratedRegex(@"\b(?<keyword>class|struct|interface|enum|record)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex TypeDeclarationPattern();

    // Delegates, whatever their return type: the name is the identifier just before the parameter list.
    [GeneratedRegex(@"\b(?<keyword>delegate)\b(?:[^;{}()=]|\([^;{}()=]*\))*?\b(?<name>[A-Z]\w*)\s*(?:<[^;{}()]*?>)?\s*\(")]
    private static partial Regex DelegateDeclarationPattern();

    private static IEnumerable<TypeDeclaration> DeclarationsIn(SourceFile file)
    {
        var seen = new HashSet<(string, int)>();
        foreach (var pattern in new[] { TypeDeclarationPattern(), DelegateDeclarationPattern() })
        {
            foreach (Match m in pattern.Matches(file.Code))
            {
                if (!seen.Add((m.Groups["name"].Value, m.Groups["name"].Index))) continue;
                yield return new TypeDeclaration(file, m.Groups["name"].Value, m.Groups["keyword"].Value, ModifiersBefore(file.Code, m.Index));
            }
        }
    }

    /// <summary>The modifier words just before a type keyword (e.g. public static partial).</summary>
    private static List<string> ModifiersBefore(string code, int position)
    {
        var modifiers = new List<string>();
        var i = position;
        while (true)
        {
            while (i > 0 && char.IsWhiteSpace(code[i - 1])) i--;
            var end = i;
            while (i > 0 && char.IsLetter(code[i - 1])) i--;
            var word = code[i..end];
            if (word.Length == 0 || !s_typeModifiers.Contains(word)) break;
            if (word != "record") modifiers.Insert(0, word);
        }
        return modifiers;
    }

    // ---------------------------------------------------------------------------------------------
    // Fields

    /// <summary>
    /// The field declarations of a file: member declarations directly in a class, struct, record or
    /// interface body (nested types included) that end with ';' and are not methods (a parameter list),
    /// properties ('{ get'), events, delegates, operators or types. Primary-constructor parameters are
    /// part of the type's header, not members.
    /// </summary>
    public static IReadOnlyList<FieldDeclaration> FieldsOf(SourceFile file)
    {
        var fields = new List<FieldDeclaration>();
        var code = BlankPreprocessorLines(file.Code);
        ParseMembers(file, code, 0, code.Length, "namespace", false, fields);
        return fields;
    }

    private static string BlankPreprocessorLines(string code)
    {
        var chars = code.ToCharArray();
        var lineStart = 0;
        while (lineStart < chars.Length)
        {
            var lineEnd = code.IndexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = chars.Length;
            var first = lineStart;
            while (first < lineEnd && char.IsWhiteSpace(chars[first])) first++;
            if (first < lineEnd && chars[first] == '#')
            {
                for (var i = first; i < lineEnd; i++) chars[i] = ' ';
            }
            lineStart = lineEnd + 1;
        }
        return new string(chars);
    }

    /// <summary>The member declarations of a namespace or type body, [start, end) of <paramref name="code"/>.</summary>
    private static void ParseMembers(SourceFile file, string code, int start, int end, string container, bool privateContainer, List<FieldDeclaration> fields)
    {
        var declarationStart = start;
        var depth = 0; // ( and [
        var i = start;
        while (i < end)
        {
            var c = code[i];
            if (c is '(' or '[')
            {
                depth++;
            }
            else if (c is ')' or ']')
            {
                depth--;
            }
            else if (c == ';' && depth == 0)
            {
                if (container != "namespace") ClassifyMember(file, code, declarationStart, i + 1, container, privateContainer, fields);
                declarationStart = i + 1;
            }
            else if (c == '{')
            {
                var close = MatchingBrace(code, i, end);
                if (depth > 0)
                {
                    i = close + 1;
                    continue;
                }
                var header = code[SkipAttributes(code, declarationStart, i)..i];
                if (AssignmentIndex(header) >= 0)
                {
                    // An initializer or an expression body: the braces are in an expression; the declaration goes on to its ';'.
                    i = close + 1;
                    continue;
                }
                var keyword = TypeKeyword(header);
                // A type nested as private (or inside one) cannot be seen outside its file, nor can its fields.
                var privateType = container != "namespace" && (privateContainer || IsPrivateHeader(header));
                if (keyword is not null && keyword != "enum") ParseMembers(file, code, i + 1, close, keyword, privateType, fields);
                else if (keyword is null && FirstWord(header) == "namespace") ParseMembers(file, code, i + 1, close, "namespace", false, fields);
                // Otherwise a method, constructor, property, indexer, event or operator body, or an enum: no fields in it.
                declarationStart = close + 1;
                i = close + 1;
                continue;
            }
            i++;
        }
    }

    private static bool IsPrivateHeader(string header)
    {
        var words = Regex.Split(header, @"\W+");
        return (words.Contains("private") && !words.Contains("protected")) ||
               !words.Any(w => w is "public" or "internal" or "protected" or "private"); // nested types are private by default
    }

    private static void ClassifyMember(SourceFile file, string code, int start, int end, string container, bool privateContainer, List<FieldDeclaration> fields)
    {
        start = SkipAttributes(code, start, end);
        var text = code[start..(end - 1)];
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed[0] == '=') return; // nothing, or a property's initializer after its '}'
        var assignment = AssignmentIndex(text);
        if (assignment >= 0 && assignment + 1 < text.Length && text[assignment + 1] == '>') return; // => expression body
        var before = assignment >= 0 ? text[..assignment] : text;
        var words = Word().Matches(before).Select(m => m.Value).ToList();
        if (words.Any(w => w is "event" or "delegate" or "operator" or "using" or "namespace" || s_typeKeywords.Contains(w))) return;

        // Modifiers, then the type (possibly a tuple), then the names: a '(' after the type is a parameter list.
        var modifiers = new List<string>();
        var rest = before.TrimStart();
        while (true)
        {
            var m = LeadingWord().Match(rest);
            if (!m.Success || !s_memberModifiers.Contains(m.Groups[1].Value)) break;
            modifiers.Add(m.Groups[1].Value);
            rest = rest[m.Length..];
        }
        if (rest.StartsWith('('))
        {
            var depth = 0;
            var k = 0;
            for (; k < rest.Length; k++)
            {
                if (rest[k] == '(') depth++;
                else if (rest[k] == ')' && --depth == 0) break;
            }
            rest = rest[Math.Min(k + 1, rest.Length)..];
        }
        if (rest.Contains('(', StringComparison.Ordinal)) return; // a method, constructor, local function or record

        var original = file.Text[(start + text.Length - text.TrimStart().Length)..end];
        fields.Add(new FieldDeclaration(file, WhiteSpace().Replace(original, " ").Trim(), modifiers, container, privateContainer));
    }

    /// <summary>Skips white space and attribute lists ([...]) from <paramref name="start"/>.</summary>
    private static int SkipAttributes(string code, int start, int end)
    {
        var i = start;
        while (true)
        {
            while (i < end && char.IsWhiteSpace(code[i])) i++;
            if (i >= end || code[i] != '[') return i;
            var depth = 0;
            for (; i < end; i++)
            {
                if (code[i] == '[') depth++;
                else if (code[i] == ']' && --depth == 0) { i++; break; }
            }
        }
    }

    /// <summary>
    /// The index of the first '=' at parenthesis depth 0 that assigns or starts an expression body
    /// ('=' or '=>'; not '==', '!=', '&lt;=', '&gt;='), skipping an operator's symbol; -1 if none.
    /// </summary>
    private static int AssignmentIndex(string header)
    {
        var depth = 0;
        var from = 0;
        var op = Regex.Match(header, @"\boperator\b");
        if (op.Success)
        {
            var paren = header.IndexOf('(', op.Index);
            from = paren < 0 ? header.Length : paren;
        }
        for (var i = from; i < header.Length; i++)
        {
            var c = header[i];
            if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth--;
            else if (c == '=' && depth == 0)
            {
                var previous = i > 0 ? header[i - 1] : ' ';
                var next = i + 1 < header.Length ? header[i + 1] : ' ';
                if (next == '=' || previous is '=' or '!' or '<' or '>') continue;
                return i;
            }
        }
        return -1;
    }

    /// <summary>class, struct, interface, record or enum if the header declares a type (the keyword before any '(').</summary>
    private static string? TypeKeyword(string header)
    {
        var paren = header.IndexOf('(', StringComparison.Ordinal);
        var head = paren < 0 ? header : header[..paren];
        return Word().Matches(head).Select(m => m.Value).FirstOrDefault(s_typeKeywords.Contains);
    }

    private static string FirstWord(string header) => Word().Match(header).Value;

    private static int MatchingBrace(string code, int open, int end)
    {
        var depth = 0;
        for (var i = open; i < end; i++)
        {
            if (code[i] == '{') depth++;
            else if (code[i] == '}' && --depth == 0) return i;
        }
        return end - 1;
    }

    [GeneratedRegex(@"[A-Za-z_]\w*")]
    private static partial Regex Word();

    [GeneratedRegex(@"^\s*([a-z]+)\b\s*")]
    private static partial Regex LeadingWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
