using System.Diagnostics;
using System.Numerics;
using PyAsync.Tests.Support;
using static PyAsync.Asyncio;
using Random = PyAsync.RandomModule;

namespace PyAsync.Tests;

/// <summary>
/// Python's <c>random</c> (<see cref="PyRandom"/>, <see cref="RandomModule"/>): the same seed gives exactly
/// CPython's numbers. The comparison runs one python3 process for every seed and function at once.
/// Follows CPython's Lib/test/test_random.py (MersenneTwister_TestBasicOps: test_referenceImplementation,
/// test_long_seed, test_randbelow_without_getrandbits, test_choice, test_shuffle, test_sample, test_randrange_errors).
/// </summary>
public class PyRandomTests
{
    /// <summary>Seeds 0..199, then large and negative ints (abs(seed) is what CPython seeds with).</summary>
    private static readonly BigInteger[] IntSeeds =
    [
        .. Enumerable.Range(0, 200).Select(i => new BigInteger(i)),
        BigInteger.Pow(2, 32) - 1, BigInteger.Pow(2, 32), BigInteger.Pow(2, 40), BigInteger.Pow(2, 64) - 1,
        BigInteger.Pow(2, 64), BigInteger.Pow(2, 70), BigInteger.Pow(2, 70) + 12345, BigInteger.Pow(10, 40) + 7,
        -1, -42, -BigInteger.Pow(2, 40), -BigInteger.Pow(2, 70), long.MaxValue, long.MinValue,
    ];

    private static readonly string[] StrSeeds = ["", "hello", "héllo wörld", "42", "asyncio"];

    // The same calls, in the same order, as Line below; one line per seed.
    private const string PythonLine = """
def line(r):
    out = [repr(r.random()), repr(r.random()), repr(r.random())]
    out += [str(r.getrandbits(k)) for k in (0, 1, 7, 31, 32, 33, 53, 64, 65, 100, 200)]
    out += [str(r.randint(1, 10)) for _ in range(5)]
    out += [str(r.randint(-2**40, 2**40)), str(r.randint(-2**63, 2**63 - 1)), str(r.randint(0, 2**62))]
    out += [str(r.randrange(10)), str(r.randrange(0, 100, 7)), str(r.randrange(10, -10, -3)), str(r.randrange(-5, 5))]
    out += [repr(r.uniform(2.5, 10.0)), repr(r.uniform(1, 0))]
    out += [str(r.choice(list(range(10)))), r.choice("abcdef"), str(r.choice(["x"]))]
    xs = list(range(20)); r.shuffle(xs); out.append(str(xs))
    ys = ["a", "b"]; r.shuffle(ys); out.append(str(ys))
    out.append(str(r.sample(list(range(100)), 10)))
    out.append(str(r.sample(list(range(30)), 5)))
    out.append(str(r.sample(list(range(1000)), 40)))
    out.append(str(r.sample(list(range(5)), 5)))
    return " ".join(out)
""";

    private static string Line(PyRandom r)
    {
        var o = new List<string> { Repr(r.Random()), Repr(r.Random()), Repr(r.Random()) };
        o.AddRange(new[] { 0, 1, 7, 31, 32, 33, 53, 64, 65, 100, 200 }.Select(k => Str(r.Getrandbits(k))));
        for (int i = 0; i < 5; i++) o.Add(Str(r.Randint(1, 10)));
        o.Add(Str(r.Randint(-(1L << 40), 1L << 40)));
        o.Add(Str(r.Randint(long.MinValue, long.MaxValue)));
        o.Add(Str(r.Randint(0, 1L << 62)));
        o.AddRange([Str(r.Randrange(10)), Str(r.Randrange(0, 100, 7)), Str(r.Randrange(10, -10, -3)), Str(r.Randrange(-5, 5))]);
        o.AddRange([Repr(r.Uniform(2.5, 10.0)), Repr(r.Uniform(1, 0))]);
        o.AddRange([Str(r.Choice(Enumerable.Range(0, 10).ToArray())), r.Choice("abcdef"), Str(r.Choice(new[] { "x" }))]);
        var xs = Enumerable.Range(0, 20).ToList(); r.Shuffle(xs); o.Add(Str(xs));
        var ys = new List<string> { "a", "b" }; r.Shuffle(ys); o.Add(Str(ys));
        o.Add(Str(r.Sample(Enumerable.Range(0, 100).ToArray(), 10)));
        o.Add(Str(r.Sample(Enumerable.Range(0, 30).ToArray(), 5)));
        o.Add(Str(r.Sample(Enumerable.Range(0, 1000).ToArray(), 40)));
        o.Add(Str(r.Sample(Enumerable.Range(0, 5).ToArray(), 5)));
        return string.Join(' ', o);
    }

    // Seeded, so deterministic: CPython's output is cached (Python.RunScript).
    internal static string[] RunPython(string script) => Python.RunScript(script).Split('\n');

    [PythonFact]
    public void Every_method_gives_CPythons_numbers_for_many_seeds()
    {
        var script = "import random\n" + PythonLine + "\n" +
            $"for s in [{string.Join(", ", IntSeeds)}]:\n    print(line(random.Random(s)))\n" +
            $"for s in [{string.Join(", ", StrSeeds.Select(s => "'" + s + "'"))}]:\n    print(line(random.Random(s)))\n" +
            "print(line(random.Random(b'abc')))\n";
        var lines = RunPython(script);
        int i = 0;
        foreach (var seed in IntSeeds) Line(new PyRandom(seed)).ShouldBe(lines[i++], $"seed {seed}");
        foreach (var seed in StrSeeds) Line(new PyRandom(seed)).ShouldBe(lines[i++], $"seed '{seed}'");
        var bytesSeeded = new PyRandom(0);
        bytesSeeded.Seed("abc"u8.ToArray());
        Line(bytesSeeded).ShouldBe(lines[i++], "seed b'abc'");
    }

    [Fact]
    public void Bad_arguments_raise_CPythons_errors()
    {
        // test_random.py test_randrange_errors / test_choice; the messages of 3.12 and later.
        var r = new PyRandom(1);
        Should.Throw<ValueError>(() => r.Randint(5, 1)).Message.ShouldBe("empty range in randrange(5, 2)");
        Should.Throw<ValueError>(() => r.Randrange(0)).Message.ShouldBe("empty range for randrange()");
        Should.Throw<ValueError>(() => r.Randrange(3, 3)).Message.ShouldBe("empty range in randrange(3, 3)");
        Should.Throw<ValueError>(() => r.Randrange(0, 10, -2)).Message.ShouldBe("empty range in randrange(0, 10, -2)");
        Should.Throw<ValueError>(() => r.Randrange(0, 10, 0)).Message.ShouldBe("zero step for randrange()");
        Should.Throw<ValueError>(() => r.Getrandbits(-1)).Message.ShouldBe("number of bits must be non-negative");
        Should.Throw<ValueError>(() => r.Sample(new[] { 1, 2 }, 3)).Message.ShouldBe("Sample larger than population or is negative");
        Should.Throw<ValueError>(() => r.Sample(new[] { 1, 2 }, -1)).Message.ShouldBe("Sample larger than population or is negative");
        var e = Should.Throw<IndexError>(() => r.Choice(Array.Empty<int>()));
        e.Message.ShouldBe("Cannot choose from an empty sequence");
        e.ShouldBeAssignableTo<LookupError>();
        Should.Throw<IndexError>(() => Random.Choice("")).Message.ShouldBe("Cannot choose from an empty sequence");
    }

    /// <summary>The error messages are those of CPython 3.12 and later (3.11 said "empty range for randrange() (5, 2, -3)").</summary>
    [Python313Theory]
    [InlineData("randint(5, 1)")]
    [InlineData("randrange(3, 3)")]
    [InlineData("randrange(0, 10, -2)")]
    [InlineData("randrange(0)")]
    [InlineData("randrange(0, 10, 0)")]
    [InlineData("getrandbits(-1)")]
    [InlineData("sample([1, 2], 3)")]
    [InlineData("choice([])")]
    public void Error_messages_are_CPython_3_13s(string call)
    {
        var psi = new ProcessStartInfo(Python.Executable313!) { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"import random\ntry: random.Random(1).{call}\nexcept Exception as e: print(type(e).__name__, e)");
        using var process = System.Diagnostics.Process.Start(psi)!;
        var expected = process.StandardOutput.ReadToEnd().TrimEnd('\n');
        process.WaitForExit();
        var r = new PyRandom(1);
        Action act = call switch
        {
            "randint(5, 1)" => () => r.Randint(5, 1),
            "randrange(3, 3)" => () => r.Randrange(3, 3),
            "randrange(0, 10, -2)" => () => r.Randrange(0, 10, -2),
            "randrange(0)" => () => r.Randrange(0),
            "randrange(0, 10, 0)" => () => r.Randrange(0, 10, 0),
            "getrandbits(-1)" => () => r.Getrandbits(-1),
            "sample([1, 2], 3)" => () => r.Sample(new[] { 1, 2 }, 3),
            _ => () => r.Choice(Array.Empty<int>()),
        };
        var e = Should.Throw<Exception>(act);
        $"{e.GetType().Name} {e.Message}".ShouldBe(expected);
    }

    [Fact]
    public void Shuffling_an_empty_or_single_list_draws_nothing()
    {
        var a = new PyRandom(7);
        var b = new PyRandom(7);
        a.Shuffle(new List<int>());
        a.Shuffle(new List<int> { 1 });
        a.Random().ShouldBe(b.Random());
    }
}

/// <summary>
/// Tests of <see cref="RandomModule"/>'s shared generator, which is process-wide as CPython's is: they run
/// alone, so that no other test (the random_sleepers example seeds it too) draws between a seed and its numbers.
/// </summary>
[CollectionDefinition(nameof(PyRandomModuleTests), DisableParallelization = true)]
public sealed class PyRandomModuleState;

/// <summary>The module-level functions of Python's <c>random</c> (<see cref="RandomModule"/>), checked against CPython.</summary>
[Collection(nameof(PyRandomModuleTests))]
public class PyRandomModuleTests
{
    [PythonFact]
    public void The_module_functions_give_CPythons_numbers_after_seed()
    {
        const string script = """
import random
for s in (0, 42, 2**70, -7):
    random.seed(s)
    print(repr(random.random()), random.randint(1, 6), repr(random.uniform(0, 2)), random.choice([10, 20, 30]),
          random.randrange(3, 30, 3), random.getrandbits(40), random.sample([1, 2, 3, 4, 5], 2), end=' ')
    xs = [1, 2, 3, 4, 5]; random.shuffle(xs); print(xs)
random.seed('hello'); print(repr(random.random()))
""";
        var lines = PyRandomTests.RunPython(script);
        int i = 0;
        foreach (var s in new BigInteger[] { 0, 42, BigInteger.Pow(2, 70), -7 })
        {
            Random.Seed(s);
            var text = string.Join(' ', Repr(Random.Random()), Str(Random.Randint(1, 6)), Repr(Random.Uniform(0, 2)),
                Str(Random.Choice(new[] { 10, 20, 30 })), Str(Random.Randrange(3, 30, 3)), Str(Random.Getrandbits(40)),
                Str(Random.Sample(new[] { 1, 2, 3, 4, 5 }, 2)));
            var xs = new List<int> { 1, 2, 3, 4, 5 };
            Random.Shuffle(xs);
            (text + " " + Str(xs)).ShouldBe(lines[i++], $"seed {s}");
        }
        Random.Seed("hello");
        Repr(Random.Random()).ShouldBe(lines[i]);
    }

    [Fact]
    public void Seeded_numbers_are_the_ones_CPython_documents()
    {
        // The values CPython 3.11-3.13 print; random.Random(42).random() is the one tutorials show.
        new PyRandom(42).Random().ShouldBe(0.6394267984578837);
        var r = new PyRandom(42);
        r.Randint(1, 10).ShouldBe(2);
        new PyRandom(-42).Random().ShouldBe(0.6394267984578837); // abs(seed)
        Random.Seed(42);
        Random.Random().ShouldBe(0.6394267984578837);
    }

    [Fact]
    public void An_unseeded_generator_seeds_from_the_OS()
    {
        var a = new PyRandom();
        var b = new PyRandom();
        a.Getrandbits(128).ShouldNotBe(b.Getrandbits(128));
        Random.Seed();
        Random.Random().ShouldBeInRange(0.0, 1.0);
    }
}
