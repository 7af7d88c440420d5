using System.Collections;
using System.Collections.Frozen;
using System.Collections.Immutable;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// The reprs and comparisons made trim- and NativeAOT-safe for issue 13 (src/PyAsync/Python/PyType.cs,
/// PyRepr.cs, PyOperators.cs), under the JIT: the same results as before, by the new routes. The
/// NativeAOT side is checked by tools/aot-example.sh (publishing takes about a minute, too long for
/// this suite).
/// </summary>
public class TrimSafeReprTests
{
    [Fact]
    public void The_BCLs_set_classes_print_as_sets()
    {
        Repr(new SortedSet<int> { 2, 1 }).ShouldBe("{1, 2}");
        Repr(ImmutableHashSet.Create(5)).ShouldBe("{5}");
        Repr(ImmutableSortedSet.Create(3, 4)).ShouldBe("{3, 4}");
        Repr(new[] { 7 }.ToFrozenSet()).ShouldBe("{7}");
        Repr(new SortedSet<int> { 1, 2, 3 }.GetViewBetween(1, 2)).ShouldBe("{1, 2}");
        Str(Type(ImmutableHashSet.Create(5))).ShouldBe("<class 'set'>");
    }

    [Fact]
    public void A_set_and_a_mapping_of_the_programs_own_print_as_Python_would()
    {
        Repr(new OnlySet()).ShouldBe("{7}");
        Str(Type(new OnlySet())).ShouldBe("<class 'set'>");
        Repr(new OnlyReadOnlyDictionary()).ShouldBe("{'x': 1}");
    }

    [Fact]
    public void Key_value_pairs_print_as_tuples()
    {
        Repr(new KeyValuePair<int, int>(2, 3)).ShouldBe("(2, 3)");
        Repr(new Dictionary<string, int> { ["b"] = 2, ["a"] = 1 }.OrderBy(kv => kv.Key).ToList()).ShouldBe("[('a', 1), ('b', 2)]");
    }

    [Fact]
    public void A_plain_iterator_is_a_generator_and_other_compiler_classes_are_not()
    {
        Str(Type(Counter())).ShouldBe("<class 'generator'>");
        Repr(Counter()).ShouldMatch(@"^<generator object Counter at 0x[0-9a-f]+>$");
        Func<int> lambda = () => 1;
        Str(Type(lambda.Target!)).ShouldNotContain("generator");
    }

    [Fact]
    public void A_priority_queue_of_a_class_with_IComparable_of_itself_orders_by_CompareTo_and_None_still_raises()
    {
        var queue = new PyPriorityQueue<Job>();
        queue.PutNowait(new Job(3));
        queue.PutNowait(new Job(1));
        queue.PutNowait(new Job(2));
        new[] { queue.GetNowait(), queue.GetNowait(), queue.GetNowait() }.Select(j => j.Priority).ShouldBe([1, 2, 3]);

        var withNone = new PyPriorityQueue<Job?>();
        withNone.PutNowait(new Job(1));
        Should.Throw<TypeError>(() => withNone.PutNowait(null)).Message.ShouldBe("'<' not supported between instances of 'NoneType' and 'Job'");
    }

    [Fact]
    public void A_subclass_with_comparisons_of_its_own_is_compared_as_PyOperators_compares_it()
    {
        // PyComparer<Job> calls Job's CompareTo itself only when both values are exactly Jobs; a subclass
        // goes through PyOperators as before, whichever of its IComparable<X> that picks.
        ReverseJob one = new(1), two = new(2);
        PyComparer<Job>.LessThan(one, two).ShouldBe(PyOperators.LessThan(one, two));
        PyComparer<Job>.LessThan(two, one).ShouldBe(PyOperators.LessThan(two, one));
        PyComparer<Job>.LessThan(new Job(1), new Job(2)).ShouldBeTrue();
    }

    private static IEnumerable<int> Counter()
    {
        yield return 1;
    }

    private class Job(int priority) : IComparable<Job>
    {
        public int Priority => priority;

        public int CompareTo(Job? other) => priority.CompareTo(other!.Priority);
    }

    private sealed class ReverseJob(int priority) : Job(priority), IComparable<ReverseJob>
    {
        public int CompareTo(ReverseJob? other) => other!.Priority.CompareTo(Priority);
    }

    private sealed class OnlySet : IReadOnlySet<int>
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

    private sealed class OnlyReadOnlyDictionary : IReadOnlyDictionary<string, int>
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
}
