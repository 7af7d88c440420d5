using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace PyAsync;

/// <summary>
/// Turns the C# compiler's generated names into the qualified names CPython prints
/// (<c>__qualname__</c>): <c>&lt;Main&gt;d__0</c> becomes <c>Main</c>, a local function <c>G</c> of
/// <c>Main</c> becomes <c>Main.&lt;locals&gt;.G</c>, a lambda becomes <c>Main.&lt;locals&gt;.&lt;lambda&gt;</c>.
/// </summary>
internal static class QualNames
{
    private static readonly ConcurrentDictionary<Type, string> s_stateMachines = new();
    private static readonly Regex s_stateMachineName = new(@"^<(?<inner>.+)>d(__\d+)?(`\d+)?$", RegexOptions.CultureInvariant);
    private static readonly Regex s_localFunction = new(@"^<(?<outer>.+)>g__(?<name>[^|]+)\|", RegexOptions.CultureInvariant);
    private static readonly Regex s_lambda = new(@"^<(?<outer>.+)>b__", RegexOptions.CultureInvariant);

    /// <summary>The qualname of the async method whose compiler-generated state machine is <paramref name="stateMachine"/>.</summary>
    public static string OfStateMachine(Type stateMachine) => s_stateMachines.GetOrAdd(stateMachine, static t =>
    {
        var m = s_stateMachineName.Match(t.Name);
        return m.Success ? OfMember(m.Groups["inner"].Value) : t.Name;
    });

    /// <summary>The qualname of a delegate's method, as CPython's <c>_format_callback</c> shows it.</summary>
    public static string OfDelegate(Delegate d) => OfMember(d.Method.Name);

    private static string OfMember(string name)
    {
        var local = s_localFunction.Match(name);
        if (local.Success) return Qualify(local.Groups["outer"].Value, local.Groups["name"].Value);
        var lambda = s_lambda.Match(name);
        if (lambda.Success) return Qualify(lambda.Groups["outer"].Value, "<lambda>");
        return name;
    }

    // Top-level statements compile into "<Main>$": its local functions are module-level in Python terms.
    private static string Qualify(string outer, string name) =>
        outer == "<Main>$" ? name : $"{OfMember(outer)}.<locals>.{name}";
}
