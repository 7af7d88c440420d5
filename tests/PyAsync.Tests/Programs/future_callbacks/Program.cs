using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.FutureCallbacks;

public static class Program
{
    static void Callback(Future<string> fut)
    {
        Print($"callback got {fut.Result()}");
    }

    static void Other(Future<string> fut)
    {
        Print("other callback");
    }

    static void Last(Future<string> fut)
    {
        Print("last callback");
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        var fut = loop.CreateFuture<string>();
        fut.AddDoneCallback(Callback);
        fut.AddDoneCallback(Callback);
        Print(fut.RemoveDoneCallback(Callback));
        Print(fut.RemoveDoneCallback(Callback));
        fut.AddDoneCallback(Other);
        fut.AddDoneCallback(Callback);
        fut.AddDoneCallback(Last);
        fut.SetResult("value");
        Print("result set");  // callbacks have not run yet
        await Sleep(0);
        Print("after one iteration");
        // a callback added to a done future is scheduled at once
        fut.AddDoneCallback(Last);
        Print("added to done future");
        await Sleep(0);
        Print("end");
    }

    public static void Entry() => Run(Main());
}
