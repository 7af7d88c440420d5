// The Python documentation's get_date example (asyncio-subprocess.rst): create_subprocess_exec runs
// Python with -c, its stdout a pipe; the program reads one line and waits for the exit. The docs' child
// prints datetime.datetime.now(), which changes; here it prints the time it is given as an argument, the
// parent's time.time() (on the virtual clock, 2025-01-01 12:00:00 UTC), so the output never changes.
// sys.executable is "python3" in C# (PyAsync names no Sys.Executable: the .NET process is no Python).
using static PyAsync.Asyncio;

namespace PyAsync.Examples.Doc101;

[Example("101", 11, "subprocess_exec", Title = "the docs' get_date: create_subprocess_exec, readline from its stdout, wait")]
public static class SubprocessExecExample
{
    static async Coroutine<string> GetDate()
    {
        var code = "import datetime, sys; " +
                   "print(datetime.datetime.fromtimestamp(float(sys.argv[1]), datetime.timezone.utc))";

        // Create the subprocess; redirect the standard output
        // into a pipe.
        var proc = await CreateSubprocessExec(
            "python3", "-c", code, Str(Time.Now()),
            stdout: Subprocess.PIPE);

        // Read one line of output.
        var data = await proc.Stdout!.ReadLine();
        var line = data.Decode("ascii").TrimEnd();

        // Wait for the subprocess exit.
        await proc.Wait();
        return line;
    }

    public static void Entry()
    {
        var date = Run(GetDate());
        Print($"Current date: {date}");
    }
}
