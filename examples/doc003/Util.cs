// Seed 003 imports `from util import delay` without showing it: this is the helper of the book the
// document follows (see seeds/README.md), in the book's English wording, since 003 never shows its
// output. The Python original is util.py next to this file.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc003;

public static class Util
{
    public static async Coroutine<int> Delay(int delaySeconds)
    {
        Print($"sleeping for {delaySeconds} second(s)");
        await Sleep(delaySeconds);
        Print($"finished sleeping for {delaySeconds} second(s)");
        return delaySeconds;
    }
}
