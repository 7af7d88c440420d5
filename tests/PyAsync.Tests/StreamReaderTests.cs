using System.Text;
using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// asyncio.StreamReader without a transport (CPython 3.12: Lib/test/test_asyncio/test_streams.py,
/// StreamTests, the tests that feed a reader by hand; src/PyAsync/Streams). Each test runs on a
/// virtual clock; where CPython's test calls <c>loop.run_until_complete(coro)</c>, the port awaits the
/// coroutine in the main task, and <c>stream._buffer</c> is <see cref="PyStreamReader.Buffer"/>.
/// </summary>
public class StreamReaderTests
{
    private static readonly byte[] DATA = B("line1\nline2\nline3\n");

    private static byte[] B(string s) => Encoding.Latin1.GetBytes(s);

    /// <summary><c>with self.assertRaises(T) as cm: run_until_complete(coro)</c>: the exception the awaited coroutine raised.</summary>
    private static async Coroutine<TException> Raises<TException>(Coroutine coro) where TException : Exception
    {
        try
        {
            await coro;
        }
        catch (TException e)
        {
            return e;
        }
        throw new ShouldAssertException($"{typeof(TException).Name} was not raised");
    }

    /// <summary><c>with self.assertRaises(T): run_until_complete(task)</c>.</summary>
    private static async Coroutine<TException> Raises<TException>(Future task) where TException : Exception
    {
        try
        {
            await task;
        }
        catch (TException e)
        {
            return e;
        }
        throw new ShouldAssertException($"{typeof(TException).Name} was not raised");
    }

    [Fact]
    public void Feed_empty_data()
    {
        // test_streams.py: StreamTests.test_feed_empty_data
        var stream = new PyStreamReader();
        stream.FeedData(B(""));
        stream.Buffer.ShouldBe(B(""));
    }

    [Fact]
    public void Feed_nonempty_data()
    {
        // test_streams.py: StreamTests.test_feed_nonempty_data
        var stream = new PyStreamReader();
        stream.FeedData(DATA);
        stream.Buffer.ShouldBe(DATA);
    }

    [Fact]
    public void Read_zero()
    {
        // test_streams.py: StreamTests.test_read_zero
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            stream.FeedData(DATA);
            (await stream.Read(0)).ShouldBe(B(""));
            stream.Buffer.ShouldBe(DATA);
        });
    }

    [Fact]
    public void Read_()
    {
        // test_streams.py: StreamTests.test_read
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            var readTask = CreateTask(stream.Read(30));
            GetRunningLoop().CallSoon(() => stream.FeedData(DATA));
            (await readTask).ShouldBe(DATA);
            stream.Buffer.ShouldBe(B(""));
        });
    }

    [Fact]
    public void Read_line_breaks()
    {
        // test_streams.py: StreamTests.test_read_line_breaks
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            stream.FeedData(B("line1"));
            stream.FeedData(B("line2"));
            (await stream.Read(5)).ShouldBe(B("line1"));
            stream.Buffer.ShouldBe(B("line2"));
        });
    }

    [Fact]
    public void Read_eof()
    {
        // test_streams.py: StreamTests.test_read_eof
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            var readTask = CreateTask(stream.Read(1024));
            GetRunningLoop().CallSoon(stream.FeedEof);
            (await readTask).ShouldBe(B(""));
            stream.Buffer.ShouldBe(B(""));
        });
    }

    [Fact]
    public void Read_until_eof()
    {
        // test_streams.py: StreamTests.test_read_until_eof
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            var readTask = CreateTask(stream.Read(-1));
            GetRunningLoop().CallSoon(() =>
            {
                stream.FeedData(B("chunk1\n"));
                stream.FeedData(B("chunk2"));
                stream.FeedEof();
            });
            (await readTask).ShouldBe(B("chunk1\nchunk2"));
            stream.Buffer.ShouldBe(B(""));
        });
    }

    [Fact]
    public void Read_to_eof_reads_limit_sized_blocks_fed_later_on_the_virtual_clock()
    {
        // read(-1) is read(self._limit) until EOF; data fed by call_later, as a transport would.
        var (result, output) = PyRun.Main(async () =>
        {
            var stream = new PyStreamReader(limit: 4);
            var loop = GetRunningLoop();
            loop.CallLater(0.1, () => stream.FeedData(B("0123456789")));
            loop.CallLater(0.2, () => stream.FeedData(B("ab")));
            loop.CallLater(0.3, stream.FeedEof);
            var t0 = loop.Time();
            var data = await stream.Read();
            Print(Math.Round(loop.Time() - t0, 3));
            return data;
        });
        result.ShouldBe(B("0123456789ab"));
        output.Stdout.ShouldBe("0.3\n");
    }

    [Fact]
    public void Read_exception()
    {
        // test_streams.py: StreamTests.test_read_exception
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            stream.FeedData(B("line\n"));
            (await stream.Read(2)).ShouldBe(B("li"));
            stream.SetException(new ValueError());
            await Raises<ValueError>(stream.Read(2));
        });
    }

    /// <summary>
    /// CPython's feed_data (test_streams.py: StreamTests.test_feed_nonempty_data, test_read) for bytes a transport receives
    /// straight into the reader's buffer (PyAsync's buffered-protocol path, test_buffered_proto.py's get_buffer and
    /// buffer_updated): the same bytes, in order, and a waiting read woken; a buffer too small, or a reader at EOF,
    /// declines, and the transport then feeds the bytes through feed_data.
    /// </summary>
    [Fact]
    public void Bytes_received_into_the_buffer_are_read_as_fed_bytes_are()
    {
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            stream.GetReceiveBuffer(16).Length.ShouldBe(0);
            var fed = Enumerable.Range(0, 300).Select(i => (byte)(i % 251)).ToArray();
            stream.FeedData(fed);
            (await stream.Read(250)).ShouldBe(fed[..250]);

            // 250 bytes free, none of them after the live ones: the live bytes move to the front.
            var lent = stream.GetReceiveBuffer(200);
            lent.Length.ShouldBe(200);
            B(new string('b', 200)).CopyTo(lent);
            stream.BufferUpdated(120);
            stream.Buffer.ShouldBe([.. fed[250..], .. B(new string('b', 120))]);
            stream.GetReceiveBuffer(200).Length.ShouldBe(0);

            (await stream.Read(170)).Length.ShouldBe(170);
            var read = CreateTask(stream.Read(10));
            await Sleep(0);
            read.Done().ShouldBeFalse();
            B("line\n").CopyTo(stream.GetReceiveBuffer(100));
            stream.BufferUpdated(5);
            (await read).ShouldBe(B("line\n"));

            stream.FeedEof();
            stream.GetReceiveBuffer(100).Length.ShouldBe(0);
        });
    }

    [Fact]
    public void Invalid_limit()
    {
        // test_streams.py: StreamTests.test_invalid_limit
        Should.Throw<ValueError>(() => new PyStreamReader(limit: 0)).Message.ShouldBe("Limit cannot be <= 0");
        Should.Throw<ValueError>(() => new PyStreamReader(limit: -1)).Message.ShouldBe("Limit cannot be <= 0");
    }

    [Fact]
    public void Read_limit()
    {
        // test_streams.py: StreamTests.test_read_limit
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader(limit: 3);
            stream.FeedData(B("chunk"));
            (await stream.Read(5)).ShouldBe(B("chunk"));
            stream.Buffer.ShouldBe(B(""));
        });
    }

    [Fact]
    public void Readline()
    {
        // test_streams.py: StreamTests.test_readline
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            stream.FeedData(B("chunk1 "));
            var readTask = CreateTask(stream.ReadLine());
            GetRunningLoop().CallSoon(() =>
            {
                stream.FeedData(B("chunk2 "));
                stream.FeedData(B("chunk3 "));
                stream.FeedData(B("\n chunk4"));
            });
            (await readTask).ShouldBe(B("chunk1 chunk2 chunk3 \n"));
            stream.Buffer.ShouldBe(B(" chunk4"));
        });
    }

    [Fact]
    public void Readline_limit_with_existing_data()
    {
        // test_streams.py: StreamTests.test_readline_limit_with_existing_data
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader(limit: 3);
            stream.FeedData(B("li"));
            stream.FeedData(B("ne1\nline2\n"));
            var e = await Raises<ValueError>(stream.ReadLine());
            e.Message.ShouldBe("Separator is found, but chunk is longer than limit");
            // The buffer should contain the remaining data after exception.
            stream.Buffer.ShouldBe(B("line2\n"));

            stream = new PyStreamReader(limit: 3);
            stream.FeedData(B("li"));
            stream.FeedData(B("ne1"));
            stream.FeedData(B("li"));
            e = await Raises<ValueError>(stream.ReadLine());
            e.Message.ShouldBe("Separator is not found, and chunk exceed the limit");
            // No b'\n' at the end, and more than the limit of 3 before it: the buffer is cleared.
            stream.Buffer.ShouldBe(B(""));
        });
    }

    [Fact]
    public void At_eof()
    {
        // test_streams.py: StreamTests.test_at_eof
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            stream.AtEof().ShouldBeFalse();

            stream.FeedData(B("some data\n"));
            stream.AtEof().ShouldBeFalse();

            await stream.ReadLine();
            stream.AtEof().ShouldBeFalse();

            stream.FeedData(B("some data\n"));
            stream.FeedEof();
            await stream.ReadLine();
            stream.AtEof().ShouldBeTrue();
        });
    }

    [Fact]
    public void Readline_limit()
    {
        // test_streams.py: StreamTests.test_readline_limit
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var stream = new PyStreamReader(limit: 7);
            loop.CallSoon(() =>
            {
                stream.FeedData(B("chunk1"));
                stream.FeedData(B("chunk2"));
                stream.FeedData(B("chunk3\n"));
                stream.FeedEof();
            });
            await Raises<ValueError>(stream.ReadLine());
            // The buffer had just one line of data, and after raising a ValueError it should be empty.
            stream.Buffer.ShouldBe(B(""));

            stream = new PyStreamReader(limit: 7);
            var s2 = stream;
            loop.CallSoon(() =>
            {
                s2.FeedData(B("chunk1"));
                s2.FeedData(B("chunk2\n"));
                s2.FeedData(B("chunk3\n"));
                s2.FeedEof();
            });
            await Raises<ValueError>(stream.ReadLine());
            stream.Buffer.ShouldBe(B("chunk3\n"));

            // Check strictness of the limit.
            stream = new PyStreamReader(limit: 7);
            stream.FeedData(B("1234567\n"));
            (await stream.ReadLine()).ShouldBe(B("1234567\n"));
            stream.Buffer.ShouldBe(B(""));

            stream.FeedData(B("12345678\n"));
            await Raises<ValueError>(stream.ReadLine());
            stream.Buffer.ShouldBe(B(""));

            stream.FeedData(B("12345678"));
            await Raises<ValueError>(stream.ReadLine());
            stream.Buffer.ShouldBe(B(""));
        });
    }

    [Fact]
    public void Readline_nolimit_nowait()
    {
        // test_streams.py: StreamTests.test_readline_nolimit_nowait
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            stream.FeedData(DATA[..6]);
            stream.FeedData(DATA[6..]);
            (await stream.ReadLine()).ShouldBe(B("line1\n"));
            stream.Buffer.ShouldBe(B("line2\nline3\n"));
        });
    }

    [Fact]
    public void Readline_eof()
    {
        // test_streams.py: StreamTests.test_readline_eof
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            stream.FeedData(B("some data"));
            stream.FeedEof();
            (await stream.ReadLine()).ShouldBe(B("some data"));
        });
    }

    [Fact]
    public void Readline_empty_eof()
    {
        // test_streams.py: StreamTests.test_readline_empty_eof
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            stream.FeedEof();
            (await stream.ReadLine()).ShouldBe(B(""));
        });
    }

    [Fact]
    public void Readline_read_byte_count()
    {
        // test_streams.py: StreamTests.test_readline_read_byte_count
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            stream.FeedData(DATA);
            await stream.ReadLine();
            (await stream.Read(7)).ShouldBe(B("line2\nl"));
            stream.Buffer.ShouldBe(B("ine3\n"));
        });
    }

    [Fact]
    public void Readline_exception()
    {
        // test_streams.py: StreamTests.test_readline_exception
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            stream.FeedData(B("line\n"));
            (await stream.ReadLine()).ShouldBe(B("line\n"));
            var exc = new ValueError();
            stream.SetException(exc);
            (await Raises<ValueError>(stream.ReadLine())).ShouldBeSameAs(exc);
            stream.Buffer.ShouldBe(B(""));
        });
    }

    [Fact]
    public void Readuntil_separator()
    {
        // test_streams.py: StreamTests.test_readuntil_separator
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            var e = await Raises<ValueError>(stream.ReadUntil(separator: B("")));
            e.Message.ShouldBe("Separator should be at least one-byte string");
        });
    }

    [Fact]
    public void Readuntil_multi_chunks()
    {
        // test_streams.py: StreamTests.test_readuntil_multi_chunks
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();

            stream.FeedData(B("lineAAA"));
            (await stream.ReadUntil(separator: B("AAA"))).ShouldBe(B("lineAAA"));
            stream.Buffer.ShouldBe(B(""));

            stream.FeedData(B("lineAAA"));
            (await stream.ReadUntil(B("AAA"))).ShouldBe(B("lineAAA"));
            stream.Buffer.ShouldBe(B(""));

            stream.FeedData(B("lineAAAxxx"));
            (await stream.ReadUntil(B("AAA"))).ShouldBe(B("lineAAA"));
            stream.Buffer.ShouldBe(B("xxx"));
        });
    }

    [Fact]
    public void Readuntil_multi_chunks_1()
    {
        // test_streams.py: StreamTests.test_readuntil_multi_chunks_1
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();

            stream.FeedData(B("QWEaa"));
            stream.FeedData(B("XYaa"));
            stream.FeedData(B("a"));
            (await stream.ReadUntil(B("aaa"))).ShouldBe(B("QWEaaXYaaa"));
            stream.Buffer.ShouldBe(B(""));

            stream.FeedData(B("QWEaa"));
            stream.FeedData(B("XYa"));
            stream.FeedData(B("aa"));
            (await stream.ReadUntil(B("aaa"))).ShouldBe(B("QWEaaXYaaa"));
            stream.Buffer.ShouldBe(B(""));

            stream.FeedData(B("aaa"));
            (await stream.ReadUntil(B("aaa"))).ShouldBe(B("aaa"));
            stream.Buffer.ShouldBe(B(""));

            stream.FeedData(B("Xaaa"));
            (await stream.ReadUntil(B("aaa"))).ShouldBe(B("Xaaa"));
            stream.Buffer.ShouldBe(B(""));

            stream.FeedData(B("XXX"));
            stream.FeedData(B("a"));
            stream.FeedData(B("a"));
            stream.FeedData(B("a"));
            (await stream.ReadUntil(B("aaa"))).ShouldBe(B("XXXaaa"));
            stream.Buffer.ShouldBe(B(""));
        });
    }

    [Fact]
    public void Readuntil_waits_across_chunks_fed_later()
    {
        // The separator split over two chunks that arrive, by call_later, while readuntil() waits.
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            var loop = GetRunningLoop();
            loop.CallLater(0.1, () => stream.FeedData(B("headerAA")));
            loop.CallLater(0.2, () => stream.FeedData(B("Arest")));
            (await stream.ReadUntil(B("AAA"))).ShouldBe(B("headerAAA"));
            stream.Buffer.ShouldBe(B("rest"));
            loop.CallLater(0.1, () => stream.FeedData(B("\n")));
            (await stream.ReadUntil()).ShouldBe(B("rest\n"));
        });
    }

    [Fact]
    public void Readuntil_eof()
    {
        // test_streams.py: StreamTests.test_readuntil_eof
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            var data = B("some dataAA");
            stream.FeedData(data);
            stream.FeedEof();

            var e = await Raises<IncompleteReadError>(stream.ReadUntil(B("AAA")));
            e.Message.ShouldBe("11 bytes read on a total of undefined expected bytes");
            e.Partial.ShouldBe(data);
            e.Expected.ShouldBeNull();
            stream.Buffer.ShouldBe(B(""));
        });
    }

    [Fact]
    public void Readuntil_limit_found_sep()
    {
        // test_streams.py: StreamTests.test_readuntil_limit_found_sep
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader(limit: 3);
            stream.FeedData(B("some dataAA"));
            var e = await Raises<LimitOverrunError>(stream.ReadUntil(B("AAA")));
            e.Message.ShouldBe("Separator is not found, and chunk exceed the limit");
            e.Consumed.ShouldBe(9);
            stream.Buffer.ShouldBe(B("some dataAA"));

            stream.FeedData(B("A"));
            e = await Raises<LimitOverrunError>(stream.ReadUntil(B("AAA")));
            e.Message.ShouldBe("Separator is found, but chunk is longer than limit");
            e.Consumed.ShouldBe(9);
            stream.Buffer.ShouldBe(B("some dataAAA"));
        });
    }

    [Fact]
    public void Readexactly_zero_or_less()
    {
        // test_streams.py: StreamTests.test_readexactly_zero_or_less
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            stream.FeedData(DATA);

            (await stream.ReadExactly(0)).ShouldBe(B(""));
            stream.Buffer.ShouldBe(DATA);

            var e = await Raises<ValueError>(stream.ReadExactly(-1));
            e.Message.ShouldBe("readexactly size can not be less than zero");
            stream.Buffer.ShouldBe(DATA);
        });
    }

    [Fact]
    public void Readexactly()
    {
        // test_streams.py: StreamTests.test_readexactly
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            int n = 2 * DATA.Length;
            var readTask = CreateTask(stream.ReadExactly(n));
            GetRunningLoop().CallSoon(() =>
            {
                stream.FeedData(DATA);
                stream.FeedData(DATA);
                stream.FeedData(DATA);
            });
            (await readTask).ShouldBe([.. DATA, .. DATA]);
            stream.Buffer.ShouldBe(DATA);
        });
    }

    [Fact]
    public void Readexactly_limit()
    {
        // test_streams.py: StreamTests.test_readexactly_limit
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader(limit: 3);
            stream.FeedData(B("chunk"));
            (await stream.ReadExactly(5)).ShouldBe(B("chunk"));
            stream.Buffer.ShouldBe(B(""));
        });
    }

    [Fact]
    public void Readexactly_eof()
    {
        // test_streams.py: StreamTests.test_readexactly_eof
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            int n = 2 * DATA.Length;
            var readTask = CreateTask(stream.ReadExactly(n));
            GetRunningLoop().CallSoon(() =>
            {
                stream.FeedData(DATA);
                stream.FeedEof();
            });
            var e = await Raises<IncompleteReadError>(readTask);
            e.Partial.ShouldBe(DATA);
            e.Expected.ShouldBe(n);
            e.Message.ShouldBe("18 bytes read on a total of 36 expected bytes");
            Str(e).ShouldBe("18 bytes read on a total of 36 expected bytes");
            stream.Buffer.ShouldBe(B(""));
        });
    }

    [Fact]
    public void Readexactly_exception()
    {
        // test_streams.py: StreamTests.test_readexactly_exception
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            stream.FeedData(B("line\n"));
            (await stream.ReadExactly(2)).ShouldBe(B("li"));
            stream.SetException(new ValueError());
            await Raises<ValueError>(stream.ReadExactly(2));
        });
    }

    [Fact]
    public void Exception_()
    {
        // test_streams.py: StreamTests.test_exception
        var stream = new PyStreamReader();
        stream.Exception().ShouldBeNull();
        var exc = new ValueError();
        stream.SetException(exc);
        stream.Exception().ShouldBeSameAs(exc);
    }

    [Fact]
    public void Exception_waiter()
    {
        // test_streams.py: StreamTests.test_exception_waiter
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();

            async Coroutine SetErr() => stream.SetException(new ValueError());

            var t1 = CreateTask(stream.ReadLine());
            var t2 = CreateTask(SetErr());
            await Wait([t1, t2]);
            Should.Throw<ValueError>(() => t1.Result());
        });
    }

    [Fact]
    public void Exception_cancel()
    {
        // test_streams.py: StreamTests.test_exception_cancel
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            var t = CreateTask(stream.ReadLine());
            await Sleep(0);
            t.Cancel();
            await Sleep(0);
            // The following line fails if SetException() isn't careful.
            stream.SetException(new RuntimeError("message"));
            await Sleep(0);
            stream.Waiter.ShouldBeNull();
            t.Cancelled().ShouldBeTrue();
        });
    }

    [Fact]
    public void A_cancelled_read_clears_its_waiter_and_keeps_the_buffered_data()
    {
        // _wait_for_data's finally: the waiter is cancelled with the task and cleared; the data stays.
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            stream.FeedData(B("abc"));
            var t = CreateTask(stream.ReadExactly(10));
            await Sleep(0);
            var waiter = stream.Waiter.ShouldNotBeNull();
            t.Cancel();
            await Raises<CancelledError>(t);
            waiter.Cancelled().ShouldBeTrue();
            stream.Waiter.ShouldBeNull();
            stream.Buffer.ShouldBe(B("abc"));
            stream.FeedData(B("defghij"));
            (await stream.ReadExactly(10)).ShouldBe(B("abcdefghij"));
        });
    }

    [Fact]
    public void A_second_read_while_one_waits_raises_RuntimeError_naming_the_function()
    {
        // _wait_for_data: one waiter at a time.
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            var first = CreateTask(stream.Read(1));
            await Sleep(0);
            (await Raises<RuntimeError>(stream.ReadExactly(3))).Message
                .ShouldBe("readexactly() called while another coroutine is already waiting for incoming data");
            (await Raises<RuntimeError>(stream.ReadLine())).Message
                .ShouldBe("readuntil() called while another coroutine is already waiting for incoming data");
            (await Raises<RuntimeError>(stream.ReadUntil(B("x")))).Message
                .ShouldBe("readuntil() called while another coroutine is already waiting for incoming data");
            (await Raises<RuntimeError>(stream.Read(5))).Message
                .ShouldBe("read() called while another coroutine is already waiting for incoming data");
            stream.FeedData(B("xy"));
            (await first).ShouldBe(B("x"));
            stream.Buffer.ShouldBe(B("y"));
        });
    }

    [Fact]
    public void Feeding_after_eof_is_refused()
    {
        // CPython's assertion in feed_data: 'feed_data after feed_eof'.
        var stream = new PyStreamReader();
        stream.FeedEof();
        Should.Throw<InvalidOperationException>(() => stream.FeedData(B("x"))).Message.ShouldBe("feed_data after feed_eof");
    }

    [Fact]
    public void Feeding_from_another_thread_while_the_loop_runs_raises_RuntimeError()
    {
        // A PyAsync decision (CPython does not check): see PyStreamReader's remarks.
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            var read = CreateTask(stream.Read(5));
            await Sleep(0);
            Exception? caught = null;
            var thread = new Thread(() => caught = Record(() => stream.FeedData(B("x"))));
            thread.Start();
            thread.Join();
            caught.ShouldBeOfType<RuntimeError>().Message
                .ShouldBe("Non-thread-safe operation invoked on an event loop other than the current one");
            stream.Buffer.ShouldBe(B(""));
            stream.FeedEof();
            (await read).ShouldBe(B(""));
        });

        static Exception? Record(Action action)
        {
            try { action(); return null; }
            catch (Exception e) { return e; }
        }
    }

    [Fact]
    public void IncompleteReadError_attributes_and_message()
    {
        // test_streams.py: StreamTests.test_IncompleteReadError_pickleable (pickling has no counterpart:
        // the message, args and attributes it round-trips are checked).
        var e = new IncompleteReadError(B("abc"), 10);
        Str(e).ShouldBe("3 bytes read on a total of 10 expected bytes");
        e.Args.Count.ShouldBe(1);
        e.Args[0].ShouldBe("3 bytes read on a total of 10 expected bytes");
        e.Partial.ShouldBe(B("abc"));
        e.Expected.ShouldBe(10);
        e.ShouldBeAssignableTo<EOFError>();
        Str(Type(e)).ShouldBe("<class 'asyncio.exceptions.IncompleteReadError'>");

        var undefined = new IncompleteReadError(B(""), null);
        Str(undefined).ShouldBe("0 bytes read on a total of undefined expected bytes");
        undefined.Expected.ShouldBeNull();
    }

    [Fact]
    public void LimitOverrunError_attributes_and_message()
    {
        // test_streams.py: StreamTests.test_LimitOverrunError_pickleable (pickling has no counterpart).
        var e = new LimitOverrunError("message", 10);
        Str(e).ShouldBe("message");
        Repr(e).ShouldBe("LimitOverrunError('message')");
        e.Args.Count.ShouldBe(1);
        e.Consumed.ShouldBe(10);
        e.ShouldNotBeAssignableTo<EOFError>();
        Str(Type(e)).ShouldBe("<class 'asyncio.exceptions.LimitOverrunError'>");
    }

    [Fact]
    public void EOFError_is_the_builtin()
    {
        var e = new EOFError("end");
        Str(e).ShouldBe("end");
        Repr(e).ShouldBe("EOFError('end')");
        Str(Type(e)).ShouldBe("<class 'EOFError'>");
    }

    [Fact]
    public void Repr_default()
    {
        // test_streams.py: StreamTests.test___repr__
        PyAsync.Asyncio.Repr(new PyStreamReader()).ShouldBe("<StreamReader>");
    }

    [Fact]
    public void Repr_nondefault_limit()
    {
        // test_streams.py: StreamTests.test___repr__nondefault_limit
        PyAsync.Asyncio.Repr(new PyStreamReader(limit: 123)).ShouldBe("<StreamReader limit=123>");
    }

    [Fact]
    public void Repr_eof()
    {
        // test_streams.py: StreamTests.test___repr__eof
        var stream = new PyStreamReader();
        stream.FeedEof();
        PyAsync.Asyncio.Repr(stream).ShouldBe("<StreamReader eof>");
    }

    [Fact]
    public void Repr_data()
    {
        // test_streams.py: StreamTests.test___repr__data
        var stream = new PyStreamReader();
        stream.FeedData(B("data"));
        PyAsync.Asyncio.Repr(stream).ShouldBe("<StreamReader 4 bytes>");
    }

    [Fact]
    public void Repr_exception()
    {
        // test_streams.py: StreamTests.test___repr__exception
        var stream = new PyStreamReader();
        stream.SetException(new RuntimeError());
        PyAsync.Asyncio.Repr(stream).ShouldBe("<StreamReader exception=RuntimeError()>");
    }

    [Fact]
    public void Repr_waiter()
    {
        // test_streams.py: StreamTests.test___repr__waiter (a read that waits stands for the test's
        // hand-set _waiter).
        PyRun.Main(async () =>
        {
            var stream = new PyStreamReader();
            var t = CreateTask(stream.Read(1));
            await Sleep(0);
            PyAsync.Asyncio.Repr(stream).ShouldMatch(@"^<StreamReader waiter=<Future pending[\S ]*>>$");
            stream.FeedData(B("x"));
            await t;
            PyAsync.Asyncio.Repr(stream).ShouldBe("<StreamReader>");
        });
    }

    [Fact]
    public void Repr_transport()
    {
        // test_streams.py: StreamTests.test___repr__transport
        var stream = new PyStreamReader();
        stream.SetTransport(new FakeTransport());
        PyAsync.Asyncio.Repr(stream).ShouldBe("<StreamReader transport=<Transport>>");
    }

    [Fact]
    public void Repr_everything()
    {
        var stream = new PyStreamReader(limit: 1);
        stream.SetTransport(new FakeTransport());
        stream.FeedData(B("abc"));
        stream.FeedEof();
        stream.SetException(new ValueError("bad"));
        PyAsync.Asyncio.Repr(stream).ShouldBe("<StreamReader 3 bytes eof limit=1 exception=ValueError('bad') transport=<Transport> paused>");
    }

    [Fact]
    public void The_transport_is_paused_above_twice_the_limit_and_resumed_at_the_limit()
    {
        // feed_data and _maybe_resume_transport (CPython's flow control between reader and transport).
        PyRun.Main(async () =>
        {
            var transport = new FakeTransport();
            var stream = new PyStreamReader(limit: 4);
            stream.SetTransport(transport);
            stream.FeedData(B("12345678"));
            transport.Calls.ShouldBeEmpty();
            stream.FeedData(B("9"));
            transport.Calls.ShouldBe(["pause"]);
            stream.Paused.ShouldBeTrue();
            stream.FeedData(B("0"));
            transport.Calls.ShouldBe(["pause"]);

            (await stream.Read(5)).ShouldBe(B("12345"));
            stream.Paused.ShouldBeTrue();
            (await stream.Read(1)).ShouldBe(B("6"));
            transport.Calls.ShouldBe(["pause", "resume"]);
            stream.Paused.ShouldBeFalse();

            // A read that must wait resumes the paused transport first (readexactly(n) with n > limit).
            stream.FeedData(B("abcdefg"));
            transport.Calls.ShouldBe(["pause", "resume", "pause"]);
            var t = CreateTask(stream.ReadExactly(20));
            await Sleep(0);
            transport.Calls.ShouldBe(["pause", "resume", "pause", "resume"]);
            stream.FeedData(B("hijklm"));
            transport.Calls.ShouldBe(["pause", "resume", "pause", "resume", "pause"]);
            await Sleep(0);
            transport.Calls.Count.ShouldBe(6);
            stream.FeedData(B("n"));
            stream.FeedEof();
            (await Raises<IncompleteReadError>(t)).Partial.ShouldBe(B("7890abcdefghijklmn"));
        });
    }

    [Fact]
    public void A_transport_that_cannot_pause_is_forgotten()
    {
        // feed_data: NotImplementedError from pause_reading() drops the transport; all data is buffered.
        var stream = new PyStreamReader(limit: 1);
        stream.SetTransport(new FakeTransport { CannotPause = true });
        stream.FeedData(B("abc"));
        stream.Paused.ShouldBeFalse();
        PyAsync.Asyncio.Repr(stream).ShouldBe("<StreamReader 3 bytes limit=1>");
    }

    [Fact]
    public void The_buffer_keeps_every_byte_in_order_across_growth_and_compaction()
    {
        // The bytearray stand-in: interleaved feeds and reads of varied sizes against a plain list.
        PyRun.Main(async () =>
        {
            var random = new Random(15);
            var stream = new PyStreamReader(limit: 1 << 20);
            var expected = new List<byte>();
            int next = 0;
            for (int round = 0; round < 2000; round++)
            {
                var chunk = new byte[random.Next(0, 300)];
                for (int i = 0; i < chunk.Length; i++) chunk[i] = (byte)(next++ * 7);
                stream.FeedData(chunk);
                expected.AddRange(chunk);
                if (expected.Count == 0) continue;
                int n = random.Next(1, 400);
                var got = await stream.Read(n);
                got.ShouldBe(expected.Take(n).ToArray());
                expected.RemoveRange(0, got.Length);
                stream.Buffer.ShouldBe(expected.ToArray());
            }
        });
    }

    private sealed class FakeTransport : IReadTransport
    {
        public List<string> Calls { get; } = [];

        public bool CannotPause { get; init; }

        public void PauseReading()
        {
            if (CannotPause) throw new NotImplementedException();
            Calls.Add("pause");
        }

        public void ResumeReading() => Calls.Add("resume");

        public override string ToString() => "<Transport>";
    }
}
