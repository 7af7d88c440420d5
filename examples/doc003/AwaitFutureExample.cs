// Seed 003, "Futures", closing prose (no code): awaiting a future pauses the coroutine until the
// future has a value; once it is set, the await returns it. The example is the book's listing:
// make_request returns a future that a task sets after one second, while main awaits it.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc003;

[Example("003", 11, "await_future", Title = "awaiting a future until another task sets it")]
public static class AwaitFutureExample
{
    static Future<int> MakeRequest()
    {
        var future = Future<int>();
        _ = CreateTask(SetFutureValue(future));
        return future;
    }

    static async Coroutine SetFutureValue(Future<int> future)
    {
        await Sleep(1);
        future.SetResult(42);
    }

    static async Coroutine Main()
    {
        var future = MakeRequest();
        Print($"Is the future done? {Str(future.Done())}");
        var value = await future;
        Print($"Is the future done? {Str(future.Done())}");
        Print(value);
    }

    public static void Entry() => Run(Main());
}
