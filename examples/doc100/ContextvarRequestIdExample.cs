// A request-id logger: each request handler sets a ContextVar, and log() reads it however deep the
// call and whatever other requests run meanwhile. Each task runs in a copy of the context of the
// code that created it (gather wraps each coroutine in a task), so a value set in one task never
// leaks into another; reset(token) restores the value before set(). Then copy_context() and
// Context.run().
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 15, "contextvar_request_id", Title = "a ContextVar request id across tasks; copy_context, run")]
public static class ContextvarRequestIdExample
{
    static readonly ContextVar<string> RequestId = new("request_id", @default: "none");

    static void Log(string message)
    {
        Print($"[{RequestId.Get()}] {message}");
    }

    static async Coroutine<int> QueryDatabase(string sql)
    {
        Log($"query: {sql}");
        await Sleep(0.1);
        return 42;
    }

    static async Coroutine HandleRequest(string rid, string path, double delay)
    {
        var token = RequestId.Set(rid);
        Log($"start {path}");
        await Sleep(delay);
        var rows = await QueryDatabase($"SELECT * FROM t WHERE path = {Repr(path)}");
        // a sub-task inherits the handler's request id
        await CreateTask(Audit(path));
        Log($"done {path}: {rows} rows");
        RequestId.Reset(token);
        Log("after reset");
    }

    static async Coroutine Audit(string path)
    {
        Log($"audit {path}");
    }

    static async Coroutine Main()
    {
        Log("server starting");
        await Gather(
            HandleRequest("req-1", "/home", 0.3),
            HandleRequest("req-2", "/about", 0.1),
            HandleRequest("req-3", "/shop", 0.2)
        );
        Log("server idle");

        // Set in main before creating a task: the task sees it; set later: it does not
        RequestId.Set("main");
        var task = CreateTask(Audit("/late"));
        RequestId.Set("changed");
        await task;

        // copy_context() and Context.run()
        var ctx = CopyContext();
        RequestId.Set("after copy");
        ctx.Run(() => Log("inside ctx.run"));
        Log("outside");
        Print(ctx.Run(RequestId.Get));
    }

    public static void Entry() => Run(Main());
}
