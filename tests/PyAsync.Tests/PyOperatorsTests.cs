using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// Python's &lt; and == on .NET values, what PriorityQueue compares with (CPython: test_compare.py,
/// test_tuple.py, test_long.py's float comparisons; Objects/object.c do_richcompare; src/PyAsync/Python).
/// Each expectation was checked against CPython 3.13.
/// </summary>
public class PyOperatorsTests
{
    private sealed class Job;

    private sealed record Point(int X, int Y);

    [Fact]
    public void Numbers_compare_by_value_across_types_exactly()
    {
        // test_long.py: test_float_compare (exact int/float comparison); bool is an int
        PyOperators.LessThan(1, 1.5).ShouldBeTrue();
        PyOperators.LessThan(2L, 1.5f).ShouldBeFalse();
        PyOperators.LessThan(9007199254740992.0, 9007199254740993L).ShouldBeTrue(); // 2**53 < 2**53 + 1
        PyOperators.LessThan(true, 2).ShouldBeTrue();
        PyOperators.LessThan(0.5m, 1).ShouldBeTrue();
        PyOperators.LessThan(ulong.MaxValue, -1).ShouldBeFalse();
        PyOperators.LessThan(double.NaN, 1).ShouldBeFalse();
        PyOperators.LessThan(1, double.NaN).ShouldBeFalse();
        PyOperators.LessThan(1, double.PositiveInfinity).ShouldBeTrue();
        PyOperators.LessThan(new System.Numerics.BigInteger(10), 10.5).ShouldBeTrue();
        PyOperators.Equal(1, 1.0).ShouldBeTrue();
        PyOperators.Equal(true, 1).ShouldBeTrue();
        PyOperators.Equal(double.NaN, double.NaN).ShouldBeFalse();
        PyOperators.Equal(1, "1").ShouldBeFalse();
    }

    [Fact]
    public void Strings_compare_by_code_point_not_by_UTF16_unit_or_culture()
    {
        // test_unicode.py: test_comparison ('\U0001F600' > '\uffff'; 'ä' > 'z')
        PyOperators.LessThan("a", "b").ShouldBeTrue();
        PyOperators.LessThan("ab", "abc").ShouldBeTrue();
        PyOperators.LessThan("ä", "z").ShouldBeFalse();
        PyOperators.LessThan("B", "a").ShouldBeTrue();
        PyOperators.LessThan("\uffff", "\U0001F600").ShouldBeTrue();
        PyOperators.LessThan('a', "b").ShouldBeTrue(); // a char is a one-character str
        PyOperators.Equal('a', "a").ShouldBeTrue();
    }

    [Fact]
    public void Tuples_compare_item_by_item_then_by_length()
    {
        // test_tuple.py: test_lexicographic_ordering; Objects/tupleobject.c tuplerichcompare
        PyOperators.LessThan((1, "b"), (1, "c")).ShouldBeTrue();
        PyOperators.LessThan((1, 2), (1, 2, 0)).ShouldBeTrue();
        PyOperators.LessThan((2, "a"), (1, "z")).ShouldBeFalse();
        PyOperators.LessThan((1, 2, 3, 4, 5, 6, 7, 8), (1, 2, 3, 4, 5, 6, 7, 9)).ShouldBeTrue(); // 8 items: ValueTuple's TRest
        PyOperators.LessThan(new PyTuple(1, "a"), (1, "b")).ShouldBeTrue();
        PyOperators.Equal((1, 2.0), new PyTuple(1, 2)).ShouldBeTrue();
        PyOperators.LessThan(new List<int> { 1, 2 }, new[] { 1, 3 }).ShouldBeTrue(); // lists compare with lists
    }

    [Fact]
    public void Equal_priorities_compare_the_next_items_and_those_may_raise()
    {
        // test_compare.py: ComparisonSimpleTest (no __lt__ on a class: TypeError); the first unequal item decides
        var a = new Job();
        PyOperators.LessThan((1, a), (2, new Job())).ShouldBeTrue();
        PyOperators.LessThan((1, a), (1, a)).ShouldBeFalse(); // the same object is equal without asking
        Should.Throw<TypeError>(() => PyOperators.LessThan((1, a), (1, new Job())))
            .Message.ShouldBe("'<' not supported between instances of 'Job' and 'Job'");
        PyOperators.Equal(new Point(1, 2), new Point(1, 2)).ShouldBeTrue(); // a record's value equality, as a dataclass's
        PyOperators.Equal(new Job(), new Job()).ShouldBeFalse();           // identity, as a class without __eq__
    }

    [Fact]
    public void Incomparable_values_raise_TypeError_with_CPythons_message_and_type_names()
    {
        // test_compare.py / Objects/object.c do_richcompare: "'<' not supported between instances of %.100s and %.100s"
        string Message(object? a, object? b) => Should.Throw<TypeError>(() => PyOperators.LessThan(a, b)).Message;
        Message(1, null).ShouldBe("'<' not supported between instances of 'int' and 'NoneType'");
        Message(new Dictionary<int, int>(), new Dictionary<int, int>()).ShouldBe("'<' not supported between instances of 'dict' and 'dict'");
        Message((1, 2), new List<int> { 1, 2 }).ShouldBe("'<' not supported between instances of 'tuple' and 'list'");
        Message("a", 1).ShouldBe("'<' not supported between instances of 'str' and 'int'");
        Message(None, None).ShouldBe("'<' not supported between instances of 'NoneType' and 'NoneType'");
        Message(new object(), new object()).ShouldBe("'<' not supported between instances of 'object' and 'object'");
    }

    [Fact]
    public void Other_dotnet_values_compare_with_their_IComparable()
    {
        // Objects/object.c do_richcompare: v.__lt__(w), then the reflected w.__gt__(v)
        PyOperators.LessThan(new DateTime(2024, 1, 1), new DateTime(2025, 1, 1)).ShouldBeTrue();
        PyOperators.LessThan(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)).ShouldBeFalse();
        PyOperators.LessThan(DayOfWeek.Monday, DayOfWeek.Friday).ShouldBeTrue();
        Should.Throw<TypeError>(() => PyOperators.LessThan(DateTime.Now, TimeSpan.Zero));
    }

    [Fact]
    public void The_typed_comparer_agrees_with_the_object_one()
    {
        // test_heapq.py: the comparisons heapq makes, typed (no boxing) for pairs and triples
        var pairs = new[] { (1, "a"), (1, "b"), (0, "z"), (1, "a") };
        foreach (var x in pairs)
        {
            foreach (var y in pairs)
            {
                PyComparer<(int, string)>.LessThan(x, y).ShouldBe(PyOperators.LessThan(x, y), $"{x} < {y}");
                PyComparer<(int, string)>.ItemEqual(x, y).ShouldBe(PyOperators.Equal(x, y), $"{x} == {y}");
            }
        }
        PyComparer<(double, int, string)>.LessThan((double.NaN, 1, "a"), (double.NaN, 2, "a")).ShouldBeFalse();
        Should.Throw<TypeError>(() => PyComparer<(int, Job)>.LessThan((1, new Job()), (1, new Job())));
        PyComparer<string>.LessThan("\uffff", "\U0001F600").ShouldBeTrue();
    }
}
