using System.Reflection;
using System.Text;
using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// <c>print(*objects, sep=' ', end='\n', file=None, flush=False)</c>: the overloads by arity, the keyword-only
/// parameters after <see cref="KeywordOnly"/>, <c>file</c>, <c>flush</c> and the starred form <c>Print([.. items])</c>.
/// This file is compiled for net10.0 (C# 14) and, linked, for net8.0 by PyAsync.Tests.Net8.
/// </summary>
public class PrintTests
{
    /// <summary>A writer that records each Write call and counts Flush calls (test_print.py's <c>filelike</c>).</summary>
    private sealed class RecordingWriter : TextWriter
    {
        private readonly StringBuilder _text = new();

        public List<string> Writes { get; } = [];

        public int Flushes { get; private set; }

        public bool FailFlush { get; init; }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            Writes.Add(value ?? "");
            _text.Append(value);
        }

        public override void Flush()
        {
            if (FailFlush) throw new InvalidOperationException("flush failed");
            Flushes++;
        }

        public override string ToString() => _text.ToString();
    }

    [Fact]
    public void Print_writes_values_separated_by_sep_and_followed_by_end()
    {
        // test_print.py: TestPrint.test_print (its cases, to stdout and to a file=StringIO())
        var file = new StringWriter();
        var output = PyRun.Program(() =>
        {
            foreach (var f in new TextWriter?[] { null, file })
            {
                Print(file: f);
                Print("a", file: f);
                Print(null, file: f);
                Print(1, 2, file: f);
                Print(1, " ", 2, file: f);
                Print(1, 2, sep: "*", file: f);
                Print(1, "s", end: "", file: f);
                Print("a", "b", sep: "\n", file: f);
                Print(1.0, 1, sep: "", end: "", file: f);
                Print(1, "a", 1.3, sep: "*", end: "+", file: f);
                Print("a\n", "b", sep: "\n", file: f);
                Print("\0", " ", "\0", sep: "+", file: f);
                Print("a\n ", "b", sep: "\n", file: f);
                Print("a\n ", "b", sep: "\n", end: "\n", file: f);
            }
        });
        const string Expected = "\na\nNone\n1 2\n1   2\n1*2\n1 sa\nb\n1.011*a*1.3+a\n\nb\n\0+ +\0\na\n \nb\na\n \nb\n";
        output.Stdout.ShouldBe(Expected);
        file.ToString().ShouldBe(Expected);
    }

    [Fact]
    public void None_for_sep_and_end_means_the_default()
    {
        // Python docs for print(): "Both sep and end must be strings; they can also be None, which means to use the
        // default values."
        var output = PyRun.Program(() =>
        {
            Print(1, 2, sep: null, end: null);
            Print(sep: null, end: null);
        });
        output.Stdout.ShouldBe("1 2\n\n");
    }

    [Fact]
    public void Two_strings_are_two_values_never_a_separator()
    {
        // print's sep and end are keyword-only: print('a', 'b') prints 'a b'. The two-value overload is the one
        // chosen (an overload taking sep second would print "a" with "b" as separator, i.e. "a\n").
        var output = PyRun.Program(() =>
        {
            Print("a", "b");
            Print("a", "b", sep: "-");
            Print("x", end: "");
            Print("a", "b", "c");
            Print();
        });
        output.Stdout.ShouldBe("a b\na-b\nxa b c\n\n");
    }

    [Fact]
    public void None_prints_as_None_in_any_position()
    {
        // test_print.py: TestPrint.test_print, x('None\n', (None,))
        var output = PyRun.Program(() =>
        {
            Print(null);
            Print(1, null);
            Print(null, null);
            Print(null, 2, null, sep: ",");
            Print([null]);
        });
        output.Stdout.ShouldBe("None\n1 None\nNone None\nNone,2,None\nNone\n");
    }

    [Fact]
    public void Every_arity_from_zero_to_twelve_prints_its_values()
    {
        var output = PyRun.Program(() =>
        {
            Print();
            Print(1);
            Print(1, 2);
            Print(1, 2, 3);
            Print(1, 2, 3, 4);
            Print(1, 2, 3, 4, 5);
            Print(1, 2, 3, 4, 5, 6);
            Print(1, 2, 3, 4, 5, 6, 7);
            Print(1, 2, 3, 4, 5, 6, 7, 8);
            Print(1, 2, 3, 4, 5, 6, 7, 8, 9);
            Print(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            Print(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
            Print(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
            Print("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", sep: "", end: "!\n");
        });
        var expected = new StringBuilder();
        for (int n = 0; n <= 12; n++) expected.Append(string.Join(" ", Enumerable.Range(1, n))).Append('\n');
        expected.Append("abcdefghijkl!\n");
        output.Stdout.ShouldBe(expected.ToString());
    }

    [Fact]
    public void File_receives_the_line_and_stdout_nothing()
    {
        // test_print.py: TestPrint.test_print checks print(..., file=o) writes to o and nothing to sys.stdout;
        // print(x, file=sys.stderr) is the usual use.
        var output = PyRun.Program(() =>
        {
            Print("to stdout");
            Print("to stderr", 1, file: Sys.Stderr);
            Print("also stdout", file: null);
        });
        output.Stdout.ShouldBe("to stdout\nalso stdout\n");
        output.Stderr.ShouldBe("to stderr 1\n");
    }

    [Fact]
    public void File_none_means_sys_stdout_at_the_time_of_the_call()
    {
        // Python docs for print(): "if it is not present or None, sys.stdout will be used" (looked up at each call).
        var first = new RecordingWriter();
        var second = new RecordingWriter();
        using (ProgramContext.Enter(stdout: first)) Print("one");
        using (ProgramContext.Enter(stdout: second)) Print("two");
        first.ToString().ShouldBe("one\n");
        second.ToString().ShouldBe("two\n");
    }

    [Fact]
    public void The_whole_line_is_one_write()
    {
        // Differs from CPython, which calls file.write for each value, separator and end: one Write of the line.
        var file = new RecordingWriter();
        Print("a", 1, null, sep: ", ", end: ".\n", file: file);
        Print([.. new[] { 1, 2, 3 }], file: file);
        file.Writes.ShouldBe(["a, 1, None.\n", "1 2 3\n"]);
    }

    [Fact]
    public void Flush_flushes_the_file_after_writing()
    {
        // test_print.py: TestPrint.test_print_flush
        var f = new RecordingWriter();
        Print(1, file: f, end: "", flush: true);
        Print(2, file: f, end: "", flush: true);
        Print(3, file: f, flush: false);
        f.ToString().ShouldBe("123\n");
        f.Flushes.ShouldBe(2);

        // "ensure exceptions from flush are passed through"
        var noflush = new RecordingWriter { FailFlush = true };
        Should.Throw<InvalidOperationException>(() => Print(1, file: noflush, flush: true));
        noflush.ToString().ShouldBe("1\n");
    }

    [Fact]
    public void Flush_without_file_flushes_sys_stdout()
    {
        var stdout = new RecordingWriter();
        using (ProgramContext.Enter(stdout: stdout))
        {
            Print("x");
            stdout.Flushes.ShouldBe(0);
            Print("y", flush: true);
            Print(flush: true);
            Print([.. new[] { 1 }], flush: true);
        }
        stdout.ToString().ShouldBe("x\ny\n\n1\n");
        stdout.Flushes.ShouldBe(3);
    }

    [Fact]
    public void A_collection_expression_with_a_spread_is_pythons_starred_argument()
    {
        // print(*items), print('x', *items, 'y'), and more than twelve values.
        var items = new List<int> { 1, 2, 3 };
        var empty = new List<string>();
        var output = PyRun.Program(() =>
        {
            Print([.. items]);
            Print(["x", .. items, "y"], sep: ",");
            Print([.. empty]);
            Print([.. Enumerable.Range(1, 15)], sep: "", end: "|\n");
            Print([.. items], file: Sys.Stderr);
        });
        output.Stdout.ShouldBe("1 2 3\nx,1,2,3,y\n\n123456789101112131415|\n");
        output.Stderr.ShouldBe("1 2 3\n");
    }

    [Fact]
    public void A_list_or_an_array_passed_as_such_is_one_value()
    {
        // print(items) with a list prints its repr, [1, 2, 3]; an array is Python's list too (print([1, 2])).
        var items = new List<int> { 1, 2, 3 };
        object[] objects = [1, "a"];
        string[] strings = ["x", "y"];
        var output = PyRun.Program(() =>
        {
            Print(items);
            Print(objects);
            Print(strings);
            Print(new object[] { 1, 2 });
            Print(items, items, sep: " + ");
        });
        output.Stdout.ShouldBe("[1, 2, 3]\n[1, 'a']\n['x', 'y']\n[1, 2]\n[1, 2, 3] + [1, 2, 3]\n");
    }

    [Fact]
    public void Arguments_bound_at_run_time_through_dynamic_print_as_well()
    {
        // Why KeywordOnly is a plain struct: a ref struct parameter makes the runtime binder throw.
        dynamic number = 7;
        dynamic list = new List<int> { 1 };
        var output = PyRun.Program(() =>
        {
            Print(number);
            Print(number, list, sep: "-");
        });
        output.Stdout.ShouldBe("7\n7-[1]\n");
    }

    [Fact]
    public void Every_Print_overload_has_Pythons_keyword_only_parameters_after_the_marker()
    {
        // The signature help shows print's shape: the values, then KeywordOnly, then sep=' ', end='\n', file=None,
        // flush=False.
        var overloads = typeof(Asyncio).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == "Print").ToList();
        overloads.Count.ShouldBe(14);
        var arities = new List<int>();
        foreach (var method in overloads)
        {
            var parameters = method.GetParameters();
            var tail = parameters[^5..];
            tail.Select(p => (p.Name, p.ParameterType)).ShouldBe(
            [
                ("_", typeof(KeywordOnly)), ("sep", typeof(string)), ("end", typeof(string)),
                ("file", typeof(TextWriter)), ("flush", typeof(bool)),
            ]);
            tail.Select(p => p.DefaultValue).ShouldBe([null, " ", "\n", null, false]);
            var values = parameters[..^5];
            if (values.Length == 1 && values[0].ParameterType == typeof(StarArgs)) continue;
            values.ShouldAllBe(p => p.ParameterType == typeof(object) && !p.IsOptional);
            arities.Add(values.Length);
        }
        arities.Order().ShouldBe(Enumerable.Range(0, 13));
        // Nothing converts to the marker or to the starred values but a collection expression.
        typeof(KeywordOnly).GetMethods().ShouldNotContain(m => m.Name == "op_Implicit" || m.Name == "op_Explicit");
        typeof(StarArgs).GetMethods().ShouldNotContain(m => m.Name == "op_Implicit" || m.Name == "op_Explicit");
    }
}
