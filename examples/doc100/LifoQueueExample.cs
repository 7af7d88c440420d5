// A LifoQueue hands out the most recently added item first, like a stack: three numbers come back
// reversed, then a depth-first walk of a small tree, each step pushing the children of the node it
// took and marking it task_done(), so join() returns at the end.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 11, "lifo_queue", Title = "LifoQueue: a stack, and a depth-first walk")]
public static class LifoQueueExample
{
    static readonly Dictionary<string, string[]> Tree = new()
    {
        ["root"] = ["a", "b"],
        ["a"] = ["a1", "a2"],
        ["b"] = ["b1"],
        ["a1"] = [], ["a2"] = [], ["b1"] = [],
    };

    static async Coroutine Main()
    {
        var stack = LifoQueue<object>();
        for (var i = 1; i < 4; i++)
            await stack.Put(i);
        Print(stack);
        var popped = new List<object>();
        while (!stack.Empty())
        {
            popped.Add(stack.GetNowait());
            stack.TaskDone();
        }
        Print(popped);

        await stack.Put("root");
        var order = new List<string>();
        while (!stack.Empty())
        {
            var node = (string)await stack.Get();
            order.Add(node);
            foreach (var child in Tree[node])
                await stack.Put(child);
            stack.TaskDone();
        }
        Print(string.Join(" -> ", order));
        await stack.Join();
        Print("joined:", stack.QSize(), stack.Empty());
    }

    public static void Entry() => Run(Main());
}
