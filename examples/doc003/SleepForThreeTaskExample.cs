// Seed 003, "Criando tasks": asyncio.create_task returns a Task at once (type() prints
// <class '_asyncio.Task'>, as the document says), and awaiting the task gives the coroutine's result
// after 3 seconds. The document shows only the type line; CPython also prints delay's two lines and 3.
using static PyAsync.Asyncio;
using static PyAsync.Examples.Doc003.Util;

namespace PyAsync.Examples.Doc003;

[Example("003", 5, "sleep_for_three_task", Title = "create_task returns a Task; awaiting it gives the result")]
public static class SleepForThreeTaskExample
{
    static async Coroutine Main()
    {
        var sleepForThree = CreateTask(Delay(3));
        Print(Type(sleepForThree));
        var result = await sleepForThree;
        Print(result);
    }

    public static void Entry() => Run(Main());
}
