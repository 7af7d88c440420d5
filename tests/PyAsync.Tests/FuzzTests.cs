using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PyAsync.Fuzz;
using PyAsync.Tests.Support;
using Xunit.Abstractions;

namespace PyAsync.Tests;

/// <summary>
/// The differential fuzzer's fixed cases (fuzz/, see fuzz/README.md): the corpus of generated programs
/// (fuzz/corpus.jsonl, seeds 0..299) and the shrunk divergences (fuzz/regressions/*.json). Each runs
/// in-process through the C# interpreter and must trace as CPython did (or, for a difference PyAsync keeps
/// or a newer CPython it follows, as the stored PyAsync trace); and the stored CPython traces are checked
/// against CPython itself, 3.11, 3.12 or 3.13 as each program needs.
/// </summary>
/// <remarks>
/// To refresh the stored CPython traces (after changing the language or the generator, regenerate instead:
/// <c>python3 fuzz/fuzz.py corpus</c>), run <c>PYASYNC_UPDATE_EXPECTED=1 dotnet test --filter Stored_fuzz_traces</c>.
/// </remarks>
public class FuzzTests(ITestOutputHelper output)
{
    private static string FuzzDir => Path.Combine(Repository.Root, "fuzz");

    private static string CorpusPath => Path.Combine(FuzzDir, "corpus.jsonl");

    private static List<JsonObject> Corpus() =>
        File.ReadLines(CorpusPath).Where(l => l.Trim().Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    private static JsonObject Regression(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(FuzzDir, "regressions", name + ".json")))!.AsObject();

    public static TheoryData<string> Regressions()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(FuzzDir, "regressions"), "*.json").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    private static List<string> Lines(JsonNode? trace) => trace!.AsArray().Select(l => l!.GetValue<string>()).ToList();

    [Fact]
    public void The_corpus_holds_300_seeds_and_every_kind_of_statement()
    {
        var corpus = Corpus();
        corpus.Select(r => r["seed"]!.GetValue<int>()).ShouldBe(Enumerable.Range(0, 300));
        var text = File.ReadAllText(CorpusPath);
        foreach (var op in new[] { "spawn", "tgspawn", "call", "await", "awaitfut", "sleep", "gather", "waitfor", "shield",
                     "wait", "ascompleted", "tg", "timeout", "timeoutat", "resched", "lock", "sem", "lockwf", "semwf", "evwait", "evwaitwf", "evset",
                     "qput", "qget", "cancel", "fcancel", "addcb", "addcbf", "raise", "try", "setname", "fset",
                     "callsoon", "cancelling", "uncancel" })
            text.ShouldContain($"[\"{op}\"", customMessage: $"no corpus program uses {op}");
    }

    [Fact]
    public void Every_corpus_program_traces_as_CPython_did()
    {
        var failures = new List<string>();
        foreach (var record in Corpus())
        {
            var trace = FuzzInterpreter.Trace(record["program"]!);
            var expected = Lines(record["trace"]);
            if (!trace.SequenceEqual(expected))
                failures.Add($"seed {record["seed"]} (CPython {record["python"]}):\n{Diff(expected, trace)}");
        }
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(3)));
    }

    [Theory]
    [MemberData(nameof(Regressions))]
    public void Regression_traces_as_stored(string name)
    {
        var record = Regression(name);
        string status = record["status"]!.GetValue<string>();
        // "newer": PyAsync follows the newer CPython whose trace the regression records; "kept": a documented difference.
        var expected = Lines(status is "newer" or "kept" ? record["pyasync_trace"] : record["cpython_trace"]);
        var trace = FuzzInterpreter.Trace(record["program"]!);
        trace.ShouldBe(expected, $"{name} ({status}):\n{Diff(expected, trace)}");
    }

    [PythonFact]
    [Trait("Category", "Slow")]
    public void Stored_fuzz_traces_are_what_CPython_prints()
    {
        bool update = Environment.GetEnvironmentVariable("PYASYNC_UPDATE_EXPECTED") == "1";
        var corpus = Corpus();
        var regressions = ((IEnumerable<object[]>)Regressions()).Select(r => (string)r[0]).ToDictionary(n => n, Regression);
        // (what, program, stored trace, setter): every stored CPython trace, by the version it came from.
        var checks = new List<(string What, string Version, JsonNode Program, List<string> Stored, Action<List<string>> Store)>();
        foreach (var r in corpus)
            checks.Add(($"corpus seed {r["seed"]}", r["python"]!.GetValue<string>(), r["program"]!, Lines(r["trace"]), t => r["trace"] = ToJson(t)));
        foreach (var (name, r) in regressions)
        {
            checks.Add(($"regression {name}", r["python"]!.GetValue<string>(), r["program"]!, Lines(r["cpython_trace"]), t => r["cpython_trace"] = ToJson(t)));
            if (r["newer_python"] is { } newer)
                checks.Add(($"regression {name} (PyAsync's trace is CPython {newer}'s)", newer.GetValue<string>(), r["program"]!,
                    Lines(r["pyasync_trace"]), _ => throw new InvalidOperationException($"{name}: CPython {newer} no longer traces as PyAsync does")));
        }

        var failures = new List<string>();
        foreach (var group in checks.GroupBy(c => c.Version))
        {
            string? python = group.Key switch
            {
                "3.11" => Python.Executable,
                "3.12" => Python.Executable312,
                "3.13" => Python.Executable313,
                _ => throw new InvalidOperationException($"no CPython {group.Key}"),
            };
            if (python is null)
            {
                output.WriteLine($"CPython {group.Key} is missing: {group.Count()} stored traces not checked against it.");
                continue;
            }
            var items = group.ToList();
            var traces = RunCPython(python, items.Select(i => i.Program));
            for (int i = 0; i < items.Count; i++)
            {
                if (traces[i].SequenceEqual(items[i].Stored)) continue;
                if (update) items[i].Store(traces[i]);
                else failures.Add($"{items[i].What} (CPython {group.Key}):\n{Diff(items[i].Stored, traces[i])}");
            }
        }
        if (update)
        {
            File.WriteAllLines(CorpusPath, corpus.Select(r => r.ToJsonString(Compact)));
            foreach (var (name, r) in regressions)
                File.WriteAllText(Path.Combine(FuzzDir, "regressions", name + ".json"), r.ToJsonString(Indented) + "\n");
        }
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(3)));
    }

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    private static JsonArray ToJson(List<string> trace) => new(trace.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());

    /// <summary>Runs the programs in one CPython process (fuzz.py py --json) and returns their traces.</summary>
    private static List<List<string>> RunCPython(string python, IEnumerable<JsonNode> programs)
    {
        var input = Path.Combine(Path.GetTempPath(), $"pyasync-fuzz-{Guid.NewGuid():N}.jsonl");
        try
        {
            File.WriteAllLines(input, programs.Select(p => new JsonObject { ["program"] = p.DeepClone() }.ToJsonString()));
            var psi = new ProcessStartInfo(python)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add(Path.Combine(FuzzDir, "fuzz.py"));
            psi.ArgumentList.Add("py");
            psi.ArgumentList.Add("--json");
            psi.ArgumentList.Add(input);
            psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
            using var process = System.Diagnostics.Process.Start(psi)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var lines = new List<List<string>>();
            while (process.StandardOutput.ReadLine() is { } line)
                lines.Add(Lines(JsonNode.Parse(line)!["trace"]));
            if (!process.WaitForExit((int)PyRun.Watchdog.TotalMilliseconds))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{python} fuzz.py did not finish");
            }
            process.ExitCode.ShouldBe(0, stderr.Result);
            return lines;
        }
        finally
        {
            File.Delete(input);
        }
    }

    /// <summary>The first difference with three lines of context either side.</summary>
    private static string Diff(List<string> expected, List<string> actual)
    {
        int i = 0;
        while (i < expected.Count && i < actual.Count && expected[i] == actual[i]) i++;
        var lines = new List<string>();
        for (int k = Math.Max(0, i - 3); k < i; k++) lines.Add("  " + expected[k]);
        for (int k = i; k < Math.Min(expected.Count, i + 4); k++) lines.Add("- " + expected[k]);
        for (int k = i; k < Math.Min(actual.Count, i + 4); k++) lines.Add("+ " + actual[k]);
        return string.Join("\n", lines);
    }
}
