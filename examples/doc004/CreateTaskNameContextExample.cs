// Seed 004, "Creating tasks": asyncio.create_task(coro, *, name=None, context=None). The document
// shows only the signature and describes the arguments in prose; the example gives a task a name
// (read back with get_name()) and a context copied earlier with contextvars.copy_context(), so the
// task sees the context variable's value at the time of the copy, while a task created without a
// context runs in a copy of the current context.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc004;

[Example("004", 9, "create_task_name_context", Title = "create_task with name= and context=")]
public static class CreateTaskNameContextExample
{
    static readonly ContextVar<string> RequestId = new("request_id");

    static async Coroutine Handle(string what)
    {
        var name = CurrentTask()!.GetName();
        Print($"{name} handles {what} for {RequestId.Get()}");
    }

    static async Coroutine Main()
    {
        RequestId.Set("request-1");
        var context = CopyContext();
        RequestId.Set("request-2");

        var task = CreateTask(Handle("a"), name: "handler-a", context: context);
        Print(task.GetName());
        await task;

        // no context: the task runs in a copy of the current one
        task = CreateTask(Handle("b"), name: "handler-b");
        await task;
    }

    public static void Entry() => Run(Main());
}
