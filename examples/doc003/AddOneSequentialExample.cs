// Seed 003, "Pausar uma execução await", first snippet: two coroutines awaited one after the other;
// each await pauses main until add_one returns, so the code runs sequentially, like plain function
// calls. The document introduces it as "Exemplos que não rodam de forma sequencial" (examples that
// do not run sequentially), but its own explanation and CPython agree that they do: 2, then 3.
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc003;

[Example("003", 3, "add_one_sequential", Title = "awaiting coroutines runs them sequentially")]
public static class AddOneSequentialExample
{
    static async Coroutine<int> AddOne(int number)
    {
        return number + 1;
    }

    static async Coroutine Main()
    {
        var onePlusOne = await AddOne(1);
        var twoPlusOne = await AddOne(2);
        Print(onePlusOne);
        Print(twoPlusOne);
    }

    public static void Entry() => Run(Main());
}
