// Seed 001, the first snippet (the program asyncio-base.py): main() runs do_something with
// asyncio.run; do_something awaits worker, whose time.sleep(3) blocks the thread and with it the
// whole event loop for 3 seconds (nothing else could run meanwhile). The document's output is
// CPython's.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc001;

[Example("001", 1, "asyncio_base", Title = "a worker blocking the loop with time.sleep")]
public static class AsyncioBaseExample
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
        Run(DoSomething());
        Print("Main - Done");
    }


    public static void Entry()
    {
        // if __name__ == '__main__':
        Main();
    }
}
