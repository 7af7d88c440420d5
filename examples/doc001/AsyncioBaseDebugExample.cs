// Seed 001, the first snippet (asyncio-base.py) run in debug mode, asyncio.run(..., debug=True):
// not in the document, it shows the mistake the document's program makes. The blocking
// time.sleep(3) in worker holds the event loop for one whole task step, and debug mode reports it
// on stderr: "Executing <Task ...> took 3.000 seconds". stdout is the document's output.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc001;

[Example("001", 2, "asyncio_base_debug", Title = "debug mode reports the blocked loop")]
public static class AsyncioBaseDebugExample
{
    static async Coroutine<int> Worker()
    {
        Print("worker - will take some time");
        Time.Sleep(3);
        Print("worker - done it");
        return 42;
    }


    static async Coroutine DoSomething()
    {
        Print("do_something - will wait for worker");
        var result = await Worker();
        Print("do_something - result:", result);
    }


    static void Main()
    {
        Print("Main - Starting");
        Run(DoSomething(), debug: true);
        Print("Main - Done");
    }


    public static void Entry()
    {
        // if __name__ == '__main__':
        Main();
    }
}
