// Seed 000, snippet "Ejemplo asyncio sleep" (second, "Correr multiples tasks concurrentemente"):
// three tasks of delay(3) are created at once and then awaited in turn; they sleep concurrently, so
// the program takes about 3 seconds, not 9. The document's output numbers the lines ("1 Durmiendo
// ...", "2 Termino ..."), which delay does not print; CPython prints them without the numbers.
using static PyAsync.Asyncio;
using static PyAsync.Examples.Doc000.Util;

namespace PyAsync.Examples.Doc000;

[Example("000", 3, "three_delay_tasks", Title = "three tasks sleeping concurrently (3 s, not 9)")]
public static class ThreeDelayTasksExample
{
    static async Coroutine Main()
    {
        var sleepForThree = CreateTask(Delay(3));
        var sleepAgain = CreateTask(Delay(3));
        var sleepOnceMore = CreateTask(Delay(3));
        await sleepForThree;
        await sleepAgain;
        await sleepOnceMore;
    }

    public static void Entry() => Run(Main());
}
