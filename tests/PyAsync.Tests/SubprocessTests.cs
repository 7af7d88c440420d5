using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// Subprocesses on real processes (<c>cat</c>, <c>sleep</c>, <c>sh</c>, <c>true</c>, <c>python3 -c</c>), as CPython's
/// test_subprocess.py (SubprocessMixin) exercises them: pipes both ways, <c>communicate</c> with large outputs on
/// both pipes, <c>STDOUT</c> and <c>DEVNULL</c>, exit codes and signals, a missing program, a child that exits before
/// its stdin is written. Where the output does not depend on timing, CPython's own output for the same program is
/// the expectation (the Python original is kept here).
/// </summary>
[Trait("Category", "Slow")]
public class SubprocessTests
{
    private static byte[] B(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    private const string ProgramPython = """
        import asyncio, signal, sys

        PY = sys.executable

        async def main():
            # test_subprocess.py test_stdin_stdout: cat echoes its input
            proc = await asyncio.create_subprocess_exec('cat', stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
            print('before', proc.returncode)
            out, err = await proc.communicate(b'hello\nworld\n')
            print('cat', out, err, proc.returncode)

            # test_communicate: a large input through a pipe and back
            proc = await asyncio.create_subprocess_exec('cat', stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
            out, err = await proc.communicate(b'x' * 1_000_000)
            print('cat big', len(out), out == b'x' * 1_000_000, proc.returncode)

            # test_communicate_ignore_broken_pipe-like: both pipes full at once, no deadlock
            code = "import sys; sys.stdout.write('o' * 500000); sys.stderr.write('e' * 500000)"
            proc = await asyncio.create_subprocess_exec(PY, '-c', code, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
            out, err = await proc.communicate()
            print('both', len(out), len(err), proc.returncode)

            # stderr=STDOUT
            proc = await asyncio.create_subprocess_shell('echo out; echo err >&2', stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
            out, err = await proc.communicate()
            print('merged', sorted(out.split()), err)

            # DEVNULL
            proc = await asyncio.create_subprocess_exec('cat', stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
            print('devnull', await proc.communicate())

            # test_exec_loop_deprecated-like: exit status
            proc = await asyncio.create_subprocess_shell('exit 7')
            print('exit', await proc.wait(), proc.returncode)

            # test_kill, test_terminate, test_send_signal
            for action in ('kill', 'terminate', 'send_signal'):
                proc = await asyncio.create_subprocess_exec('sleep', '30')
                if action == 'send_signal':
                    proc.send_signal(signal.SIGHUP)
                else:
                    getattr(proc, action)()
                print(action, await proc.wait())

            # readline from a child's stdout
            proc = await asyncio.create_subprocess_exec(PY, '-c', "print('line 1'); print('line 2')", stdout=asyncio.subprocess.PIPE)
            print('readline', await proc.stdout.readline(), await proc.stdout.readline(), await proc.stdout.readline())
            print('wait', await proc.wait())

            # test_start_new_session-like: a missing program
            try:
                await asyncio.create_subprocess_exec('no-such-program-pyasync')
            except FileNotFoundError as e:
                print('missing', type(e).__name__, e.errno, e)

            # a child that exits before its stdin is written
            proc = await asyncio.create_subprocess_exec('true', stdin=asyncio.subprocess.PIPE)
            print('true exited', await proc.wait())
            proc.stdin.write(b'x' * 100000)
            try:
                await proc.stdin.drain()
                print('drain ok')
            except Exception as e:
                print('drain', type(e).__name__, e)

            # communicate() ignores the broken pipe
            proc = await asyncio.create_subprocess_exec('true', stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
            print('communicate after exit', await proc.communicate(b'x' * 1000000), proc.returncode)

            # after the end: the process is gone. communicate() may return before the transport has finished
            # closing (when the exit was seen before the pipes' end), so let it finish first, in CPython as here.
            await asyncio.sleep(0.1)
            try:
                proc.kill()
            except ProcessLookupError as e:
                print('kill after end', type(e).__name__)

            # communicate(input) without a stdin pipe
            proc = await asyncio.create_subprocess_exec('true')
            try:
                await proc.communicate(b'data')
            except AttributeError as e:
                print('no stdin', type(e).__name__, e)
            await proc.wait()
            print(type(proc))

        asyncio.run(main())
        """;

    /// <summary>
    /// test_subprocess.py's test_stdin_stdout, test_communicate, test_kill, test_terminate, test_send_signal,
    /// test_exit_status-like and test_communicate_ignore_broken_pipe, in one program: the same lines as CPython's.
    /// </summary>
    [PythonFact]
    public void The_subprocess_program_prints_what_CPython_prints()
    {
        const string py = "python3";
        var output = PyRun.Main(async () =>
        {
            // test_subprocess.py test_stdin_stdout: cat echoes its input
            var proc = await CreateSubprocessExec("cat", stdin: Subprocess.PIPE, stdout: Subprocess.PIPE);
            Print("before", proc.Returncode);
            var (out_, err) = await proc.Communicate(B("hello\nworld\n"));
            Print("cat", out_, err, proc.Returncode);

            // test_communicate: a large input through a pipe and back
            proc = await CreateSubprocessExec("cat", stdin: Subprocess.PIPE, stdout: Subprocess.PIPE);
            (out_, err) = await proc.Communicate(new byte[1_000_000].Select(_ => (byte)'x').ToArray());
            Print("cat big", out_!.Length, out_.All(b => b == 'x') && out_.Length == 1_000_000, proc.Returncode);

            // test_communicate_ignore_broken_pipe-like: both pipes full at once, no deadlock
            var code = "import sys; sys.stdout.write('o' * 500000); sys.stderr.write('e' * 500000)";
            proc = await CreateSubprocessExec(py, "-c", code, stdout: Subprocess.PIPE, stderr: Subprocess.PIPE);
            (out_, err) = await proc.Communicate();
            Print("both", out_!.Length, err!.Length, proc.Returncode);

            // stderr=STDOUT
            proc = await CreateSubprocessShell("echo out; echo err >&2", stdout: Subprocess.PIPE, stderr: Subprocess.STDOUT);
            (out_, err) = await proc.Communicate();
            Print("merged", out_!.Decode().Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).Select(w => w.Encode()).ToList(), err);

            // DEVNULL
            proc = await CreateSubprocessExec("cat", stdin: Subprocess.DEVNULL, stdout: Subprocess.PIPE, stderr: Subprocess.DEVNULL);
            Print("devnull", await proc.Communicate());

            // test_exec_loop_deprecated-like: exit status
            proc = await CreateSubprocessShell("exit 7");
            Print("exit", await proc.Wait(), proc.Returncode);

            // test_kill, test_terminate, test_send_signal
            foreach (var action in new[] { "kill", "terminate", "send_signal" })
            {
                proc = await CreateSubprocessExec("sleep", "30");
                if (action == "send_signal") proc.SendSignal(Signal.SIGHUP);
                else if (action == "kill") proc.Kill();
                else proc.Terminate();
                Print(action, await proc.Wait());
            }

            // readline from a child's stdout
            proc = await CreateSubprocessExec(py, "-c", "print('line 1'); print('line 2')", stdout: Subprocess.PIPE);
            Print("readline", await proc.Stdout!.ReadLine(), await proc.Stdout.ReadLine(), await proc.Stdout.ReadLine());
            Print("wait", await proc.Wait());

            // test_start_new_session-like: a missing program
            try
            {
                await CreateSubprocessExec("no-such-program-pyasync");
            }
            catch (FileNotFoundError e)
            {
                Print("missing", Type(e).Name, e.Errno, e);
            }

            // a child that exits before its stdin is written
            proc = await CreateSubprocessExec("true", stdin: Subprocess.PIPE);
            Print("true exited", await proc.Wait());
            proc.Stdin!.Write(new byte[100000]);
            try
            {
                await proc.Stdin.Drain();
                Print("drain ok");
            }
            catch (Exception e)
            {
                Print("drain", Type(e).Name, e);
            }

            // communicate() ignores the broken pipe
            proc = await CreateSubprocessExec("true", stdin: Subprocess.PIPE, stdout: Subprocess.PIPE);
            Print("communicate after exit", await proc.Communicate(new byte[1000000]), proc.Returncode);

            // after the end: the process is gone. communicate() may return before the transport has finished
            // closing (when the exit was seen before the pipes' end), so let it finish first, in CPython as here.
            await Sleep(0.1);
            try
            {
                proc.Kill();
            }
            catch (ProcessLookupError e)
            {
                Print("kill after end", Type(e).Name);
            }

            // communicate(input) without a stdin pipe
            proc = await CreateSubprocessExec("true");
            try
            {
                await proc.Communicate(B("data"));
            }
            catch (AttributeError e)
            {
                Print("no stdin", Type(e).Name, e);
            }
            await proc.Wait();
            Print(Type(proc));
        });
        var python = Python.RunVirtualScript(ProgramPython);
        output.Stdout.ShouldBe(python.Stdout);
        output.Stderr.ShouldBe("");
    }

    private const string NeverReadsPython = """
        import asyncio

        async def main():
            # a child that never reads: drain() blocks above the high water mark, and fails once the child is gone
            proc = await asyncio.create_subprocess_exec('sleep', '30', stdin=asyncio.subprocess.PIPE)
            proc.stdin.write(b'x' * 1_000_000)
            drain = asyncio.ensure_future(proc.stdin.drain())
            for _ in range(5):
                await asyncio.sleep(0)
            print('blocked', drain.done(), proc.stdin.transport.get_write_buffer_size() > 64 * 1024)
            proc.kill()
            print('killed', await proc.wait())
            try:
                await drain
            except Exception as e:
                print('drain', type(e).__name__, repr(e))
            try:
                await proc.stdin.wait_closed()
            except Exception as e:
                print('wait_closed', type(e).__name__, repr(e))

        asyncio.run(main())
        """;

    /// <summary>
    /// Issue 15's peer that never reads, as a child (test_subprocess.py test_pause_reading's writing side): drain()
    /// blocks above the high water mark instead of buffering without bound, and fails with CPython's bare
    /// BrokenPipeError() once the child is killed, as does the stdin's wait_closed().
    /// </summary>
    [PythonFact]
    public void Drain_blocks_for_a_child_that_never_reads_and_fails_when_it_is_killed_as_in_CPython()
    {
        var output = PyRun.Main(async () =>
        {
            // a child that never reads: drain() blocks above the high water mark, and fails once the child is gone
            var proc = await CreateSubprocessExec("sleep", "30", stdin: Subprocess.PIPE);
            proc.Stdin!.Write(new byte[1_000_000]);
            var drain = EnsureFuture(proc.Stdin.Drain());
            for (int i = 0; i < 5; i++)
                await Sleep(0);
            Print("blocked", drain.Done(), proc.Stdin.Transport.GetWriteBufferSize() > 64 * 1024);
            proc.Kill();
            Print("killed", await proc.Wait());
            try
            {
                await drain;
            }
            catch (Exception e)
            {
                Print("drain", Type(e).Name, Repr(e));
            }
            try
            {
                await proc.Stdin.WaitClosed();
            }
            catch (Exception e)
            {
                Print("wait_closed", Type(e).Name, Repr(e));
            }
        });
        output.Stdout.ShouldBe(Python.RunVirtualScript(NeverReadsPython).Stdout);
        output.Stderr.ShouldBe("");
    }

    /// <summary>
    /// A child gone before its stdin is written, seen by the write itself (EPIPE) before the loop saw the pipe close.
    /// CPython 3.11, run for real with <c>true</c> and <c>time.sleep(0.5)</c> (not on the virtual clock, whose
    /// time.sleep does not block): "drain ok", then
    /// wait_closed() raises <c>BrokenPipeError: [Errno 32] Broken pipe</c>; the write's error is the stdin's end.
    /// </summary>
    [Fact]
    public void A_write_to_a_child_that_is_gone_ends_the_stdin_with_BrokenPipeError()
    {
        var output = PyRun.Main(async () =>
        {
            // (A child that ends after a tenth of a second: `true` can end while a cold .NET process connects its pipes.)
            var proc = await CreateSubprocessShell("sleep 0.1", stdin: Subprocess.PIPE);
            Thread.Sleep(600); // time.sleep(0.6): the child is gone, the loop has not run since
            proc.Stdin!.Write(B("x"));
            await proc.Stdin.Drain();
            Print("drain ok");
            var e = await Should.ThrowAsync<BrokenPipeError>(async () => await proc.Stdin.WaitClosed());
            Print("wait_closed", Type(e).Name, e);
            Print("exited", await proc.Wait());
        });
        output.Stdout.ShouldBe("drain ok\nwait_closed BrokenPipeError [Errno 32] Broken pipe\nexited 0\n");
    }

    private const string RunningChildPython = """
        import asyncio

        async def main():
            loop = asyncio.get_running_loop()
            loop.call_later(10, lambda: print("timer at", loop.time()))
            proc = await asyncio.create_subprocess_shell("sleep 0.3; echo done", stdout=asyncio.subprocess.PIPE)
            stdout, _ = await proc.communicate()
            print("child", stdout, "at", loop.time())
            await asyncio.sleep(10)

        asyncio.run(main())
        """;

    /// <summary>
    /// A running child is outside work for the virtual clock: a timer due in 10 virtual seconds waits for the child's
    /// real 0.3 s, so the child's output comes first, as in real time (issue 15: the clock does not jump past I/O in
    /// flight). tools/pyvirtual.py gives CPython the same rule, so this is CPython's output.
    /// </summary>
    [PythonFact]
    public void A_running_child_holds_the_virtual_clock_as_on_CPython()
    {
        var output = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            loop.CallLater(10, () => Print("timer at", loop.Time()));
            var proc = await CreateSubprocessShell("sleep 0.3; echo done", stdout: Subprocess.PIPE);
            var (stdout, _) = await proc.Communicate();
            Print("child", stdout, "at", loop.Time());
            await Sleep(10);
        });
        output.Stdout.ShouldBe(Python.RunVirtualScript(RunningChildPython).Stdout);
        output.Stdout.ShouldBe("child b'done\\n' at 0.0\ntimer at 10.0\n");
        output.Stderr.ShouldBe("");
    }

    /// <summary>A program name with a NUL byte is CPython's ValueError("embedded null byte"); STDOUT is only for stderr.</summary>
    [Fact]
    public void Bad_arguments_raise_CPythons_errors_before_anything_runs()
    {
        PyRun.Raises<ValueError>(async () => await CreateSubprocessExec("ca\0t")).Message.ShouldBe("embedded null byte");
        PyRun.Raises<ValueError>(async () => await CreateSubprocessExec("cat", stdout: Subprocess.STDOUT));
        PyRun.Raises<ValueError>(async () => await CreateSubprocessExec("cat", limit: 0)).Message.ShouldBe("Limit cannot be <= 0");
    }

    /// <summary>os.kill on a pid that no process has any more: CPython's ProcessLookupError, [Errno 3] No such process.</summary>
    [Fact]
    public void Os_Kill_of_a_process_that_is_gone_raises_ProcessLookupError()
    {
        var output = PyRun.Main(async () =>
        {
            var proc = await CreateSubprocessExec("true");
            await proc.Wait();
            var e = Should.Throw<ProcessLookupError>(() => Os.Kill(proc.Pid, Signal.SIGTERM));
            Print(Type(e).Name, e);
        });
        output.Stdout.ShouldBe("ProcessLookupError [Errno 3] No such process\n");
    }
}
