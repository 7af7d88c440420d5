using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// Python's <c>format(value, format_spec)</c> (issue 14): a table of cases run through CPython in one
/// python3 process and compared text for text, plus checks that need no CPython.
/// </summary>
public class FormatTests
{
    private static readonly string[] FloatSpecs =
    [
        "", ".2f", ".0f", ".1f", ".3e", ".0e", "e", "E", "f", "F", "g", "G", ".1g", ".3g", ".10g", ".17g",
        "#g", "#.3g", "#.0f", "#.0e", ".3", ".1", ".12", "#", "#.2", "%", ".1%", ".0%", ",", ",.2f", "_.3f", "010.2f",
        "010,.1f", "+.2f", " .2f", "z.1f", "z.0f", "z", "-^12.3f", "*<10", "=+12.4f", "08,", "020,.2f", "n", ".3n",
        ">15.6g", "^15", "0=15,.3f", ".20f", ".30e", "12,g", ",.3%", "+", " ", "0", "010", "+011.3e", "_", "x", "d",
        "c", "s", ".2s", "b", "_x", ",d", ",_", "_,", ".", ".2x", "5.2ff", "z#010.1f", ".60f", "€^12.1f", "-", "-.3",
        ".99999999999f", ".99999999999999999999f", " %", "0=12,.1%",
    ];

    private static readonly string[] FloatEdgeSpecs = ["", ".0f", ".1f", ".2f", ".3f", ".4e", "g", ".3g", ".15g", ".17g", ",", "%", "e", "#.0g", "z.2f", "+08.1f"];

    private static readonly string[] IntSpecs =
    [
        "", "d", "b", "o", "x", "X", "#b", "#o", "#x", "#X", ",", "_", "_b", "_o", "_x", "#_x", "#_X", "010", "+010",
        "-010", " 010", "010,", "08,", "09_", "#010x", "#012_b", "<10", ">10", "^10", "=10", "*^11", "0<10", "+", " ",
        "n", "e", ".2e", "f", ".2f", "%", ".1%", "g", "G", ".3g", ",.2f", "c", "#c", "+c", ".2", "z", "s", ",x", ",_",
        "_,", ",b", ",n", "_n", ",c", "x>12,", "0=+12,", "#", "#>10x", "ab", "€>8,", "0^9", "0<+9", "030_b",
    ];

    private static readonly string[] StrSpecs =
    [
        "", "s", "10", "<10", ">10", "^10", "^9", "*^9", "0>6", "05", ".2", "10.2", ".0", "-<4", "=10", "+", " ", "-",
        "#", "z", "d", "x", ",", "_", ".", "10.x", "*>7.3s", "^", "^^5", "0", "€^9", "<", "0=5", ".999",
    ];

    private static IEnumerable<(object? Value, string Python, string Spec)> Cases()
    {
        double[] edges =
        [
            0.5, 1.5, 2.5, 3.5, -0.5, -1.5, 2.675, 0.125, 0.375, 1e16, 1e-5, 123456789.123, -0.0, 0.0, 5e-324,
            double.MaxValue, 2.2250738585072014e-308, 0.1, 1.0 / 3, 2.0 / 3, 100.0, 123.0, 12.0, 1e22, 1e23, 9.5, 0.05,
            0.00001234, 999999.5, 9.999999e-5, 0.0001, 0.00009999, 1e15, 1.5e16, 123456.789, 3.675, -2.5, 1e100,
            -1e-100, 99.995, 0.995, 9.995, 0.9999999999, 12345678901234567890.0, double.PositiveInfinity,
            double.NegativeInfinity, double.NaN, -0.001, -0.04, 3.68, 3.675, 1234.5, 0.6666666666666666,
        ];
        foreach (double d in edges)
            foreach (string spec in FloatSpecs) yield return (d, FloatLiteral(d), spec);

        var random = new Random(14);
        for (int i = 0; i < 150; i++)
        {
            double d = i % 3 == 0
                ? BitConverter.Int64BitsToDouble(random.NextInt64())
                : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-12, 22));
            if (double.IsNaN(d) || double.IsInfinity(d)) continue;
            foreach (string spec in FloatEdgeSpecs) yield return (d, FloatLiteral(d), spec);
        }

        object[] ints =
        [
            0, 1, -1, 7, 42, -42, -255, 255, 1234, 65535, 1234567, -9876543210L, long.MaxValue, long.MinValue,
            ulong.MaxValue, BigInteger.Pow(2, 100), -BigInteger.Pow(3, 50), (byte)200, (short)-300, 1114111, 1114112,
            BigInteger.Pow(10, 400), Int128.MaxValue, 12345, 0x1f600, BigInteger.Pow(2, 1024) - 1,
            BigInteger.Pow(2, 1024) - BigInteger.Pow(2, 970), BigInteger.Pow(2, 1024) - BigInteger.Pow(2, 970) - 1,
            (BigInteger.One << 80) + (BigInteger.One << 27), (BigInteger.One << 80) + (BigInteger.One << 28) + 1, (1L << 53) + 1, (nint)(-77), (nuint)77, (uint)4000000000, (ushort)65535, (sbyte)-128,
        ];
        foreach (object n in ints)
            foreach (string spec in IntSpecs) yield return (n, Repr(n), spec);

        string[] strings = ["", "abc", "héllo", "a'b", "longer than ten", "😀x😀"];
        foreach (string s in strings)
            foreach (string spec in StrSpecs) yield return (s, Repr(s), spec);

        foreach (bool b in new[] { true, false })
            foreach (string spec in new[] { "", "d", ">5", "s", ".2f", "x", "^7", "#b", "+" })
                yield return (b, b ? "True" : "False", spec);

        foreach (string spec in new[] { "", ">5", "s" }) yield return (null, "None", spec);
    }

    private static string FloatLiteral(double d) =>
        double.IsNaN(d) ? "float('nan')" : double.IsInfinity(d) ? (d > 0 ? "float('inf')" : "float('-inf')") : Repr(d);

    /// <summary>format(value, spec), or the exception as Python prints <c>type(e).__name__: e</c>.</summary>
    private static string Outcome(object? value, string spec)
    {
        try
        {
            return "= " + Format(value, spec);
        }
        catch (ValueError e) { return "! ValueError: " + e.Message; }
        catch (TypeError e) { return "! TypeError: " + e.Message; }
        catch (OverflowException e) { return "! OverflowError: " + e.Message; }
    }

    [PythonFact]
    public void Matches_CPython_for_the_table_of_values_and_specs()
    {
        var cases = Cases().ToList();
        var program = new StringBuilder();
        program.AppendLine("import json, sys");
        program.AppendLine("def f(v, s):");
        program.AppendLine("    try: return '= ' + format(v, s)");
        program.AppendLine("    except Exception as e: return '! ' + type(e).__name__ + ': ' + str(e)");
        program.AppendLine("cases = [");
        foreach (var c in cases)
            program.Append('(').Append(c.Python).Append(", ").Append(JsonSerializer.Serialize(c.Spec)).AppendLine("),");
        program.AppendLine("]");
        program.AppendLine("sys.stdout.write(json.dumps([f(v, s) for v, s in cases]))");

        string stdout = Python.RunScript(program.ToString());

        var expected = JsonSerializer.Deserialize<string[]>(stdout)!;
        expected.Length.ShouldBe(cases.Count);
        var mismatches = new List<string>();
        for (int i = 0; i < cases.Count; i++)
        {
            string actual = Outcome(cases[i].Value, cases[i].Spec);
            if (actual != expected[i])
                mismatches.Add($"format({cases[i].Python}, {JsonSerializer.Serialize(cases[i].Spec)}): CPython {JsonSerializer.Serialize(expected[i])}, PyAsync {JsonSerializer.Serialize(actual)}");
        }
        mismatches.ShouldBeEmpty($"{mismatches.Count} of {cases.Count} differ:\n" + string.Join("\n", mismatches.Take(40)));
        cases.Count.ShouldBeGreaterThan(5000);
    }

    [Fact]
    public void Known_CPython_results()
    {
        Format(2.675, ".2f").ShouldBe("2.67");
        Format(0.125, ".2f").ShouldBe("0.12");
        Format(0.5, ".0f").ShouldBe("0");
        Format(1.5, ".0f").ShouldBe("2");
        Format(2.5, ".0f").ShouldBe("2");
        Format(123456789.123, ",").ShouldBe("123,456,789.123");
        Format(1e16, "").ShouldBe("1e+16");
        Format(1e-5, "g").ShouldBe("1e-05");
        Format(-0.0, ".1f").ShouldBe("-0.0");
        Format(-0.0, "z.1f").ShouldBe("0.0");
        Format(0.1234, ".1%").ShouldBe("12.3%");
        Format(1234567, ",").ShouldBe("1,234,567");
        Format(1234, "08,").ShouldBe("0,001,234");
        Format(255, "#x").ShouldBe("0xff");
        Format(42, ">5").ShouldBe("   42");
        Format("ab", "*^6").ShouldBe("**ab**");
        Format(true, "").ShouldBe("True");
        Format(true, ">3").ShouldBe("  1");
        Format(null).ShouldBe("None");
        Should.Throw<ValueError>(() => Format(1.5, "d")).Message.ShouldBe("Unknown format code 'd' for object of type 'float'");
        Should.Throw<TypeError>(() => Format(null, ">5")).Message.ShouldBe("unsupported format string passed to NoneType.__format__");
    }

    [Fact]
    public void Is_culture_invariant_under_a_German_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Format(3.675, ".2f").ShouldBe("3.67");
            Format(3.68, ".2f").ShouldBe("3.68");
            Format(1234567.891, ",.2f").ShouldBe("1,234,567.89");
            Format(0.5, "").ShouldBe("0.5");
            Format(1e-7, ".3e").ShouldBe("1.000e-07");
            $"{Py(3.68):.2f}".ShouldBe("3.68");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Py_makes_interpolation_read_like_an_f_string()
    {
        double x = 3.14159;
        int n = 42;
        $"{Py(x):.2f}|{Py(n):>5}|{Py(1234567):,}|{Py(0.256):.1%}|{Py("ab"):*^6}|{Py(x)}".ShouldBe("3.14|   42|1,234,567|25.6%|**ab**|3.14159");
        string.Format(CultureInfo.InvariantCulture, "{0:08.3f}", Py(-x)).ShouldBe("-003.142");
        Py(null).ToString().ShouldBe("None");
    }
}
