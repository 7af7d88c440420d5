using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// <c>OSError</c> and its subclasses: args, <c>str()</c> and <c>repr()</c> as CPython's Lib/test/test_exceptions.py
/// (<c>testAttributes</c>, the <c>OSError</c> rows) and test_exception_hierarchy.py (<c>test_errno_mapping</c>,
/// <c>HierarchyTest.test_builtin_errors</c>) check them, and the mapping of .NET's socket and I/O exceptions, with real
/// loopback sockets, to the exception CPython raises for the same steps (<see cref="CPython_raises_the_same_for_the_same_socket_steps"/>).
/// </summary>
public class OSErrorTests
{
    /// <summary>(PyAsync's exception, the Python expression for it, CPython's <c>repr</c>, CPython's <c>str</c>).</summary>
    public static readonly (Exception Value, string Python, string Repr, string Str)[] Cases =
    [
        (new ConnectionRefusedError(111, "Connection refused"), "ConnectionRefusedError(111, 'Connection refused')", "ConnectionRefusedError(111, 'Connection refused')", "[Errno 111] Connection refused"),
        (new ConnectionResetError(104, "Connection reset by peer"), "ConnectionResetError(104, 'Connection reset by peer')", "ConnectionResetError(104, 'Connection reset by peer')", "[Errno 104] Connection reset by peer"),
        (new BrokenPipeError(32, "Broken pipe"), "BrokenPipeError(32, 'Broken pipe')", "BrokenPipeError(32, 'Broken pipe')", "[Errno 32] Broken pipe"),
        (new ConnectionAbortedError(103, "Software caused connection abort"), "ConnectionAbortedError(103, 'Software caused connection abort')", "ConnectionAbortedError(103, 'Software caused connection abort')", "[Errno 103] Software caused connection abort"),
        (new FileNotFoundError(2, "No such file or directory", "x"), "FileNotFoundError(2, 'No such file or directory', 'x')", "FileNotFoundError(2, 'No such file or directory')", "[Errno 2] No such file or directory: 'x'"),
        (new OSError(5, "Input/output error", null), "OSError(5, 'Input/output error', None)", "OSError(5, 'Input/output error', None)", "[Errno 5] Input/output error"),
        (new OSError(5, "Input/output error", "f", 6, "g"), "OSError(5, 'Input/output error', 'f', 6, 'g')", "OSError(5, 'Input/output error')", "[Errno 5] Input/output error: 'f' -> 'g'"),
        (new OSError("msg"), "OSError('msg')", "OSError('msg')", "msg"),
        (new OSError(), "OSError()", "OSError()", ""),
        (new OSError(1), "OSError(1)", "OSError(1)", "1"),
        (new OSError(new object?[] { null, null }), "OSError(None, None)", "OSError(None, None)", "[Errno None] None"),
        (new OSError(1, 2, 3, 4, 5, 6), "OSError(1, 2, 3, 4, 5, 6)", "OSError(1, 2, 3, 4, 5, 6)", "(1, 2, 3, 4, 5, 6)"),
        (new ConnectionError("lost"), "ConnectionError('lost')", "ConnectionError('lost')", "lost"),
        (new TimeoutError(110, "Connection timed out"), "TimeoutError(110, 'Connection timed out')", "TimeoutError(110, 'Connection timed out')", "[Errno 110] Connection timed out"),
        ((Exception)OSErrors.ConnectCallFailed(new SocketException((int)SocketError.ConnectionRefused), ("127.0.0.1", 9)),
            "OSError(111, \"Connect call failed ('127.0.0.1', 9)\")", "ConnectionRefusedError(111, \"Connect call failed ('127.0.0.1', 9)\")", "[Errno 111] Connect call failed ('127.0.0.1', 9)"),
    ];

    public static TheoryData<int> CaseIndexes()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Cases.Length; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIndexes))]
    public void Str_and_Repr_are_CPythons(int index)
    {
        var (value, _, repr, str) = Cases[index];
        Repr(value).ShouldBe(repr);
        Str(value).ShouldBe(str);
        value.Message.ShouldBe(str);
    }

    [PythonFact]
    public void The_expected_texts_are_what_CPython_prints()
    {
        var script = string.Join("\n", Cases.Select(c => $"e = {c.Python}\nprint(repr(repr(e)))\nprint(repr(str(e)))"));
        var lines = Python.RunScript(script).Split('\n');
        for (int i = 0; i < Cases.Length; i++)
        {
            Repr(Cases[i].Repr).ShouldBe(lines[2 * i], $"repr of {Cases[i].Python}");
            Repr(Cases[i].Str).ShouldBe(lines[2 * i + 1], $"str of {Cases[i].Python}");
        }
    }

    /// <summary>test_exception_hierarchy.py HierarchyTest.test_builtin_errors: the classes' bases.</summary>
    [Fact]
    public void The_hierarchy_is_Pythons()
    {
        new ConnectionError().ShouldBeAssignableTo<OSError>();
        new ConnectionRefusedError().ShouldBeAssignableTo<ConnectionError>();
        new ConnectionResetError().ShouldBeAssignableTo<ConnectionError>();
        new ConnectionAbortedError().ShouldBeAssignableTo<ConnectionError>();
        new BrokenPipeError().ShouldBeAssignableTo<ConnectionError>();
        new FileNotFoundError().ShouldBeAssignableTo<OSError>();
        new OSError().ShouldBeAssignableTo<IOException>();
        new UnicodeDecodeError("utf-8", [0xff], 0, 1, "invalid start byte").ShouldBeAssignableTo<ValueError>();
        // TimeoutError keeps its .NET base (TimeoutException); see its remarks.
        new TimeoutError().ShouldBeAssignableTo<TimeoutException>();
        Str(Type(new ConnectionResetError())).ShouldBe("<class 'ConnectionResetError'>");
    }

    [Fact]
    public void Errno_strerror_and_filename_are_read_from_the_args()
    {
        var e = new FileNotFoundError(2, "No such file or directory", "x");
        (e.Errno, e.Strerror, e.Filename).ShouldBe((2, "No such file or directory", (object?)"x"));
        e.Args.Count.ShouldBe(2);
        var plain = new OSError("msg");
        (plain.Errno, plain.Strerror, plain.Filename).ShouldBe((null, null, (object?)null));
        new TimeoutError().Errno.ShouldBeNull();
    }

    /// <summary>test_exception_hierarchy.py test_errno_mapping: each errno gives its subclass, with Linux's numbers.</summary>
    [Theory]
    [InlineData(SocketError.ConnectionRefused, typeof(ConnectionRefusedError), "[Errno 111] Connection refused")]
    [InlineData(SocketError.ConnectionReset, typeof(ConnectionResetError), "[Errno 104] Connection reset by peer")]
    [InlineData(SocketError.ConnectionAborted, typeof(ConnectionAbortedError), "[Errno 103] Software caused connection abort")]
    [InlineData(SocketError.Shutdown, typeof(BrokenPipeError), "[Errno 32] Broken pipe")]
    [InlineData(SocketError.TimedOut, typeof(TimeoutError), "[Errno 110] Connection timed out")]
    [InlineData(SocketError.AddressAlreadyInUse, typeof(OSError), "[Errno 98] Address already in use")]
    [InlineData(SocketError.HostUnreachable, typeof(OSError), "[Errno 113] No route to host")]
    public void A_SocketException_maps_to_the_subclass_for_its_errno(SocketError error, Type expected, string str)
    {
        var socketException = new SocketException((int)error);
        var mapped = OSErrors.From(socketException);
        mapped.GetType().ShouldBe(expected);
        Str(mapped).ShouldBe(str);
        mapped.InnerException.ShouldBeSameAs(socketException);
    }

    [Fact]
    public void IO_and_Win32_exceptions_map_to_their_errno()
    {
        var missing = OSErrors.From(new Win32Exception(2), "no-such-program");
        missing.ShouldBeOfType<FileNotFoundError>();
        Str(missing).ShouldBe("[Errno 2] No such file or directory: 'no-such-program'");
        var file = OSErrors.From(new FileNotFoundException("gone", "a.txt"));
        Str(file).ShouldBe("[Errno 2] No such file or directory: 'a.txt'");
        // NetworkStream wraps the SocketException in an IOException: the errno comes from the socket's error.
        var wrapped = new IOException("Unable to read data from the transport connection", new SocketException((int)SocketError.ConnectionReset));
        var reset = OSErrors.From(wrapped).ShouldBeOfType<ConnectionResetError>();
        Str(reset).ShouldBe("[Errno 104] Connection reset by peer");
        reset.InnerException.ShouldBeSameAs(wrapped);
        var other = OSErrors.From(new InvalidOperationException("x"));
        other.ShouldBeOfType<InvalidOperationException>();
        if (!OperatingSystem.IsWindows())
            Str(OSErrors.From(new IOException("Broken pipe", 32))).ShouldBe("[Errno 32] Broken pipe");
    }

    private static Socket Listener()
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        return listener;
    }

    private static (Socket Client, Socket Accepted) Connected(Socket listener)
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        return (client, listener.Accept());
    }

    /// <summary>Connecting to a port nothing listens on: CPython's <c>ConnectionRefusedError(111, 'Connection refused')</c>.</summary>
    [Fact]
    public void A_refused_connect_is_ConnectionRefusedError_111()
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        }
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var raw = Should.Throw<SocketException>(() => client.Connect(new IPEndPoint(IPAddress.Loopback, port)));
        var mapped = OSErrors.From(raw).ShouldBeOfType<ConnectionRefusedError>();
        mapped.Errno.ShouldBe(111);
        Str(mapped).ShouldBe("[Errno 111] Connection refused");
        Str(OSErrors.ConnectCallFailed(raw, ("127.0.0.1", port))).ShouldBe($"[Errno 111] Connect call failed ('127.0.0.1', {port})");
    }

    /// <summary>The peer closes with SO_LINGER 0 (a reset): receiving gives CPython's <c>ConnectionResetError(104, ...)</c>.</summary>
    [Fact]
    public void A_receive_after_a_reset_is_ConnectionResetError_104()
    {
        using var listener = Listener();
        var (client, accepted) = Connected(listener);
        using (client)
        {
            accepted.LingerState = new LingerOption(true, 0);
            accepted.Close();
            var raw = Should.Throw<SocketException>(() => client.Receive(new byte[10]));
            var mapped = OSErrors.From(raw).ShouldBeOfType<ConnectionResetError>();
            Repr(mapped).ShouldBe("ConnectionResetError(104, 'Connection reset by peer')");
        }
    }

    /// <summary>Sending after the socket's own shutdown of its write side: CPython's <c>BrokenPipeError(32, 'Broken pipe')</c>.</summary>
    [Fact]
    public void A_send_after_shutdown_is_BrokenPipeError_32()
    {
        using var listener = Listener();
        var (client, accepted) = Connected(listener);
        using (client)
        using (accepted)
        {
            client.Shutdown(SocketShutdown.Send);
            var raw = Should.Throw<SocketException>(() => client.Send(new byte[] { 1 }));
            var mapped = OSErrors.From(raw).ShouldBeOfType<BrokenPipeError>();
            Repr(mapped).ShouldBe("BrokenPipeError(32, 'Broken pipe')");
        }
    }

    /// <summary>The same three steps in CPython, with its socket module: the reprs the tests above expect.</summary>
    [PythonFact]
    public void CPython_raises_the_same_for_the_same_socket_steps()
    {
        const string script = """
            import socket, struct
            s = socket.socket(); s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]; s.close()
            c = socket.socket()
            try: c.connect(('127.0.0.1', port))
            except OSError as e: print(repr(e))
            c.close()
            l = socket.socket(); l.bind(('127.0.0.1', 0)); l.listen()
            c = socket.create_connection(l.getsockname()); a, _ = l.accept()
            a.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0)); a.close()
            try: c.recv(10)
            except OSError as e: print(repr(e))
            c.close()
            c = socket.create_connection(l.getsockname()); a, _ = l.accept()
            c.shutdown(socket.SHUT_WR)
            try: c.sendall(b'x')
            except OSError as e: print(repr(e))
            c.close(); a.close(); l.close()
            """;
        var output = Python.RunScript(script);
        output.ShouldBe("ConnectionRefusedError(111, 'Connection refused')\nConnectionResetError(104, 'Connection reset by peer')\nBrokenPipeError(32, 'Broken pipe')\n");
    }
}
