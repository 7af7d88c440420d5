using static PyAsync.Asyncio;

namespace PyAsync.Tests.Programs.RunReturnsValue;

public static class Program
{
    static async Coroutine<int> AddOne(int number)
    {
        return number + 1;
    }

    public static void Entry()
    {
        var result = Run(AddOne(1));
        Print(result);

        // each run gets a new loop
        Print(Run(AddOne(41)));
    }
}
