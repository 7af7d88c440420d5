// asyncio.to_thread() runs a blocking function in a worker thread with a copy of the caller's
// context: the function sees the caller's context variables, and what it sets stays in the copy,
// also when two handlers run at once. (loop.run_in_executor() copies nothing in CPython; PyAsync's
// RunInExecutor runs in a copy, as .NET's thread pool does: a documented difference, left out here.)
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc100;

[Example("100", 18, "to_thread_contextvar", Title = "to_thread carries the caller's ContextVars into the thread; run_in_executor does not")]
public static class ToThreadContextvarExample
{
    static readonly ContextVar<string> User = new("user", @default: "anonymous");

    static string BlockingReport(string title)
    {
        // runs in a worker thread
        var line = $"{title}: made for {User.Get()}";
        User.Set("changed in the thread");
        return line;
    }

    static async Coroutine<string> Handle(string name)
    {
        User.Set(name);
        var report = await ToThread(() => BlockingReport($"report for {name}"));
        return $"{report}; {name} still sees {User.Get()}";
    }

    static async Coroutine Main()
    {
        Print(await ToThread(() => BlockingReport("before login")));
        User.Set("alice");
        Print(await ToThread(() => BlockingReport("main")));
        Print("main still sees", User.Get());

        // run_in_executor copies no context: the worker thread has its own, with the default
        var loop = GetRunningLoop();
        Print(await loop.RunInExecutor(null, () => BlockingReport("run_in_executor")));

        // two handlers at once, each in its own task and its own worker thread
        foreach (var line in await Gather(Handle("bob"), Handle("carol")))
            Print(line);
        Print("main still sees", User.Get());
    }

    public static void Entry() => Run(Main());
}
