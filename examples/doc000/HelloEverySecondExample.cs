// Seed 000, snippet "Corriendo mientras otras tareas se terminan": while two delay(3) tasks sleep,
// main runs hello_every_second, which prints at 1 s and 2 s; the tasks finish at 3 s. The
// document's snippet never runs main (completed here with asyncio.run(main())), and its output
// prefixes lines with "Task 1" / "Task 2", which delay does not print; CPython prints them without.
using static PyAsync.Asyncio;
using static PyAsync.Examples.Doc000.Util;

namespace PyAsync.Examples.Doc000;

[Example("000", 4, "hello_every_second", Title = "code running while other tasks wait")]
public static class HelloEverySecondExample
{
    static async Coroutine HelloEverySecond()
    {
        for (int i = 0; i < 2; i++)
        {
            await Sleep(1);
            Print("Yo me ejecuto mientras otro codigo esta siendo ejecutado");
        }
    }

    static async Coroutine Main()
    {
        var firstDelay = CreateTask(Delay(3));
        var secondDelay = CreateTask(Delay(3));
        await HelloEverySecond();
        await firstDelay;
        await secondDelay;
    }

    public static void Entry() => Run(Main());
}
