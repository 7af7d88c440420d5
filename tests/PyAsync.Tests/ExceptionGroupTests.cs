using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>The builtin ExceptionGroup that TaskGroup raises (CPython: test_exception_group.py; src/PyAsync/Python).</summary>
public class ExceptionGroupTests
{
    [Fact]
    public void ExceptionGroup_mirrors_Pythons()
    {
        var eg = new ExceptionGroup("many", [new ValueError("a"), new ExceptionGroup("inner", [new TypeError("b"), new ValueError("c")])]);
        Str(eg).ShouldBe("many (2 sub-exceptions)");
        Repr(eg).ShouldBe("ExceptionGroup('many', [ValueError('a'), ExceptionGroup('inner', [TypeError('b'), ValueError('c')])])");
        var values = eg.Subgroup(e => e is ValueError)!;
        Repr(values).ShouldBe("ExceptionGroup('many', [ValueError('a'), ExceptionGroup('inner', [ValueError('c')])])");
        var (match, rest) = eg.Split(e => e is TypeError);
        Repr(match).ShouldBe("ExceptionGroup('many', [ExceptionGroup('inner', [TypeError('b')])])");
        Repr(rest).ShouldBe("ExceptionGroup('many', [ValueError('a'), ExceptionGroup('inner', [ValueError('c')])])");
        eg.Subgroup(e => e is TimeoutError).ShouldBeNull();
        Should.Throw<ValueError>(() => new ExceptionGroup("empty", []));
    }
}
