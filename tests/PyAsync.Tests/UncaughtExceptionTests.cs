using System.Diagnostics;
using System.Text.RegularExpressions;
using PyAsync.Tests.Support;

namespace PyAsync.Tests;

/// <summary>
/// A ported program whose main raises, as a real process: tests/SigintProbe's "uncaught-" modes
/// (Uncaught.cs) and their original, uncaught_probe.py, under CPython. Both exit with 1 and print the
/// same stdout, and the same stderr once the frame lines (which name Python or C# files, and asyncio's
/// own frames in CPython's) are left out: the traceback's header, the group boxes, the chain messages,
/// the exception lines, and "Task exception was never retrieved" in the same place. CPython's side is
/// stored next to the probe and re-checked with CPython when its inputs change (OracleCache);
/// <c>PYASYNC_UPDATE_EXPECTED=1</c> rewrites it.
/// </summary>
[Trait("Category", "Slow")]
public partial class UncaughtExceptionTests
{
    [Theory]
    [InlineData("kept", "<module> Start Kept")]
    [InlineData("dropped", "<module> Start Dropped")]
    [InlineData("group", "<module> Start Group")]
    [InlineData("cause", "<module> Start Cause")]
    [InlineData("cancelled", "<module> Start")]
    [InlineData("after", "<module> Start")]
    public void A_port_whose_main_raises_exits_with_1_and_CPythons_traceback(string mode, string frames)
    {
        string probe = ProbeProcesses.Folder;
        var port = Start("dotnet", [ProbeProcesses.Dll, "uncaught-" + mode]);
        port.ExitCode.ShouldBe(1, port.Stderr);
        string.Join(' ', FirstTracebackFrames(port.Stderr)).ShouldBe(frames);
        port.Stderr.ShouldNotContain("PyAsync.");
        port.Stderr.ShouldNotContain("Unhandled exception");

        // CPython's output for the mode, stored (uncaught_probe.MODE.expected.txt: stdout, then stderr without its
        // frames) and checked against CPython again when the probe, the interpreter or the stored text changed.
        string stored = Path.Combine(probe, $"uncaught_probe.{mode}.expected.txt");
        string expected = File.Exists(stored) ? File.ReadAllText(stored) : "";
        if (Python.Executable is { } python)
        {
            string program = Path.Combine(probe, "uncaught_probe.py");
            string key = OracleCache.Key(python, program, mode, expected);
            if (!OracleCache.Verified(key))
            {
                var original = Start(python, [program, mode]);
                original.ExitCode.ShouldBe(1, original.Stderr);
                if (Environment.GetEnvironmentVariable("PYASYNC_UPDATE_EXPECTED") == "1") File.WriteAllText(stored, expected = Shape(original));
                Shape(original).ShouldBe(expected, $"CPython's output for {mode} differs from the one stored in {stored}");
                OracleCache.Record(OracleCache.Key(python, program, mode, expected));
            }
        }
        Shape(port).ShouldBe(expected, $"the port's output for {mode}, against CPython's stored in {stored}");
    }

    /// <summary>What is compared: stdout, then stderr without its frames.</summary>
    private static string Shape((int ExitCode, string Stdout, string Stderr) run) =>
        run.Stdout + "--- stderr without frames ---\n" + WithoutFrames(run.Stderr);

    /// <summary>The switch PyAsync.KeepDotnetCrash leaves an uncaught exception to .NET: its message and abort (134).</summary>
    [Fact]
    public void The_KeepDotnetCrash_switch_leaves_the_crash_to_dotnet()
    {
        string probe = ProbeProcesses.Folder;
        var port = Start("dotnet", [ProbeProcesses.Dll, "uncaught-dropped", "--keep-dotnet-crash"]);
        port.ExitCode.ShouldBe(134, port.Stderr);
        port.Stderr.ShouldContain("Unhandled exception. PyAsync.RuntimeError: main failed");
        port.Stderr.ShouldNotContain("Traceback (most recent call last):\n  File \"" + Path.Combine(probe, "Program.cs"));
    }

    /// <summary>The function names of the frames of main's traceback (the first one that is not a report's: no "future:" line before it).</summary>
    private static IEnumerable<string> FirstTracebackFrames(string stderr)
    {
        var lines = stderr.Split('\n');
        int header = Enumerable.Range(0, lines.Length).First(i =>
            (lines[i] == "Traceback (most recent call last):" || lines[i].EndsWith("+ Exception Group Traceback (most recent call last):", StringComparison.Ordinal)) &&
            (i == 0 || !lines[i - 1].StartsWith("future:", StringComparison.Ordinal)));
        return lines.Skip(header + 1)
            .TakeWhile(l => FrameLine().IsMatch(l) || SourceLine().IsMatch(l))
            .Select(l => FrameLine().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups["name"].Value);
    }

    /// <summary>stderr without frame lines, their source lines and 3.11's ^^^ markers; CPython's function names in reprs as the port's.</summary>
    private static string WithoutFrames(string stderr)
    {
        var kept = new List<string>();
        bool afterFrame = false;
        foreach (var line in stderr.Replace("\r\n", "\n").Split('\n'))
        {
            if (FrameLine().IsMatch(line)) { afterFrame = true; continue; }
            if (afterFrame && (SourceLine().IsMatch(line) || Carets().IsMatch(line))) continue;
            afterFrame = false;
            kept.Add(Coro().Replace(line, m => $"coro=<{char.ToUpperInvariant(m.Groups[1].Value[0])}{m.Groups[1].Value[1..]}() done>"));
        }
        return string.Join('\n', kept);
    }

    [GeneratedRegex(@"^[ |]*File "".*"", line \d+, in (?<name>.+)$")]
    private static partial Regex FrameLine();

    // A frame's source line: four spaces after the group margin ("  | "), code that does not start a margin.
    [GeneratedRegex(@"^(?:\s*\| )?    [^\s|+]")]
    private static partial Regex SourceLine();

    [GeneratedRegex(@"^[ |]*[\^~]+\s*$")]
    private static partial Regex Carets();

    [GeneratedRegex(@"coro=<(\w+)\(\) done, defined at [^>]+>")]
    private static partial Regex Coro();

    private static (int ExitCode, string Stdout, string Stderr) Start(string program, string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(ProbeProcesses.StartInfo(program, arguments))!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit(30_000).ShouldBeTrue($"{program} did not end");
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
