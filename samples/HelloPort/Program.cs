// hello_port.py, ported line for line. Its output is CPython's (hello_port.txt).
using PyAsync;
using static PyAsync.Asyncio;

static async Coroutine<int> SayAfter(double delay, string what)
{
    await Sleep(delay);
    Print(what);
    return what.Length;
}

static async Coroutine<int> Main()
{
    var task1 = CreateTask(SayAfter(0.2, "hello"));
    var task2 = CreateTask(SayAfter(0.1, "world"));
    Print(task1.GetName(), task2.GetName());
    var results = await Gather(task1, task2);
    Print(results);
    var (a, b) = results;
    try
    {
        await WaitFor(SayAfter(1, "too late"), timeout: 0.05);
    }
    catch (TimeoutError)
    {
        Print("timed out");
    }
    return a + b;
}

Print(Run(Main()));
