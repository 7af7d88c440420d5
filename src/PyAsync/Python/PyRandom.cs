using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace PyAsync;

/// <summary>
/// Mirrors Python's <c>random.Random</c>: CPython's Mersenne Twister (MT19937, <c>Modules/_randommodule.c</c>)
/// and the methods of <c>Lib/random.py</c> built on it, so that the same seed gives exactly CPython's
/// numbers: <c>random.Random(42).random()</c> is <c>new PyRandom(42).Random()</c>, 0.6394267984578837.
/// </summary>
/// <remarks>
/// <para>The type is <c>PyRandom</c> because <see cref="System.Random"/> comes with .NET's implicit usings.
/// The module-level functions (<c>random.seed(42)</c>, <c>random.random()</c>, ...) are the static class
/// <see cref="RandomModule"/>.</para>
/// <para>Python ints are unbounded; here the integer methods take and return <see cref="int"/> or
/// <see cref="long"/> (<see cref="BigInteger"/> for seeds and <see cref="Getrandbits"/>). The numbers are
/// CPython's 3.11, 3.12 and 3.13 alike (they did not change between those versions); the error messages of
/// <see cref="Randrange(long, long, long)"/> are those of 3.12 and later.</para>
/// <para>An instance is not thread safe, as in CPython without the GIL's help; the module's shared
/// generator (<see cref="RandomModule"/>) locks.</para>
/// </remarks>
public sealed class PyRandom
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfU;
    private const uint UpperMask = 0x80000000U;
    private const uint LowerMask = 0x7fffffffU;

    private readonly uint[] _mt = new uint[N];
    private int _mti = N + 1;

    /// <summary>Mirrors <c>random.Random()</c>: seeded from the operating system's randomness, as CPython's is (<c>os.urandom</c>).</summary>
    public PyRandom() => Seed();

    /// <summary>Mirrors <c>random.Random(seed)</c> for an int seed; see <see cref="Seed(long)"/>.</summary>
    public PyRandom(long seed) => Seed(seed);

    /// <summary>Mirrors <c>random.Random(seed)</c> for an int seed of any size; see <see cref="Seed(BigInteger)"/>.</summary>
    public PyRandom(BigInteger seed) => Seed(seed);

    /// <summary>Mirrors <c>random.Random(seed)</c> for a str seed (or None, which seeds from the OS); see <see cref="Seed(string)"/>.</summary>
    public PyRandom(string? seed) => Seed(seed);

    /// <summary>Mirrors <c>random.seed()</c> / <c>seed(None)</c>: seeds from the operating system's randomness (624 words, as CPython's <c>random_seed_urandom</c>).</summary>
    public void Seed()
    {
        Span<byte> bytes = stackalloc byte[N * 4];
        RandomNumberGenerator.Fill(bytes);
        var key = new uint[N];
        for (int i = 0; i < N; i++) key[i] = BitConverter.ToUInt32(bytes.Slice(i * 4, 4));
        InitByArray(key);
    }

    /// <summary>
    /// Mirrors <c>random.seed(a)</c> for an int <paramref name="a"/>: CPython seeds <c>init_by_array</c>
    /// with the 32-bit words of <c>abs(a)</c>, least significant first, so <c>a</c> and <c>-a</c> give the same numbers.
    /// </summary>
    public void Seed(long a) => Seed(new BigInteger(a));

    /// <summary>Mirrors <c>random.seed(a)</c> for an int of any size (<c>2**70</c>); see <see cref="Seed(long)"/>.</summary>
    public void Seed(BigInteger a)
    {
        var bytes = BigInteger.Abs(a).ToByteArray(isUnsigned: true, isBigEndian: false);
        int words = Math.Max(1, (bytes.Length + 3) / 4);
        var key = new uint[words];
        for (int i = 0; i < bytes.Length; i++) key[i / 4] |= (uint)bytes[i] << (8 * (i % 4));
        // CPython uses as many words as abs(a) has significant bits need (at least one); drop zero high words.
        int used = words;
        while (used > 1 && key[used - 1] == 0) used--;
        InitByArray(used == words ? key : key[..used]);
    }

    /// <summary>
    /// Mirrors <c>random.seed(a)</c> (version 2) for a str <paramref name="a"/>: the int made of its UTF-8
    /// bytes followed by their SHA-512 digest, big-endian, as CPython does. Null is Python's None: seeds from the OS.
    /// </summary>
    public void Seed(string? a)
    {
        if (a is null) { Seed(); return; }
        Seed(Encoding.UTF8.GetBytes(a));
    }

    /// <summary>Mirrors <c>random.seed(a)</c> (version 2) for a bytes <paramref name="a"/>: the int of its bytes followed by their SHA-512 digest, big-endian.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public void Seed(byte[] a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var all = new byte[a.Length + 64];
        a.CopyTo(all, 0);
        SHA512.HashData(a).CopyTo(all, a.Length);
        Seed(new BigInteger(all, isUnsigned: true, isBigEndian: true));
    }

    private void InitGenrand(uint s)
    {
        _mt[0] = s;
        for (int i = 1; i < N; i++)
            _mt[i] = 1812433253U * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _mti = N;
    }

    private void InitByArray(uint[] key)
    {
        InitGenrand(19650218U);
        int i = 1, j = 0;
        int keyLength = key.Length;
        for (int k = Math.Max(N, keyLength); k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1664525U)) + key[j] + (uint)j;
            i++; j++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
            if (j >= keyLength) j = 0;
        }
        for (int k = N - 1; k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1566083941U)) - (uint)i;
            i++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
        }
        _mt[0] = 0x80000000U;
    }

    private uint GenrandUInt32()
    {
        uint y;
        if (_mti >= N)
        {
            int kk;
            for (kk = 0; kk < N - M; kk++)
            {
                y = (_mt[kk] & UpperMask) | (_mt[kk + 1] & LowerMask);
                _mt[kk] = _mt[kk + M] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0U);
            }
            for (; kk < N - 1; kk++)
            {
                y = (_mt[kk] & UpperMask) | (_mt[kk + 1] & LowerMask);
                _mt[kk] = _mt[kk + (M - N)] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0U);
            }
            y = (_mt[N - 1] & UpperMask) | (_mt[0] & LowerMask);
            _mt[N - 1] = _mt[M - 1] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0U);
            _mti = 0;
        }
        y = _mt[_mti++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= y >> 18;
        return y;
    }

    /// <summary>Mirrors <c>random.random()</c>: a float in [0.0, 1.0), CPython's 53-bit <c>(a*67108864+b)/2**53</c> with <c>a = x&gt;&gt;5</c>, <c>b = y&gt;&gt;6</c>.</summary>
    public double Random()
    {
        uint a = GenrandUInt32() >> 5, b = GenrandUInt32() >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /// <summary>Mirrors <c>random.getrandbits(k)</c>: an int with <paramref name="k"/> random bits, built from 32-bit words as CPython's is.</summary>
    /// <exception cref="ValueError"><paramref name="k"/> is negative ("number of bits must be non-negative").</exception>
    public BigInteger Getrandbits(int k)
    {
        if (k < 0) throw new ValueError("number of bits must be non-negative");
        if (k == 0) return BigInteger.Zero;
        if (k <= 32) return GenrandUInt32() >> (32 - k);
        int words = (k - 1) / 32 + 1;
        var bytes = new byte[words * 4];
        for (int i = 0; i < words; i++, k -= 32)
        {
            uint r = GenrandUInt32();
            if (k < 32) r >>= 32 - k;
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 4, 4), r);
        }
        if (!BitConverter.IsLittleEndian)
            for (int i = 0; i < words; i++) Array.Reverse(bytes, i * 4, 4);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
    }

    // getrandbits(k) for k <= 64, without a BigInteger.
    private ulong GetrandbitsUInt64(int k)
    {
        if (k <= 32) return GenrandUInt32() >> (32 - k);
        ulong low = GenrandUInt32();
        ulong high = GenrandUInt32() >> (64 - k);
        return low | (high << 32);
    }

    // Lib/random.py's _randbelow_with_getrandbits: a random int in [0, n), n > 0.
    private ulong Randbelow(ulong n)
    {
        int k = 64 - BitOperations.LeadingZeroCount(n); // n.bit_length()
        ulong r = GetrandbitsUInt64(k);
        while (r >= n) r = GetrandbitsUInt64(k);
        return r;
    }

    // The same for n up to 2**64 (randint(long.MinValue, long.MaxValue)).
    private Int128 Randbelow(Int128 n)
    {
        if (n <= ulong.MaxValue) return Randbelow((ulong)n);
        int k = 128 - (int)Int128.LeadingZeroCount(n);
        var bn = (BigInteger)n;
        BigInteger r = Getrandbits(k);
        while (r >= bn) r = Getrandbits(k);
        return (Int128)r;
    }

    /// <summary>Mirrors <c>random.randrange(stop)</c>: a random int in <c>range(stop)</c>.</summary>
    /// <exception cref="ValueError"><paramref name="stop"/> is not positive ("empty range for randrange()").</exception>
    public int Randrange(int stop) => (int)Randrange((long)stop);

    /// <inheritdoc cref="Randrange(int)"/>
    public long Randrange(long stop)
    {
        if (stop > 0) return (long)Randbelow((ulong)stop);
        throw new ValueError("empty range for randrange()");
    }

    /// <summary>Mirrors <c>random.randrange(start, stop[, step])</c>: a random int in <c>range(start, stop, step)</c>.</summary>
    /// <exception cref="ValueError">The range is empty (3.12's message: "empty range in randrange(5, 2)"; 3.11 said
    /// "empty range for randrange() (5, 2, -3)"), or <paramref name="step"/> is 0 ("zero step for randrange()").</exception>
    public int Randrange(int start, int stop, int step = 1) => (int)Randrange((long)start, stop, step);

    /// <inheritdoc cref="Randrange(int, int, int)"/>
    public long Randrange(long start, long stop, long step = 1) => (long)RandrangeCore(start, stop, step);

    // Lib/random.py's randrange (3.12) on integers wide enough for any long arguments.
    private Int128 RandrangeCore(Int128 start, Int128 stop, Int128 step)
    {
        Int128 width = stop - start;
        if (step == 1)
        {
            if (width > 0) return start + Randbelow(width);
            throw new ValueError($"empty range in randrange({start}, {stop})");
        }
        Int128 n;
        if (step > 0) n = FloorDiv(width + step - 1, step);
        else if (step < 0) n = FloorDiv(width + step + 1, step);
        else throw new ValueError("zero step for randrange()");
        if (n <= 0) throw new ValueError($"empty range in randrange({start}, {stop}, {step})");
        return start + step * Randbelow(n);
    }

    private static Int128 FloorDiv(Int128 a, Int128 b)
    {
        Int128 q = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
        return q;
    }

    /// <summary>Mirrors <c>random.randint(a, b)</c>: a random int N with a &lt;= N &lt;= b, i.e. <c>randrange(a, b+1)</c>.</summary>
    /// <exception cref="ValueError"><paramref name="b"/> &lt; <paramref name="a"/>: "empty range in randrange(5, 2)" for
    /// <c>randint(5, 1)</c>, 3.12's message (3.11's was "empty range for randrange() (5, 2, -3)").</exception>
    public int Randint(int a, int b) => (int)Randint((long)a, b);

    /// <inheritdoc cref="Randint(int, int)"/>
    public long Randint(long a, long b) => (long)RandrangeCore(a, (Int128)b + 1, 1);

    /// <summary>Mirrors <c>random.uniform(a, b)</c>: <c>a + (b-a) * random()</c>.</summary>
    public double Uniform(double a, double b) => a + (b - a) * Random();

    /// <summary>Mirrors <c>random.choice(seq)</c>: <c>seq[_randbelow(len(seq))]</c>.</summary>
    /// <exception cref="IndexError"><paramref name="seq"/> is empty ("Cannot choose from an empty sequence").</exception>
    /// <exception cref="ArgumentNullException"><paramref name="seq"/> is null.</exception>
    public T Choice<T>(IReadOnlyList<T> seq)
    {
        ArgumentNullException.ThrowIfNull(seq);
        if (seq.Count == 0) throw new IndexError("Cannot choose from an empty sequence");
        return seq[(int)Randbelow((ulong)seq.Count)];
    }

    /// <summary>Mirrors <c>random.choice(s)</c> for a str: a one-character string, as in Python.</summary>
    /// <exception cref="IndexError"><paramref name="seq"/> is empty ("Cannot choose from an empty sequence").</exception>
    /// <exception cref="ArgumentNullException"><paramref name="seq"/> is null.</exception>
    public string Choice(string seq)
    {
        ArgumentNullException.ThrowIfNull(seq);
        if (seq.Length == 0) throw new IndexError("Cannot choose from an empty sequence");
        return seq[(int)Randbelow((ulong)seq.Length)].ToString();
    }

    /// <summary>Mirrors <c>random.shuffle(x)</c>: shuffles the list in place (Fisher-Yates from the end, <c>j = _randbelow(i+1)</c>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public void Shuffle<T>(IList<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        for (int i = x.Count - 1; i > 0; i--)
        {
            int j = (int)Randbelow((ulong)i + 1);
            (x[i], x[j]) = (x[j], x[i]);
        }
    }

    /// <summary>
    /// Mirrors <c>random.sample(population, k)</c>: <paramref name="k"/> distinct elements, in selection order,
    /// by CPython's algorithm (a pool for small populations, a set of chosen indices for large ones), so the
    /// same seed picks the same elements. A Python <c>range(n)</c> ports as <c>Enumerable.Range(0, n).ToArray()</c>.
    /// </summary>
    /// <remarks>The <c>counts=</c> keyword is not ported.</remarks>
    /// <exception cref="ValueError"><paramref name="k"/> is negative or larger than the population ("Sample larger than population or is negative").</exception>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is null.</exception>
    public List<T> Sample<T>(IReadOnlyList<T> population, int k)
    {
        ArgumentNullException.ThrowIfNull(population);
        int n = population.Count;
        if (k < 0 || k > n) throw new ValueError("Sample larger than population or is negative");
        var result = new List<T>(k);
        long setsize = 21;
        if (k > 5) setsize += (long)Math.Pow(4, Math.Ceiling(Math.Log(k * 3.0, 4)));
        if (n <= setsize)
        {
            var pool = population.ToArray();
            for (int i = 0; i < k; i++)
            {
                int j = (int)Randbelow((ulong)(n - i));
                result.Add(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        }
        else
        {
            var selected = new HashSet<int>();
            for (int i = 0; i < k; i++)
            {
                int j = (int)Randbelow((ulong)n);
                while (selected.Contains(j)) j = (int)Randbelow((ulong)n);
                selected.Add(j);
                result.Add(population[j]);
            }
        }
        return result;
    }
}
