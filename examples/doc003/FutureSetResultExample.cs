// Seed 003, "Futures": a Future starts incomplete; set_result completes it, and result() returns the
// value. The snippet runs at module level, outside any event loop, as the document shows it; the
// document shows no output.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc003;

[Example("003", 10, "future_set_result", Title = "a Future before and after set_result")]
public static class FutureSetResultExample
{
    public static void Entry()
    {
        var myFuture = Future<int>();

        Print($"Is my_future done? {Str(myFuture.Done())}");

        myFuture.SetResult(42);

        Print($"Is my_future done? {Str(myFuture.Done())}");
        Print($"What is the result of my_future? {myFuture.Result()}");
    }
}
