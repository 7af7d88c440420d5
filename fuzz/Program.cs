using System.Text.Json;
using System.Text.Json.Nodes;
using PyAsync.Fuzz;

// dotnet run --project fuzz -- [--json] FILE...: runs each program (a .json program or regression, or a
// .jsonl of them) on PyAsync's virtual clock and prints its trace; --json prints one {"trace": [...]} a line.
bool json = args.Contains("--json");
var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = false, NewLine = "\n" };
foreach (var file in args.Where(a => a != "--json"))
{
    foreach (var program in FuzzInterpreter.Load(file))
    {
        var trace = FuzzInterpreter.Trace(program);
        if (json)
            stdout.WriteLine(new JsonObject { ["trace"] = new JsonArray(trace.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()) }
                .ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        else
        {
            foreach (var line in trace) stdout.WriteLine(line);
            stdout.WriteLine("========");
        }
    }
}
stdout.Flush();
