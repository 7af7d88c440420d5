using System.Diagnostics;
using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>print/str/repr/type and the time helpers, checked against CPython.</summary>
public class BuiltinsTests
{
    /// <summary>(C# value, the Python expression for the same value, CPython's repr, CPython's str).</summary>
    public static readonly (object? Value, string Python, string Repr, string Str)[] Cases =
    [
        (null, "None", "None", "None"),
        (NoneType.None, "None", "None", "None"),
        (true, "True", "True", "True"),
        (false, "False", "False", "False"),
        (42, "42", "42", "42"),
        (-7L, "-7", "-7", "-7"),
        (3.0, "3.0", "3.0", "3.0"),
        (0.1, "0.1", "0.1", "0.1"),
        (0.1 + 0.2, "0.1 + 0.2", "0.30000000000000004", "0.30000000000000004"),
        (1.0 / 3, "1 / 3", "0.3333333333333333", "0.3333333333333333"),
        (1e-05, "1e-05", "1e-05", "1e-05"),
        (0.0001, "0.0001", "0.0001", "0.0001"),
        (1e16, "1e16", "1e+16", "1e+16"),
        (1e15, "1e15", "1000000000000000.0", "1000000000000000.0"),
        (1.5e16, "1.5e16", "1.5e+16", "1.5e+16"),
        (123456789.125, "123456789.125", "123456789.125", "123456789.125"),
        (2.5e-10, "2.5e-10", "2.5e-10", "2.5e-10"),
        (-0.0, "-0.0", "-0.0", "-0.0"),
        (double.PositiveInfinity, "float('inf')", "inf", "inf"),
        (double.NaN, "float('nan')", "nan", "nan"),
        ("hello", "'hello'", "'hello'", "hello"),
        ("it's", "\"it's\"", "\"it's\"", "it's"),
        ("a\nb\\", "'a\\nb\\\\'", "'a\\nb\\\\'", "a\nb\\"),
        ("both ' and \"", "'both \\' and \"'", "'both \\' and \"'", "both ' and \""),
        (new List<int> { 1, 2, 3 }, "[1, 2, 3]", "[1, 2, 3]", "[1, 2, 3]"),
        (new List<object?> { 1, "a", null, true, 2.0 }, "[1, 'a', None, True, 2.0]", "[1, 'a', None, True, 2.0]", "[1, 'a', None, True, 2.0]"),
        (new List<string>(), "[]", "[]", "[]"),
        (new[] { new[] { 1 }, new[] { 2, 3 } }, "[[1], [2, 3]]", "[[1], [2, 3]]", "[[1], [2, 3]]"),
        ((1, "a"), "(1, 'a')", "(1, 'a')", "(1, 'a')"),
        (new PyTuple("msg"), "('msg',)", "('msg',)", "('msg',)"),
        (new PyTuple(), "()", "()", "()"),
        (new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, "{'a': 1, 'b': 2}", "{'a': 1, 'b': 2}", "{'a': 1, 'b': 2}"),
        (new HashSet<int> { 1, 2, 3 }, "{1, 2, 3}", "{1, 2, 3}", "{1, 2, 3}"),
        (new HashSet<int>(), "set()", "set()", "set()"),
        (new ValueError("boom"), "ValueError('boom')", "ValueError('boom')", "boom"),
        (new CancelledError(), "asyncio.CancelledError()", "CancelledError()", ""),
        (new CancelledError("a", 2), "asyncio.CancelledError('a', 2)", "CancelledError('a', 2)", "('a', 2)"),
        (new TimeoutError(), "TimeoutError()", "TimeoutError()", ""),
        (new RuntimeError("x"), "RuntimeError('x')", "RuntimeError('x')", "x"),
        (new RecursionError("maximum recursion depth exceeded"), "RecursionError('maximum recursion depth exceeded')", "RecursionError('maximum recursion depth exceeded')", "maximum recursion depth exceeded"),
    ];

    public static TheoryData<int> CaseIndexes()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Cases.Length; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIndexes))]
    public void Str_and_Repr_format_values_as_CPython_does(int index)
    {
        var (value, _, repr, str) = Cases[index];
        Repr(value).ShouldBe(repr);
        Str(value).ShouldBe(str);
    }

    [PythonFact]
    public void The_expected_formats_are_what_CPython_prints()
    {
        var script = "import asyncio\n" + string.Join("\n", Cases.Select(c => $"v = {c.Python}\nprint(repr(repr(v)))\nprint(repr(str(v)))"));
        var lines = Python.RunScript(script).Split('\n');
        for (int i = 0; i < Cases.Length; i++)
        {
            Repr(Cases[i].Repr).ShouldBe(lines[2 * i], $"repr of {Cases[i].Python}");
            Repr(Cases[i].Str).ShouldBe(lines[2 * i + 1], $"str of {Cases[i].Python}");
        }
    }

    [Fact]
    public void Print_joins_with_sep_and_ends_with_end()
    {
        var output = PyRun.Program(() =>
        {
            Print();
            Print(null);
            Print("a", 1, 2.0, true, null);
            Print("a", "b", sep: "-");
            Print("no newline", end: "");
            Print("|", end: "\n");
            Print(new List<string> { "x" }, (1, 2));
            Print(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        });
        output.Stdout.ShouldBe("\nNone\na 1 2.0 True None\na-b\nno newline|\n['x'] (1, 2)\n1 2 3 4 5 6 7 8 9 10 11 12\n");
    }

    [Fact]
    public void Type_prints_Pythons_class_names()
    {
        PyRun.Main(async () =>
        {
            var task = CreateTask(Sleep(0));
            Str(Type(task)).ShouldBe("<class '_asyncio.Task'>");
            Str(Type(Future<int>())).ShouldBe("<class '_asyncio.Future'>");
            var coro = Sleep(0);
            Str(Type(coro)).ShouldBe("<class 'coroutine'>");
            coro.Close();
            Str(Type(1)).ShouldBe("<class 'int'>");
            Str(Type(1.5)).ShouldBe("<class 'float'>");
            Str(Type("s")).ShouldBe("<class 'str'>");
            Str(Type(null)).ShouldBe("<class 'NoneType'>");
            Str(Type(new List<int>())).ShouldBe("<class 'list'>");
            Str(Type((1, 2))).ShouldBe("<class 'tuple'>");
            Str(Type(new CancelledError())).ShouldBe("<class 'asyncio.exceptions.CancelledError'>");
            Str(Type(new TimeoutError())).ShouldBe("<class 'TimeoutError'>");
            Str(Type(new BuiltinsTests())).ShouldBe("<class '__main__.BuiltinsTests'>");
            // type(x).__name__ and type(x).__module__
            (Type(task).Name, Type(task).Module).ShouldBe(("Task", "_asyncio"));
            (Type(new CancelledError()).Name, Type(new CancelledError()).Module).ShouldBe(("CancelledError", "asyncio.exceptions"));
            (Type(1).Name, Type(1).Module).ShouldBe(("int", "builtins"));
            await task;
        });
    }

    [Fact]
    public void Exception_args_print_as_a_tuple()
    {
        Str(new CancelledError("msg").Args).ShouldBe("('msg',)");
        Str(new ExceptionGroup("g", [new ValueError("x")]).Exceptions).ShouldBe("(ValueError('x'),)");
        Str(Type(new ExceptionGroup("g", [new ValueError("x")]).Exceptions)).ShouldBe("<class 'tuple'>");
        Str(new ValueError("a", 1).Args).ShouldBe("('a', 1)");
        new ValueError("a", 1).Message.ShouldBe("('a', 1)");
        new CancelledError(null).Args.ShouldBe(new PyTuple([null]));
    }

    [Fact]
    public void Strftime_formats_like_Pythons_C_locale()
    {
        var t = new DateTimeOffset(2025, 3, 7, 15, 4, 5, TimeSpan.Zero);
        Time.Strftime("%X", t).ShouldBe("15:04:05");
        Time.Strftime("%Y-%m-%d %H:%M:%S", t).ShouldBe("2025-03-07 15:04:05");
        Time.Strftime("%a %A %b %B %d %j %I%p %y %%", t).ShouldBe("Fri Friday Mar March 07 066 03PM 25 %");
        Time.Strftime("%c", t).ShouldBe("Fri Mar  7 15:04:05 2025");
        Time.Strftime("%x", t).ShouldBe("03/07/25");
    }

    [PythonFact]
    public void Strftime_matches_CPython()
    {
        const string format = "%a %A %b %B %c %d %H %I %j %m %M %p %S %U %w %W %x %X %y %Y %%";
        var t = new DateTimeOffset(2025, 3, 7, 15, 4, 5, TimeSpan.Zero);
        var psi = new ProcessStartInfo(Python.Executable!) { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"import time; print(time.strftime('{format}', time.gmtime({t.ToUnixTimeSeconds()})))");
        psi.Environment["LC_ALL"] = "C";
        using var process = System.Diagnostics.Process.Start(psi)!;
        var expected = process.StandardOutput.ReadToEnd().TrimEnd('\n');
        process.WaitForExit();
        Time.Strftime(format, t).ShouldBe(expected);
    }

    [Fact]
    public void Time_helpers_read_the_virtual_clock()
    {
        var output = PyRun.Main(async () =>
        {
            Print(Time.Strftime("%X"), Time.Monotonic(), Time.Now());
            await Sleep(90.5);
            Print(Time.Strftime("%X"), Time.Monotonic(), Time.PerfCounter());
            Time.Sleep(2);
            Print(Time.Monotonic());
        });
        output.Stdout.ShouldBe("12:00:00 0.0 1735732800.0\n12:01:30 90.5 90.5\n92.5\n");
    }

    [Fact]
    public void Time_Sleep_rejects_negative_times()
    {
        Should.Throw<ValueError>(() => Time.Sleep(-1)).Message.ShouldBe("sleep length must be non-negative");
    }

    [Fact]
    public void A_CSharp_iterator_is_a_Python_generator_and_is_not_iterated_to_print_it()
    {
        // Python: type(agen()) is <class 'async_generator'>, repr is <async_generator object agen at 0x...>.
        int pulled = 0;
        IEnumerable<int> Numbers() { pulled++; yield return 1; }
        Str(Type(Ticker())).ShouldBe("<class 'async_generator'>");
        Repr(Ticker()).ShouldMatch(@"^<async_generator object Ticker at 0x[0-9a-f]+>$");
        Str(Type(Numbers())).ShouldBe("<class 'generator'>");
        Repr(Numbers()).ShouldMatch(@"^<generator object .*Numbers at 0x[0-9a-f]+>$");
        pulled.ShouldBe(0);
        Str(Type(new List<int>())).ShouldBe("<class 'list'>");
    }

    private static async IAsyncEnumerable<int> Ticker()
    {
        await Task.Yield();
        yield return 1;
    }
}
