namespace PyAsync.Bench.Workloads;

/// <summary>
/// One of the benchmark workloads: W1 to W8 for the core and the synchronization primitives, W9 and W10
/// for streams over loopback TCP (issue 15). Every column (PyAsync, CPython, TPL) does the same work;
/// each run returns a check value that must equal <see cref="Measurement.Expected"/>, which is
/// <see cref="Expected"/> of the size.
/// </summary>
/// <param name="Id">W1 … W10.</param>
/// <param name="Title">What the workload does.</param>
/// <param name="FullSize">
/// The size the issue fixes (tasks; awaits for W2, items for W7, acquisitions for W8, messages for W9,
/// bytes for W10).
/// </param>
/// <param name="TinySize">The size of the CI smoke test.</param>
/// <param name="BestCaseId">
/// For a porter-shaped variant (W1P, W1C, W2P): the best-case workload it varies. The Python program is
/// the same for W1P and W2P, whose CPython figures are therefore their best case's; W1C's Python differs
/// (it gathers coroutines) and runs itself.
/// </param>
public sealed record Workload(string Id, string Title, int FullSize, int TinySize, string? BestCaseId = null)
{
    public static readonly Workload Spawn = new("W1", "spawn: tasks that each await Sleep(0) once, gathered", 100_000, 100);

    /// <summary>W1 as a porter writes it: a <c>List</c> filled in a loop, <c>Gather(list)</c>, LINQ's <c>Sum()</c>.</summary>
    public static readonly Workload SpawnPorter = new("W1P", "spawn, porter-shaped: a List of tasks to Gather, then .Sum()", 100_000, 100, "W1");

    /// <summary>W1 with Python's <c>gather(*[one_yield() for _ in range(n)])</c>: coroutines gathered, wrapped in tasks by Gather.</summary>
    public static readonly Workload SpawnCoroutines = new("W1C", "spawn, porter-shaped: a List of coroutines to Gather (gather(*coros))", 100_000, 100, "W1");

    public static readonly Workload RoundTrip = new("W2", "await round trip: fresh futures completed by CallSoon", 1_000_000, 1_000);

    /// <summary>W2 as a porter writes it: <c>loop.CallSoon(() => fut.SetResult(1))</c>, a closure per await.</summary>
    public static readonly Workload RoundTripPorter = new("W2P", "await round trip, porter-shaped: CallSoon(() => fut.SetResult(1)), a closure", 1_000_000, 1_000, "W2");
    public static readonly Workload Memory = new("W3", "memory: tasks pending on one shared future", 100_000, 100);
    public static readonly Workload Timers = new("W4", "timers: concurrent Sleeps in [0, 0.2] s, real clock", 100_000, 100);
    public static readonly Workload Scale = new("W5", "scale: tasks created and gathered in one Run", 1_000_000, 1_000);
    public static readonly Workload Cancellation = new("W6", "cancellation: WaitFor(Sleep(10), 0.001), real clock", 100_000, 100);

    public static readonly Workload Queue = new("W7", "queue: items 0..n-1 through one bounded queue (maxsize 100), one producer, one consumer", 1_000_000, 1_000);
    public static readonly Workload Lock = new("W8", "lock: 100 tasks take one lock n/100 times each, holding it across one yield", 1_000_000, 1_000);

    /// <summary>
    /// W9: one echo server on 127.0.0.1 and <see cref="EchoClients"/> concurrent clients (100 at full size),
    /// each sending its share of the n 16-byte lines one at a time and reading each echo before the next.
    /// </summary>
    public static readonly Workload Echo = new("W9", "echo: 100 loopback clients each send n/100 16-byte lines, reading each echo before the next", 1_000_000, 200);

    /// <summary>W10: one loopback connection sends n bytes (1 GiB) in 64 KiB writes, each drained; the server counts them to EOF.</summary>
    public static readonly Workload Bulk = new("W10", "bulk: n bytes over one loopback connection in 64 KiB writes with drain, counted to EOF", 1 << 30, 1 << 20);

    public static readonly IReadOnlyList<Workload> All =
        [Spawn, SpawnPorter, SpawnCoroutines, RoundTrip, RoundTripPorter, Memory, Timers, Scale, Cancellation, Queue, Lock, Echo, Bulk];

    /// <summary>W9 and W10: a server and its clients on loopback TCP, through the streams API.</summary>
    public bool IsNetwork => Id is "W9" or "W10";

    /// <summary>A porter-shaped variant of a best-case workload.</summary>
    public bool IsPorterShaped => BestCaseId is not null;

    /// <summary>Whether the CPython program is its best case's own (W1P, W2P), measured there.</summary>
    public bool SharesPythonWithBestCase => Id is "W1P" or "W2P";

    /// <summary>W7's bound: the queue's maxsize, the channel's capacity.</summary>
    public const int QueueMaxsize = 100;

    /// <summary>W8's contenders: this many tasks share the lock, each taking it n / LockTasks times.</summary>
    public const int LockTasks = 100;

    /// <summary>W9's message: a 16-byte line (15 bytes and <c>\n</c>), the same in every column.</summary>
    public static ReadOnlySpan<byte> EchoMessage => "0123456789abcde\n"u8;

    /// <summary>W9's clients for <paramref name="n"/> messages: n / 50, at least 1 and at most 100 (100 × 10,000 at full size, 4 × 50 tiny).</summary>
    public static int EchoClients(int n) => Math.Clamp(n / 50, 1, 100);

    /// <summary>The messages W9 sends for a size <paramref name="n"/>: each of its clients sends n / clients.</summary>
    public static long EchoMessages(int n) => (long)EchoClients(n) * (n / EchoClients(n));

    /// <summary>W10's write size: 64 KiB, the last write shorter when n is not a multiple.</summary>
    public const int BulkChunk = 64 * 1024;

    /// <summary>
    /// The check value a run of size <paramref name="n"/> must return: <paramref name="n"/> for W1 to W6;
    /// for W7 the sum of the items 0 … n−1; for W8 the shared counter, one increment per acquisition
    /// (<see cref="LockTasks"/> × (n / <see cref="LockTasks"/>)); for W9 the bytes echoed back to the
    /// clients (<see cref="EchoMessages"/> × 16); for W10 the bytes the server counted, n.
    /// </summary>
    public long Expected(int n) => Id switch
    {
        "W7" => (long)n * (n - 1) / 2,
        "W8" => (long)LockTasks * (n / LockTasks),
        "W9" => EchoMessages(n) * EchoMessage.Length,
        _ => n,
    };

    /// <summary>The longest sleep of W4, in seconds: no column can finish sooner.</summary>
    public const double TimersFloorSeconds = 0.2;

    /// <summary>The timeout of W6, in seconds.</summary>
    public const double CancellationTimeoutSeconds = 0.001;

    public static Workload Get(string id) =>
        All.FirstOrDefault(w => string.Equals(w.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown workload '{id}' (W1 to W10, W1P, W1C, W2P)", nameof(id));
}

/// <summary>One run of one workload in one column.</summary>
/// <param name="Seconds">Wall time of the whole run, including starting and closing the loop.</param>
/// <param name="Value">The check value: the sum of the tasks' results, the count of TimeoutErrors, the sum of the items (W7), the counter (W8), bytes echoed (W9) or received (W10).</param>
/// <param name="Expected">What <paramref name="Value"/> must be: <see cref="Workload.Expected"/> of the size.</param>
/// <param name="BytesPerTask">W3 only: bytes held per pending task after a full collection.</param>
/// <param name="PeakWorkingSet">The process's peak working set, where measured (W5 runs in a fresh process).</param>
/// <param name="AllocatedBytes">.NET columns: the bytes allocated on the managed heap during the run, all threads.</param>
/// <param name="VirtualSeconds">
/// PyAsync, W4 and W6: wall time of the same run on a <see cref="VirtualClock"/>, where waiting costs
/// nothing: the work itself, which with the longest wait makes the workload's floor.
/// </param>
public sealed record Measurement(double Seconds, long Value, long Expected, double? BytesPerTask = null, long? PeakWorkingSet = null,
    long? AllocatedBytes = null, double? VirtualSeconds = null)
{
    public bool IsRight => Value == Expected;
}
