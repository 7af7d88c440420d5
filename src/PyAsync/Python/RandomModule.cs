using System.Numerics;

namespace PyAsync;

/// <summary>
/// Mirrors the module-level functions of Python's <c>random</c> module (<c>random.seed</c>, <c>random.random</c>,
/// <c>random.randint</c>, ...): they share one hidden <see cref="PyRandom"/>, seeded from the operating system's
/// randomness until <see cref="Seed(long)"/> is called, as CPython's <c>random._inst</c> is.
/// </summary>
/// <remarks>
/// <para>A type named <c>Random</c> would collide with <see cref="System.Random"/>, so the module is
/// <c>RandomModule</c>. A port can keep Python's spelling with an alias:
/// <code>
/// using Random = PyAsync.RandomModule;
/// Random.Seed(42);
/// await Sleep(Random.Random());   // await asyncio.sleep(random.random())
/// </code>
/// Python's class <c>random.Random(42)</c> is <c>new PyRandom(42)</c>.</para>
/// <para>Unlike CPython's, the shared generator is safe to call from several threads (each call takes a lock).</para>
/// </remarks>
public static class RandomModule
{
    private static readonly object s_lock = new(); // net8.0 has no System.Threading.Lock
    private static PyRandom? s_inst;

    private static PyRandom Inst => s_inst ??= new PyRandom();

    /// <summary>Mirrors <c>random.seed()</c>: reseeds the shared generator from the operating system's randomness.</summary>
    public static void Seed() { lock (s_lock) Inst.Seed(); }

    /// <summary>Mirrors <c>random.seed(a)</c> for an int; see <see cref="PyRandom.Seed(long)"/>.</summary>
    public static void Seed(long a) { lock (s_lock) Inst.Seed(a); }

    /// <summary>Mirrors <c>random.seed(a)</c> for an int of any size; see <see cref="PyRandom.Seed(BigInteger)"/>.</summary>
    public static void Seed(BigInteger a) { lock (s_lock) Inst.Seed(a); }

    /// <summary>Mirrors <c>random.seed(a)</c> for a str (null seeds from the OS); see <see cref="PyRandom.Seed(string)"/>.</summary>
    public static void Seed(string? a) { lock (s_lock) Inst.Seed(a); }

    /// <summary>Mirrors <c>random.seed(a)</c> for bytes; see <see cref="PyRandom.Seed(byte[])"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static void Seed(byte[] a) { lock (s_lock) Inst.Seed(a); }

    /// <summary>Mirrors <c>random.random()</c>: a float in [0.0, 1.0); see <see cref="PyRandom.Random"/>.</summary>
    public static double Random() { lock (s_lock) return Inst.Random(); }

    /// <summary>Mirrors <c>random.uniform(a, b)</c>: <c>a + (b-a) * random()</c>.</summary>
    public static double Uniform(double a, double b) { lock (s_lock) return Inst.Uniform(a, b); }

    /// <summary>Mirrors <c>random.getrandbits(k)</c>; see <see cref="PyRandom.Getrandbits"/>.</summary>
    /// <exception cref="ValueError"><paramref name="k"/> is negative.</exception>
    public static BigInteger Getrandbits(int k) { lock (s_lock) return Inst.Getrandbits(k); }

    /// <summary>Mirrors <c>random.randint(a, b)</c>; see <see cref="PyRandom.Randint(int, int)"/>.</summary>
    /// <exception cref="ValueError"><paramref name="b"/> &lt; <paramref name="a"/>.</exception>
    public static int Randint(int a, int b) { lock (s_lock) return Inst.Randint(a, b); }

    /// <inheritdoc cref="Randint(int, int)"/>
    public static long Randint(long a, long b) { lock (s_lock) return Inst.Randint(a, b); }

    /// <summary>Mirrors <c>random.randrange(stop)</c>; see <see cref="PyRandom.Randrange(int)"/>.</summary>
    /// <exception cref="ValueError"><paramref name="stop"/> is not positive.</exception>
    public static int Randrange(int stop) { lock (s_lock) return Inst.Randrange(stop); }

    /// <inheritdoc cref="Randrange(int)"/>
    public static long Randrange(long stop) { lock (s_lock) return Inst.Randrange(stop); }

    /// <summary>Mirrors <c>random.randrange(start, stop[, step])</c>; see <see cref="PyRandom.Randrange(int, int, int)"/>.</summary>
    /// <exception cref="ValueError">The range is empty, or <paramref name="step"/> is 0.</exception>
    public static int Randrange(int start, int stop, int step = 1) { lock (s_lock) return Inst.Randrange(start, stop, step); }

    /// <inheritdoc cref="Randrange(int, int, int)"/>
    public static long Randrange(long start, long stop, long step = 1) { lock (s_lock) return Inst.Randrange(start, stop, step); }

    /// <summary>Mirrors <c>random.choice(seq)</c>; see <see cref="PyRandom.Choice{T}(IReadOnlyList{T})"/>.</summary>
    /// <exception cref="IndexError"><paramref name="seq"/> is empty ("Cannot choose from an empty sequence").</exception>
    /// <exception cref="ArgumentNullException"><paramref name="seq"/> is null.</exception>
    public static T Choice<T>(IReadOnlyList<T> seq) { lock (s_lock) return Inst.Choice(seq); }

    /// <summary>Mirrors <c>random.choice(s)</c> for a str: a one-character string.</summary>
    /// <exception cref="IndexError"><paramref name="seq"/> is empty ("Cannot choose from an empty sequence").</exception>
    /// <exception cref="ArgumentNullException"><paramref name="seq"/> is null.</exception>
    public static string Choice(string seq) { lock (s_lock) return Inst.Choice(seq); }

    /// <summary>Mirrors <c>random.shuffle(x)</c>: shuffles the list in place; see <see cref="PyRandom.Shuffle{T}(IList{T})"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static void Shuffle<T>(IList<T> x) { lock (s_lock) Inst.Shuffle(x); }

    /// <summary>Mirrors <c>random.sample(population, k)</c>; see <see cref="PyRandom.Sample{T}(IReadOnlyList{T}, int)"/>.</summary>
    /// <exception cref="ValueError"><paramref name="k"/> is negative or larger than the population.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is null.</exception>
    public static List<T> Sample<T>(IReadOnlyList<T> population, int k) { lock (s_lock) return Inst.Sample(population, k); }
}
