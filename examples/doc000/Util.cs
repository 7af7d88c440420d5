// The book's util.delay helper that seed 000's snippets import (`from util import delay`); the
// document does not define it. Printed in the document's Spanish wording (seeds/README.md).
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc000;

public static class Util
{
    public static async Coroutine<int> Delay(int delaySeconds)
    {
        Print($"Durmiendo por {delaySeconds} segundo(s)");
        await Sleep(delaySeconds);
        Print($"Termino la funcion dormir por {delaySeconds} segundo(s)");
        return delaySeconds;
    }
}
