namespace PyAsync;

/// <summary>
/// Turns the C# compiler's generated names into the qualified names CPython prints
/// (<c>__qualname__</c>): <c>&lt;Main&gt;d__0</c> becomes <c>Main</c>, a local function <c>G</c> of
/// <c>Main</c> becomes <c>Main.&lt;locals&gt;.G</c>, a lambda becomes <c>Main.&lt;locals&gt;.&lt;lambda&gt;</c>.
/// </summary>
/// <remarks>
/// Ordinal span scanning, not regular expressions or string searches that take a culture: the first
/// coroutine a program creates asks for its name, and building the three <c>Regex</c>es (which also
/// load CompareInfo and JIT SearchValues code) cost a hello-world about 8 ms before its first line.
/// Each function matches what the pattern in its comment matched (greedy <c>.+</c>: the last possible
/// split wins).
/// </remarks>
internal static class QualNames
{
    /// <summary>The qualname of the async method whose compiler-generated state machine is <paramref name="stateMachine"/>.</summary>
    public static string OfStateMachine(Type stateMachine) => OfStateMachineName(stateMachine.Name);

    /// <summary>The qualname of the async method whose state machine's (simple) type name is <paramref name="name"/>.</summary>
    public static string OfStateMachineName(string name) =>
        StateMachineInner(name) is { } inner ? OfMember(inner) : name;

    /// <summary>The qualname of a delegate's method, as CPython's <c>_format_callback</c> shows it.</summary>
    public static string OfDelegate(Delegate d) => OfMember(d.Method.Name);

    /// <summary>
    /// The qualname of a (non-async) method named <paramref name="name"/> as a stack frame shows it:
    /// top-level statements (<c>&lt;Main&gt;$</c>) are the module, <c>&lt;module&gt;</c>, as in a traceback.
    /// </summary>
    public static string OfMethodName(string name) => name == "<Main>$" ? "<module>" : OfMember(name);

    private static string OfMember(string name)
    {
        if (LocalFunction(name) is var (outer, local)) return Qualify(outer, local);
        if (LambdaOuter(name) is { } lambdaOuter) return Qualify(lambdaOuter, "<lambda>");
        return name;
    }

    // ^<(?<inner>.+)>d(__\d+)?(`\d+)?$
    private static string? StateMachineInner(string name)
    {
        if (name.Length < 4 || name[0] != '<') return null;
        for (int at = name.AsSpan().LastIndexOf(">d"); at > 1; at = name.AsSpan(0, at).LastIndexOf(">d"))
        {
            int i = at + 2;
            if (i + 2 < name.Length && name[i] == '_' && name[i + 1] == '_' && char.IsAsciiDigit(name[i + 2]))
                for (i += 2; i < name.Length && char.IsAsciiDigit(name[i]); i++) { }
            if (i + 1 < name.Length && name[i] == '`' && char.IsAsciiDigit(name[i + 1]))
                for (i++; i < name.Length && char.IsAsciiDigit(name[i]); i++) { }
            if (i == name.Length) return name[1..at];
        }
        return null;
    }

    // ^<(?<outer>.+)>g__(?<name>[^|]+)\|
    private static (string Outer, string Name)? LocalFunction(string name)
    {
        if (name.Length < 2 || name[0] != '<') return null;
        for (int at = name.AsSpan().LastIndexOf(">g__"); at > 1; at = name.AsSpan(0, at).LastIndexOf(">g__"))
        {
            int bar = name.IndexOf('|', at + 4);
            if (bar > at + 4) return (name[1..at], name[(at + 4)..bar]);
        }
        return null;
    }

    // ^<(?<outer>.+)>b__
    private static string? LambdaOuter(string name)
    {
        if (name.Length < 2 || name[0] != '<') return null;
        int at = name.AsSpan().LastIndexOf(">b__");
        return at > 1 ? name[1..at] : null;
    }

    // Top-level statements compile into "<Main>$": its local functions are module-level in Python terms.
    private static string Qualify(string outer, string name) =>
        outer == "<Main>$" ? name : $"{OfMember(outer)}.<locals>.{name}";
}
