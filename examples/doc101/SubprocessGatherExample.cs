// Several shell commands run at the same time with create_subprocess_shell and gather (the slowest
// takes half a second of real time: the loop waits for the children, the virtual clock does not move);
// then each one's exit code and output, in the order they were given, as the docs' run(cmd) prints them.
// In C#, run is RunCmd: a method named Run would hide asyncio's Run(Main()).
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc101;

[Example("101", 12, "subprocess_gather", Title = "four shell commands at once with gather, outputs in order")]
public static class SubprocessGatherExample
{
    static readonly string[] Commands =
    [
        "sleep 0.5; echo \"slow\"",
        "echo \"fast\"",
        "seq 3 | sort -r",
        "echo \"to stderr\" >&2; exit 1",
    ];

    static async Coroutine<(int?, string, string)> RunCmd(string cmd)
    {
        var proc = await CreateSubprocessShell(
            cmd,
            stdout: Subprocess.PIPE,
            stderr: Subprocess.PIPE);
        var (stdout, stderr) = await proc.Communicate();
        return (proc.Returncode, stdout!.Decode(), stderr!.Decode());
    }

    static async Coroutine Main()
    {
        var results = await Gather(Commands.Select(cmd => RunCmd(cmd)));
        foreach (var (cmd, (returncode, stdout, stderr)) in Commands.Zip(results))
        {
            Print($"[{Repr(cmd)} exited with {returncode}]");
            if (stdout != "")
                Print($"[stdout]\n{stdout}", end: "");
            if (stderr != "")
                Print($"[stderr]\n{stderr}", end: "");
        }
    }

    public static void Entry() => Run(Main());
}
