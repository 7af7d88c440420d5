// The Python documentation's subprocess example (asyncio-subprocess.rst): run(cmd) starts a shell
// command with create_subprocess_shell, takes its stdout and stderr with communicate(), and prints the
// exit code and both outputs. The docs run 'ls /zzz' only; main here runs it and two more commands whose
// output is the same on every Linux: an echo, and one that writes to both streams and exits with 3. In
// C#, run is RunCmd: a method named Run would hide asyncio's Run(Main()).
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc101;

[Example("101", 10, "subprocess_shell", Title = "the docs' run(cmd): create_subprocess_shell, communicate, exit code and outputs")]
public static class SubprocessShellExample
{
    static async Coroutine RunCmd(string cmd)
    {
        var proc = await CreateSubprocessShell(
            cmd,
            stdout: Subprocess.PIPE,
            stderr: Subprocess.PIPE);

        var (stdout, stderr) = await proc.Communicate();

        Print($"[{Repr(cmd)} exited with {proc.Returncode}]");
        if (stdout is { Length: > 0 })
            Print($"[stdout]\n{stdout.Decode()}");
        if (stderr is { Length: > 0 })
            Print($"[stderr]\n{stderr.Decode()}");
    }

    static async Coroutine Main()
    {
        await RunCmd("ls /zzz");
        await RunCmd("echo \"hello\"");
        await RunCmd("echo \"one\"; echo \"two\"; echo \"oops\" >&2; exit 3");
    }

    public static void Entry() => Run(Main());
}
