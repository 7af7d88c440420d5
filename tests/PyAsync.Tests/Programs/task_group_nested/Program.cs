using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.TaskGroupNested;

public static class Program
{
    static async Coroutine<string> Step(string name, double seconds)
    {
        await Sleep(seconds);
        Print($"{name} at {Str(GetRunningLoop().Time())}");
        return name;
    }

    static async Coroutine<string> InnerGroup()
    {
        PyTask<string> a, b;
        await using (var inner = TaskGroup())
        {
            a = inner.CreateTask(Step("inner a", 1));
            b = inner.CreateTask(Step("inner b", 2));
        }
        Print("inner group done");
        return a.Result() + " & " + b.Result();
    }

    static async Coroutine Main()
    {
        PyTask<string> t, u, v;
        await using (var outer = TaskGroup())
        {
            t = outer.CreateTask(InnerGroup());
            u = outer.CreateTask(Step("outer", 1.5));
            await using (var bodyGroup = TaskGroup())
            {
                v = bodyGroup.CreateTask(Step("body", 0.5));
            }
            Print("body group done");
        }
        Print("outer group done");
        Print(t.Result(), u.Result(), v.Result());
    }

    public static void Entry() => Run(Main());
}
