using System.Diagnostics;
using PyAsync;
using PyAsync.Examples;

// The examples runner: each seed snippet's C# port, run and checked against CPython's output.
//   dotnet run --project examples                 run every example (virtual clock)
//   dotnet run --project examples -- list         list the examples
//   dotnet run --project examples -- run NAME     run one example
//   add --real-time to sleep for real instead of on the virtual clock
var arguments = args.ToList();
bool realTime = arguments.Remove("--real-time");
string command = arguments.Count > 0 ? arguments[0] : "all";

switch (command)
{
    case "list":
        foreach (var group in Catalog.All.GroupBy(e => e.Document))
        {
            Console.WriteLine(group.Key);
            foreach (var example in group) Console.WriteLine($"  {example.Name}");
        }
        return 0;
    case "run" when arguments.Count > 1:
        var chosen = Catalog.All.FirstOrDefault(e => e.Name == arguments[1]);
        if (chosen is null)
        {
            Console.Error.WriteLine($"No example named '{arguments[1]}'; try: list");
            return 2;
        }
        return RunExamples([chosen], realTime);
    case "all":
        return RunExamples(Catalog.All, realTime);
    default:
        Console.Error.WriteLine("usage: [list | run NAME | all] [--real-time]");
        return 2;
}

static int RunExamples(IEnumerable<Example> examples, bool realTime)
{
    int failures = 0;
    foreach (var example in examples)
    {
        var output = new StringWriter { NewLine = "\n" };
        var errors = new StringWriter { NewLine = "\n" };
        TimeProvider clock = realTime ? TimeProvider.System : new VirtualClock();
        var watch = Stopwatch.StartNew();
        using (ProgramContext.Enter(output, errors, clock))
        {
            example.Entry();
        }
        watch.Stop();
        string expected = File.ReadAllText(example.ExpectedPath).Replace("\r\n", "\n");
        bool same = output.ToString() == expected;
        if (!same) failures++;
        double seconds = clock is VirtualClock v ? v.Seconds : watch.Elapsed.TotalSeconds;
        Console.WriteLine($"== {example.Document}/{example.Name}: {(same ? "matches CPython" : "DIFFERS from CPython")} ({seconds:0.0##} s {(realTime ? "real" : "virtual")} time)");
        Console.Write(output.ToString());
        if (errors.ToString().Length > 0) Console.Write("stderr:\n" + errors);
        if (!same) Console.Write("expected:\n" + expected);
    }
    return failures == 0 ? 0 : 1;
}
