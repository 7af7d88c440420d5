using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.FutureOutsideLoop;

public static class Program
{
    public static void Entry()
    {
        var myFuture = Future<int>();

        Print($"Is my_future done? {Str(myFuture.Done())}");

        myFuture.SetResult(42);

        Print($"Is my_future done? {Str(myFuture.Done())}");
        Print($"What is the result of my_future? {myFuture.Result()}");
        Print(myFuture);
    }
}
