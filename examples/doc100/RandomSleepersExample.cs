// Tutorials' workers sleep a random time. Seeded, the run is the same every time, and the port
// draws CPython's very numbers. Python's random module is RandomModule, here under the alias
// Random (an alias wins over System.Random); its class random.Random(2024) is new PyRandom(2024).
using static PyAsync.Asyncio;
using Random = PyAsync.RandomModule;

namespace PyAsync.Examples.Doc100;

[Example("100", 19, "random_sleepers", Title = "random sleeps: Python's random, seeded, gives CPython's numbers")]
public static class RandomSleepersExample
{
    static async Coroutine<string> Worker(string name, double delay)
    {
        Print(name, "sleeps", delay);
        await Sleep(delay);
        Print($"{Time.Monotonic():F3} {name} wakes");
        return name;
    }

    static async Coroutine Main()
    {
        Random.Seed(42);
        var names = new List<string> { "ant", "bee", "cat", "dog" };
        Random.Shuffle(names);
        var delays = names.Select(_ => Random.Random()).ToList();
        var woke = await Gather(names.Zip(delays, (n, d) => Worker(n, d)));
        Print(woke);
        var rng = new PyRandom(2024);
        Print("dice:", Enumerable.Range(0, 10).Select(_ => rng.Randint(1, 6)).ToList());
        var pause = rng.Uniform(0.5, 1.5);
        Print("winner:", rng.Choice(names), "pause:", pause);
        await Sleep(pause);
        Print($"total {Time.Monotonic():F3} s");
    }

    public static void Entry() => Run(Main());
}
