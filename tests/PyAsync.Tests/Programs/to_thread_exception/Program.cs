using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.ToThreadException;

public static class Program
{
    static int Parse(string text)
    {
        Time.Sleep(1);
        return int.TryParse(text, out var n) ? n : throw new ValueError($"invalid literal for int() with base 10: {Repr(text)}");
    }

    static async Coroutine Main()
    {
        var loop = GetRunningLoop();
        Print(await ToThread(() => Parse("42")));
        Print(loop.Time());
        try
        {
            await ToThread(() => Parse("forty-two"));
        }
        catch (ValueError e)
        {
            Print($"ValueError: {Str(e)}");
        }
        Print(loop.Time());
    }

    public static void Entry() => Run(Main());
}
