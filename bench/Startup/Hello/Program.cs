// hello.py, line for line: the program the start-up bench (dotnet run -c Release --project bench --
// startup) publishes as JIT, ReadyToRun and NativeAOT and times against python3 hello.py.
using PyAsync;
using static PyAsync.Asyncio;

async Coroutine Main()
{
    Print("Hello ...");
    await Sleep(0.1);
    Print("... World!");
}

Run(Main());
