// The port of sigint_probe.py (and, for the "uncaught-" modes, of uncaught_probe.py: Uncaught.cs), line for line (Console.Out flushes each line, as flush=True does).
using PyAsync;
using static PyAsync.Asyncio;

if (args[0].StartsWith("uncaught-", StringComparison.Ordinal))
{
    // "--keep-dotnet-crash": what an app gets that sets the switch in its project.
    if (args.Length > 1 && args[1] == "--keep-dotnet-crash") AppContext.SetSwitch("PyAsync.KeepDotnetCrash", true);
    Uncaught.Start(args[0]["uncaught-".Length..]);
    return 0;
}

try
{
    Print(Run(Main(args[0])));
}
catch (KeyboardInterrupt e)
{
    Print($"KeyboardInterrupt {Repr(e.Args)}");
    return 130;
}
return 0;

static async Coroutine Worker()
{
    try
    {
        await Sleep(3600);
    }
    catch (CancelledError)
    {
        Print("worker cancelled");
        throw;
    }
}

static async Coroutine<string> Main(string mode)
{
    var task = CreateTask(Worker());
    await Sleep(0);
    Print("ready");
    try
    {
        await Sleep(3600);
    }
    catch (CancelledError e)
    {
        Print($"main cancelled {Repr(e.Args)}");
        if (mode == "reraise") throw;
    }
    return "main returned";
}
