using System.Diagnostics;
using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// bytes for ports: <c>repr(bytes)</c> (CPython's Lib/test/test_bytes.py <c>test_repr_str</c>), <c>bytes.decode</c>
/// and <c>str.encode</c> with their errors (test_codecs.py, test_unicode.py <c>test_codecs_errors</c>), <c>b'...'</c>
/// and <c>bytes(n)</c>; each expected text is checked against CPython by <see cref="The_expected_texts_are_what_CPython_prints"/>.
/// </summary>
public class BytesTests
{
    /// <summary>repr(e) and str(e) of what <paramref name="action"/> throws, as the Python helper <c>err</c> prints them.</summary>
    private static string Error(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return $"{PyTypes.NameOf(e)}: {Repr(e)} | {Str(e)}";
        }
        return "no error";
    }

    /// <summary>(PyAsync's text, the Python expression for it, CPython's text).</summary>
    public static readonly (Func<string> Actual, string Python, string Expected)[] Cases =
    [
        // test_bytes.py test_repr_str: the quote choice and the escapes.
        (() => Repr(Bytes("")), "repr(b'')", "b''"),
        (() => Repr(Bytes("abc")), "repr(b'abc')", "b'abc'"),
        (() => Repr(Bytes("it's")), "repr(b\"it's\")", "b\"it's\""),
        (() => Repr(Bytes("it's \"x\"")), "repr(b'it\\'s \"x\"')", "b'it\\'s \"x\"'"),
        (() => Repr(Bytes("\"")), "repr(b'\"')", "b'\"'"),
        (() => Repr(new byte[] { 0, 0x1f, 0x7f, 0x80, 0xff, 9, 10, 13, 92, 32, 126 }), "repr(bytes([0, 0x1f, 0x7f, 0x80, 0xff, 9, 10, 13, 92, 32, 126]))", "b'\\x00\\x1f\\x7f\\x80\\xff\\t\\n\\r\\\\ ~'"),
        (() => Str(Bytes("ab")), "str(b'ab')", "b'ab'"),
        (() => Str(new List<byte[]> { Bytes("a"), Bytes("b") }), "str([b'a', b'b'])", "[b'a', b'b']"),
        (() => Str((Bytes("x"), 1)), "str((b'x', 1))", "(b'x', 1)"),
        (() => Str(new Dictionary<string, byte[]> { ["k"] = Bytes("\xff") }), "str({'k': b'\\xff'})", "{'k': b'\\xff'}"),
        (() => Str(Type(Bytes("a"))), "str(type(b'a'))", "<class 'bytes'>"),
        (() => Repr(Bytes(3)), "repr(bytes(3))", "b'\\x00\\x00\\x00'"),
        (() => Error(() => Bytes(-1)), "err(lambda: bytes(-1))", "ValueError: ValueError('negative count') | negative count"),
        (() => Error(() => Bytes("\u0100")), "err(lambda: bytes([256]))", "ValueError: ValueError('bytes must be in range(0, 256)') | bytes must be in range(0, 256)"),

        // bytes.decode
        (() => Repr(Bytes("caf\xc3\xa9").Decode()), "repr(b'caf\\xc3\\xa9'.decode())", "'café'"),
        (() => Repr(new byte[] { 0xf0, 0x9f, 0x98, 0x80 }.Decode("UTF8")), "repr(b'\\xf0\\x9f\\x98\\x80'.decode('UTF8'))", "'😀'"),
        (() => Repr(Bytes("caf\xe9").Decode("latin-1")), "repr(b'caf\\xe9'.decode('latin-1'))", "'café'"),
        (() => Repr(Bytes("caf\xe9").Decode("iso-8859-1")), "repr(b'caf\\xe9'.decode('iso-8859-1'))", "'café'"),
        (() => Repr(Bytes("abc").Decode("ascii")), "repr(b'abc'.decode('ascii'))", "'abc'"),
        (() => Error(() => Bytes("\xff").Decode()), "err(lambda: b'\\xff'.decode())", "UnicodeDecodeError: UnicodeDecodeError('utf-8', b'\\xff', 0, 1, 'invalid start byte') | 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"),
        (() => Error(() => Bytes("\xe2\x82").Decode()), "err(lambda: b'\\xe2\\x82'.decode())", "UnicodeDecodeError: UnicodeDecodeError('utf-8', b'\\xe2\\x82', 0, 2, 'unexpected end of data') | 'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"),
        (() => Error(() => Bytes("a\u00e2A").Decode()), "err(lambda: b'a\\xe2A'.decode())", "UnicodeDecodeError: UnicodeDecodeError('utf-8', b'a\\xe2A', 1, 2, 'invalid continuation byte') | 'utf-8' codec can't decode byte 0xe2 in position 1: invalid continuation byte"),
        (() => Error(() => Bytes("\xed\xa0\x80").Decode()), "err(lambda: b'\\xed\\xa0\\x80'.decode())", "UnicodeDecodeError: UnicodeDecodeError('utf-8', b'\\xed\\xa0\\x80', 0, 1, 'invalid continuation byte') | 'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"),
        (() => Error(() => Bytes("\xc0\x80").Decode()), "err(lambda: b'\\xc0\\x80'.decode())", "UnicodeDecodeError: UnicodeDecodeError('utf-8', b'\\xc0\\x80', 0, 1, 'invalid start byte') | 'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte"),
        (() => Error(() => Bytes("\xe9").Decode("ascii")), "err(lambda: b'\\xe9'.decode('ascii'))", "UnicodeDecodeError: UnicodeDecodeError('ascii', b'\\xe9', 0, 1, 'ordinal not in range(128)') | 'ascii' codec can't decode byte 0xe9 in position 0: ordinal not in range(128)"),
        (() => Repr(Bytes("a\u00ffb\xe2\x82").Decode("utf-8", "replace")), "repr(b'a\\xffb\\xe2\\x82'.decode('utf-8', 'replace'))", "'a\ufffdb\ufffd'"),
        (() => Repr(Bytes("\xf0\x9f\u0098A").Decode("utf-8", "replace")), "repr(b'\\xf0\\x9f\\x98A'.decode('utf-8', 'replace'))", "'\ufffdA'"),
        (() => Repr(Bytes("a\u00ffb").Decode("ascii", "ignore")), "repr(b'a\\xffb'.decode('ascii', 'ignore'))", "'ab'"),
        (() => Error(() => Bytes("a").Decode("xyz")), "err(lambda: b'a'.decode('xyz'))", "LookupError: LookupError('unknown encoding: xyz') | unknown encoding: xyz"),
        (() => Error(() => Bytes("\xff").Decode("utf-8", "foo")), "err(lambda: b'\\xff'.decode('utf-8', 'foo'))", "LookupError: LookupError(\"unknown error handler name 'foo'\") | unknown error handler name 'foo'"),
        (() => Repr(Bytes("a").Decode("utf-8", "foo")), "repr(b'a'.decode('utf-8', 'foo'))", "'a'"),

        // str.encode
        (() => Repr("café".Encode()), "repr('café'.encode())", "b'caf\\xc3\\xa9'"),
        (() => Repr("😀".Encode("utf-8")), "repr('😀'.encode('utf-8'))", "b'\\xf0\\x9f\\x98\\x80'"),
        (() => Repr("café".Encode("latin1")), "repr('café'.encode('latin1'))", "b'caf\\xe9'"),
        (() => Error(() => "é".Encode("ascii")), "err(lambda: 'é'.encode('ascii'))", "UnicodeEncodeError: UnicodeEncodeError('ascii', 'é', 0, 1, 'ordinal not in range(128)') | 'ascii' codec can't encode character '\\xe9' in position 0: ordinal not in range(128)"),
        (() => Error(() => "aé€b".Encode("ascii")), "err(lambda: 'aé€b'.encode('ascii'))", "UnicodeEncodeError: UnicodeEncodeError('ascii', 'aé€b', 1, 3, 'ordinal not in range(128)') | 'ascii' codec can't encode characters in position 1-2: ordinal not in range(128)"),
        (() => Error(() => "€".Encode("latin-1")), "err(lambda: '€'.encode('latin-1'))", "UnicodeEncodeError: UnicodeEncodeError('latin-1', '€', 0, 1, 'ordinal not in range(256)') | 'latin-1' codec can't encode character '\\u20ac' in position 0: ordinal not in range(256)"),
        (() => Error(() => "😀x".Encode("ascii")), "err(lambda: '😀x'.encode('ascii'))", "UnicodeEncodeError: UnicodeEncodeError('ascii', '😀x', 0, 1, 'ordinal not in range(128)') | 'ascii' codec can't encode character '\\U0001f600' in position 0: ordinal not in range(128)"),
        // A lone surrogate: only str(e) here, PyAsync's repr of a str does not escape the surrogate as CPython's does.
        (() => Str(Should.Throw<UnicodeEncodeError>(() => "x\ud800".Encode())), "str(err_of(lambda: 'x\\ud800'.encode()))", "'utf-8' codec can't encode character '\\ud800' in position 1: surrogates not allowed"),
        (() => Repr("a\xe9😀".Encode("ascii", "replace")), "repr('a\\xe9😀'.encode('ascii', 'replace'))", "b'a??'"),
        (() => Repr("\ud800x".Encode("utf-8", "replace")), "repr('\\ud800x'.encode('utf-8', 'replace'))", "b'?x'"),
        (() => Repr("a\u00e9b".Encode("ascii", "ignore")), "repr('a\\xe9b'.encode('ascii', 'ignore'))", "b'ab'"),
        (() => Error(() => "a".Encode("utf-16-xyz")), "err(lambda: 'a'.encode('utf-16-xyz'))", "LookupError: LookupError('unknown encoding: utf-16-xyz') | unknown encoding: utf-16-xyz"),
    ];

    public static TheoryData<int> CaseIndexes()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Cases.Length; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIndexes))]
    public void Bytes_print_decode_and_encode_as_in_CPython(int index)
    {
        var (actual, python, expected) = Cases[index];
        actual().ShouldBe(expected, python);
    }

    [PythonFact]
    public void The_expected_texts_are_what_CPython_prints()
    {
        var script = "def err(f):\n    try:\n        f()\n    except Exception as e:\n        return f'{type(e).__name__}: {e!r} | {e}'\n    return 'no error'\n" +
                     "def err_of(f):\n    try:\n        f()\n    except Exception as e:\n        return e\n" +
                     string.Join("\n", Cases.Select(c => $"print(ascii({c.Python}))"));
        var lines = Python.RunScript(script).Split('\n');
        for (int i = 0; i < Cases.Length; i++)
            PyAscii(Cases[i].Expected).ShouldBe(lines[i], Cases[i].Python);
    }

    /// <summary>Python's <c>ascii(s)</c> of a string, so that the comparison does not depend on the console's encoding.</summary>
    private static string PyAscii(string s)
    {
        var sb = new System.Text.StringBuilder();
        foreach (int c in PyCodecs.CodePoints(Repr(s)))
            sb.Append(c < 0x80 ? ((char)c).ToString() : c <= 0xff ? $"\\x{c:x2}" : c <= 0xffff ? $"\\u{c:x4}" : $"\\U{c:x8}");
        return sb.ToString();
    }

    [Fact]
    public void UnicodeErrors_are_ValueErrors_with_Pythons_attributes()
    {
        var e = Should.Throw<UnicodeDecodeError>(() => Bytes("ab\xff").Decode());
        e.ShouldBeAssignableTo<UnicodeError>();
        e.ShouldBeAssignableTo<ValueError>();
        (e.Encoding, e.Start, e.End, e.Reason).ShouldBe(("utf-8", 2, 3, "invalid start byte"));
        e.Object.ShouldBe(Bytes("ab\xff"));
        e.Message.ShouldBe("'utf-8' codec can't decode byte 0xff in position 2: invalid start byte");
        var u = Should.Throw<UnicodeEncodeError>(() => "😀é".Encode("ascii"));
        (u.Encoding, u.Start, u.End).ShouldBe(("ascii", 0, 2));
        u.Message.ShouldBe("'ascii' codec can't encode characters in position 0-1: ordinal not in range(128)");
    }

    [Fact]
    public void Bytes_round_trips_every_byte_through_latin1_and_utf8()
    {
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        all.Decode("latin-1").Encode("latin-1").ShouldBe(all);
        var text = string.Concat(Enumerable.Range(0, 0x800).Select(i => (char)i)) + "😀";
        text.Encode().Decode().ShouldBe(text);
        text.Encode().ShouldBe(System.Text.Encoding.UTF8.GetBytes(text));
    }
}
