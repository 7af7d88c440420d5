using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.CoroutineRepr;

public static class Program
{
    static async Coroutine<string> Nested()
    {
        return "nested result";
    }

    static async Coroutine Main()
    {
        var coro = Nested();
        Print(Type(coro));
        Print(coro);
        Print(await coro);
        var task = CreateTask(Nested());
        Print(task.GetCoro());
        await task;
        Print(task.GetCoro() is not null);
    }

    public static void Entry() => Run(Main());
}
