using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.ContextvarsContextRun;

public static class Program
{
    static readonly ContextVar<string> User = new("user", @default: "anonymous");

    static void Whoami(string where) => Print($"{where}: {User.Get()}");

    static async Coroutine Handler(string name)
    {
        Whoami($"{name} starts");
        User.Set(name);
        await Sleep(0.1);
        Whoami($"{name} ends");
    }

    static async Coroutine Main()
    {
        var token = User.Set("alice");
        var ctx = CopyContext();
        User.Set("bob");
        ctx.Run(() => Whoami("in the copy"));
        ctx.Run(() => User.Set("carol"));
        Print("the copy now has", ctx[User], "and main has", User.Get());

        await CreateTask(Handler("dave"), context: ctx);
        Print("after the task the copy has", ctx[User]);
        await Gather(Handler("erin"), Handler("frank"));
        Whoami("main");
        User.Reset(token);
        Whoami("after reset");
        try
        {
            User.Reset(token);
        }
        catch (RuntimeError e)
        {
            Print("RuntimeError:", Str(e).Split(" var=")[0] + ">", Str(e).Split('>')[^1].Trim());
        }
        Print(ctx.ContainsKey(User), ctx.Count >= 1, ctx.Get(User));
    }

    public static void Entry() => Run(Main());
}
