// Seed 003, "Rodando multiplas tasks concorentes": three tasks of delay(3) sleep at the same time,
// so the program takes about 3 seconds, not 9, as the document says. The document shows no output.
using static PyAsync.Asyncio;
using static PyAsync.Examples.Doc003.Util;

namespace PyAsync.Examples.Doc003;

[Example("003", 6, "three_concurrent_delays", Title = "three tasks sleep concurrently: 3 s, not 9")]
public static class ThreeConcurrentDelaysExample
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
