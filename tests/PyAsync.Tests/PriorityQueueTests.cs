using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// asyncio.PriorityQueue's order: heapq's sift with Python's &lt; (CPython: test_queues.py
/// PriorityQueueTests, Modules/_heapqmodule.c, Lib/test/test_heapq.py; src/PyAsync/Queues). Expected orders
/// were produced by CPython 3.13 running the same operations.
/// </summary>
public class PriorityQueueTests
{
    /// <summary>An item ordered by its priority only, as a Python class with <c>__lt__</c> on the priority: equal priorities tie.</summary>
    private sealed class P(int priority, int id) : IComparable<P>
    {
        public int Id => id;

        public int CompareTo(P? other) => priority.CompareTo(other!.Priority);

        private int Priority => priority;
    }

    private sealed class Job(string name)
    {
        public override string ToString() => $"Job({name})";
    }

    [Fact]
    public void A_PriorityQueue_gives_the_lowest_item_first()
    {
        // test_queues.py: PriorityQueueTests.test_order
        PyRun.Main(async () =>
        {
            var q = PriorityQueue<int>();
            foreach (var i in new[] { 1, 3, 2 }) await q.Put(i);
            var items = new List<int>();
            for (int i = 0; i < 3; i++) items.Add(await q.Get());
            items.ShouldBe([1, 2, 3]);
        });
    }

    [Fact]
    public void Items_with_equal_priorities_come_out_in_the_order_CPythons_heapq_gives()
    {
        // test_heapq.py: heappush/heappop order; 200 puts with priorities 0..5 (many ties), gets interleaved,
        // run under CPython 3.13 (an object ordered by __lt__ on the priority only, tagged with its put number)
        const string ops = "3,2,1,g,3,g,0,2,1,1,5,g,5,4,g,1,1,2,g,2,g,4,5,0,1,1,g,5,5,5,4,2,1,g,3,g,4,2,4,1,g,1,0,g,1,2,g,2,g,0,0,1,5,5,0,0,g,3,4,4,g,5,4,g,3,g,2,g,1,g,1,4,1,g,3,4,0,g,3,g,3,1,1,g,2,g,1,g,5,1,4,2,g,5,1,4,g,1,1,2,g,4,5,0,g,3,g,4,0,0,g,5,2,5,2,2,3,2,1,0,5,0,g,4,3,2,2,3,g,2,0,1,g,2,g,3,g,1,g,4,g,2,0,g,3,g,1,g,4,5,g,0,g,1,5,4,g,4,g,4,1,3,g,5,g,3,4,0,3,g,2,2,g,4,4,g,0,g,1,g,0,1,3,0,1,1,4,g,5,1,4,4,1,3,0,0,0,0,g,4,g,2,g,2,3,4,g,3,4,g,0,4,2,g,3,3,2,g,2,0,g,5,3,g,5,1,4,2,g,3,5,5,5,1,2,g,1,g,4,g,1,1,1,4,2,g,3,5,5,5,4,2,4,g,3,5,5,g,3,g,0,0,g,2,5,0,5,5,4,g,3,g,0";
        const string expected = "2,1,4,7,6,11,17,12,19,18,32,25,30,36,37,41,42,31,38,33,56,50,51,53,59,60,62,64,75,68,78,79,88,90,97,70,87,71,104,98,101,106,109,110,86,115,83,120,34,81,126,127,128,131,141,142,143,144,152,129,159,132,133,163,170,172,136,174,175,176,190,191,194,199,139,178,184,192,154,165,171,157,158,146,147,103,123,35,28,66,84,24,94,122,93,14,72,61,5,13,99,49,96,198,189,100,186,43,179,155,26,166,161,92,85,121,140,150,148,0,105,48,76,156,130,3,57,58,116,118,54,95,125,23,91,197,137,55,183,149,153,113,185,112,102,47,164,44,10,145,69,77,173,45,73,138,151,15,29,27,134,65,124,177,119,52,114,107,196,74,188,168,135,169,187,80,108,39,82,182,8,111,67,16,46,193,9,180,117,167,63,20,162,89,160,21,22,195,40,181";
        var q = PriorityQueue<P>();
        var order = new List<int>();
        int n = 0;
        foreach (var op in ops.Split(','))
        {
            if (op == "g") order.Add(q.GetNowait().Id);
            else q.PutNowait(new P(int.Parse(op), n++));
        }
        while (!q.Empty()) order.Add(q.GetNowait().Id);
        n.ShouldBe(200);
        string.Join(",", order).ShouldBe(expected);
    }

    [Fact]
    public void Tuples_with_equal_first_items_are_ordered_by_the_next_item_and_the_heap_shows_in_the_repr()
    {
        // test_queues.py: PriorityQueueTests; heap layout checked against CPython 3.13's str(q)
        PyRun.Main(async () =>
        {
            var q = PriorityQueue<(int, string)>();
            foreach (var x in new[] { (2, "b"), (1, "z"), (2, "a"), (1, "y"), (0, "q") }) await q.Put(x);
            Str(q).ShouldBe("<PriorityQueue maxsize=0 _queue=[(0, 'q'), (1, 'y'), (2, 'a'), (2, 'b'), (1, 'z')] tasks=5>");
            Repr(q).ShouldStartWith("<PriorityQueue at 0x");
            var items = new List<(int, string)>();
            for (int i = 0; i < 5; i++) items.Add(await q.Get());
            items.ShouldBe([(0, "q"), (1, "y"), (1, "z"), (2, "a"), (2, "b")]);
        });
    }

    [Fact]
    public void Jobs_that_cannot_be_compared_raise_TypeError_from_Put_and_the_item_stays_as_heappush_leaves_it()
    {
        // queues.py PriorityQueue._put (heappush appends, then sifts); CPython 3.13 prints the same sizes and message
        PyRun.Main(async () =>
        {
            var q = PriorityQueue<(int Priority, Job? Job)>();
            q.PutNowait((1, new Job("1")));
            Should.Throw<TypeError>(() => q.PutNowait((1, new Job("2"))))
                .Message.ShouldBe("'<' not supported between instances of 'Job' and 'Job'");
            q.QSize().ShouldBe(2);
            Str(q).ShouldBe("<PriorityQueue maxsize=0 _queue=[(1, Job(1)), (1, Job(2))] tasks=1>");
            await q.Put((2, null));
            q.QSize().ShouldBe(3);
            Str(q).ShouldEndWith("tasks=2>");
            q.GetNowait().Job.ShouldNotBeNull();
            q.QSize().ShouldBe(2);
        });
    }

    [Fact]
    public void Awaiting_Put_and_Get_raise_the_comparison_TypeError_and_Get_loses_the_item_as_heappop_does()
    {
        // queues.py PriorityQueue._get (heappop); CPython 3.13: put (1, j1), (0, a), (1, j2) works, get raises and loses (0, a)
        PyRun.Main(async () =>
        {
            var q = PriorityQueue<(int, Job)>();
            await q.Put((1, new Job("1")));
            await q.Put((0, new Job("a")));
            await q.Put((1, new Job("2")));
            var e = await CoroutineTests.Catch<TypeError>(async () => await q.Get());
            e.Message.ShouldBe("'<' not supported between instances of 'Job' and 'Job'");
            Str(q).ShouldBe("<PriorityQueue maxsize=0 _queue=[(1, Job(1)), (1, Job(2))] tasks=3>");
            await CoroutineTests.Catch<TypeError>(async () => await q.Put((1, new Job("3"))));
            q.QSize().ShouldBe(3);
        });
    }

    [Fact]
    public void Distinct_priorities_order_jobs_without_comparing_them()
    {
        // queues.py: PriorityQueue docstring ("Entries are typically tuples of the form: (priority number, data)")
        PyRun.Main(async () =>
        {
            var q = PriorityQueue<(int Priority, Job Job)>();
            foreach (var (p, name) in new[] { (3, "c"), (1, "a"), (2, "b") }) await q.Put((p, new Job(name)));
            var names = new List<string>();
            while (!q.Empty()) names.Add((await q.Get()).Job.ToString());
            names.ShouldBe(["Job(a)", "Job(b)", "Job(c)"]);
        });
    }

    [Fact]
    public void Mixed_numbers_strings_and_object_items_order_as_Python_compares_them()
    {
        // test_heapq.py: heapsort of mixed-type numbers; Python's int/float comparison is exact
        var q = PriorityQueue<object>();
        foreach (var x in new object[] { 2.5, 1, 3L, true, 0.5m, 9007199254740993L, 9007199254740992.0 }) q.PutNowait(x);
        var items = new List<string>();
        while (!q.Empty()) items.Add(Repr(q.GetNowait()));
        // CPython 3.13: [Decimal('0.5'), 1, True, 2.5, 3, 9007199254740992.0, 9007199254740993] (1 and True tie)
        items.ShouldBe(["0.5", "1", "True", "2.5", "3", "9007199254740992.0", "9007199254740993"]);
    }

    [Fact]
    public void A_LifoQueue_and_a_PriorityQueue_show_their_lists_in_their_reprs()
    {
        // test_queues.py: _test_repr_or_str for the subclasses; CPython 3.13's str() of the same queues
        var lifo = LifoQueue<object>();
        lifo.PutNowait(1);
        lifo.PutNowait("a");
        Str(lifo).ShouldBe("<LifoQueue maxsize=0 _queue=[1, 'a'] tasks=2>");
        var q = Queue<object>();
        q.PutNowait(1);
        q.PutNowait("a");
        q.GetNowait();
        q.Shutdown();
        Str(q).ShouldBe("<Queue maxsize=0 _queue=['a'] tasks=2 shutdown>");
    }
}
