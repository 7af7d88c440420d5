// The repr probe: what PyAsync prints through reflection (sets, dicts, key-value pairs, generators,
// type names, comparisons, tracebacks), run under the JIT and under NativeAOT by tools/aot-example.sh,
// which diffs the two outputs. Object addresses (0x...) are masked by the script.
using System.Collections;
using PyAsync;
using static PyAsync.Asyncio;

Run(Main(args));

static async Coroutine Main(string[] args)
{
    Print(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 });
    Print(new List<object?> { 1, "two", 3.0, null, true, (4, "five") });
    Print((1, "a", 2.5), Tuple.Create(1));
    Print(new HashSet<int> { 3 }, new SortedSet<string> { "x", "y" }, new HashSet<string>());
    Print(new KeyValuePair<string, int>("k", 1), new KeyValuePair<int, int>(2, 3));
    Print(new Dictionary<int, string> { [1] = "one", [2] = "two" }.OrderBy(kv => kv.Key).ToList());
    Print(new OnlyReadOnlyDictionary(), new OnlySet());
    Print(Type(1), Type("s"), Type(new Dictionary<int, int>()), Type(new HashSet<int>()), Type((1, 2)), Type(new ValueError("v")));
    Print(Repr(new ValueError("bad")), Repr(new KeyError("k")), Repr(new CancelledError()), Str(new KeyError("k")));
    Print(Ticker(), Counter());
    Print(Type(Ticker()), Type(Counter()));

    var task = CreateTask(Worker());
    Print(task, Type(task));
    await Sleep(0);
    Print(task);
    try { await task; } catch (ValueError e) { Print("caught", Repr(e)); }
    Print(task);
    var fut = Future<int>();
    Print(fut, Type(fut));

    // Python's < through IComparable<T>, tuples, and a payload Python cannot compare.
    Print(PyOperators.LessThan((1, "a"), (1, "b")), PyOperators.LessThan(2, 1.5), PyOperators.LessThan("é", "z"));
    var jobs = PriorityQueue<Job>();
    jobs.PutNowait(new Job(3)); jobs.PutNowait(new Job(1)); jobs.PutNowait(new Job(2));
    Print(jobs.GetNowait(), jobs.GetNowait(), jobs.GetNowait());
    var plain = PriorityQueue<(int, Plain)>();
    plain.PutNowait((1, new Plain()));
    try { plain.PutNowait((1, new Plain())); } catch (TypeError e) { Print("TypeError:", e); }

    // Documented difference (README, "Publishing a port"): under NativeAOT a tuple's items are compared
    // boxed, and a class with only IComparable<T> cannot be compared there. Not part of the diffed output.
    if (args.Contains("--known-differences"))
    {
        var ties = PriorityQueue<(int, Job)>();
        ties.PutNowait((1, new Job(2)));
        try { ties.PutNowait((1, new Job(1))); Print("tie compared:", ties.GetNowait()); } catch (TypeError e) { Print("TypeError:", e); }
    }

    // A task cancelled at a .NET await that observes its token gets its CancelledError there
    // (ForeignAwaitCancellation: the state machine's awaiter field, found by reflection).
    foreach (var kind in new[] { "Task", "Task<string>", "Task<int>", "Task<bool>" })
    {
        var waiting = CreateTask(AwaitDotnet(kind));
        await Sleep(0);
        waiting.Cancel("stop");
        try { await waiting; } catch (CancelledError) { }
    }

    // A failure nobody retrieves: reported on stderr with a Python-shaped traceback.
    _ = CreateTask(Fails());
    await Sleep(0);
    await Sleep(0);
}

static async Coroutine AwaitDotnet(string kind)
{
    var token = CurrentTask()!.CancellationToken;
    try
    {
        if (kind == "Task") await Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, token);
        else if (kind == "Task<string>") await new TaskCompletionSource<string>().Task.WaitAsync(token);
        else if (kind == "Task<int>") await new TaskCompletionSource<int>().Task.WaitAsync(token);
        else await new SemaphoreSlim(0).WaitAsync(System.Threading.Timeout.InfiniteTimeSpan, token).ConfigureAwait(false);
    }
    catch (CancelledError e)
    {
        Print(kind, "cancelled at its await:", Repr(e));
        throw;
    }
    catch (OperationCanceledException e)
    {
        Print(kind, "kept .NET's", e.GetType().Name);
        throw;
    }
}

static async Coroutine<int> Worker()
{
    await Sleep(0);
    throw new ValueError("boom");
}

static async Coroutine Fails()
{
    await Sleep(0);
    throw new RuntimeError("nobody retrieves this");
}

static async IAsyncEnumerable<int> Ticker()
{
    await Task.Yield();
    yield return 1;
}

static IEnumerable<int> Counter()
{
    yield return 1;
}

sealed class Job(int priority) : IComparable<Job>
{
    public int CompareTo(Job? other) => priority.CompareTo(other!.Priority);

    public int Priority => priority;

    public override string ToString() => $"Job({priority})";
}

sealed class Plain;

sealed class OnlyReadOnlyDictionary : IReadOnlyDictionary<string, int>
{
    private readonly Dictionary<string, int> _items = new() { ["x"] = 1 };

    public int this[string key] => _items[key];
    public IEnumerable<string> Keys => _items.Keys;
    public IEnumerable<int> Values => _items.Values;
    public int Count => _items.Count;
    public bool ContainsKey(string key) => _items.ContainsKey(key);
    public bool TryGetValue(string key, out int value) => _items.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, int>> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

sealed class OnlySet : IReadOnlySet<int>
{
    private readonly HashSet<int> _items = [7];

    public int Count => _items.Count;
    public bool Contains(int item) => _items.Contains(item);
    public bool IsProperSubsetOf(IEnumerable<int> other) => _items.IsProperSubsetOf(other);
    public bool IsProperSupersetOf(IEnumerable<int> other) => _items.IsProperSupersetOf(other);
    public bool IsSubsetOf(IEnumerable<int> other) => _items.IsSubsetOf(other);
    public bool IsSupersetOf(IEnumerable<int> other) => _items.IsSupersetOf(other);
    public bool Overlaps(IEnumerable<int> other) => _items.Overlaps(other);
    public bool SetEquals(IEnumerable<int> other) => _items.SetEquals(other);
    public IEnumerator<int> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
