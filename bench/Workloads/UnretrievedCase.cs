using System.Diagnostics;
using System.Globalization;
using static PyAsync.Asyncio;

namespace PyAsync.Bench.Workloads;

/// <summary>
/// Issue 9's case for "Task exception was never retrieved": n tasks fail one per loop iteration
/// with 2 million live objects on the heap, their failures retrieved at once (a done callback calls
/// Exception()), only after all have failed (each task awaited), or later with a line printed in
/// every iteration (an observable moment per iteration). Each mode runs in a process of its own.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project bench -- unretrieved [n]</c> (n defaults to 1,000).
/// </remarks>
public static class UnretrievedCase
{
    private static readonly string[] s_modes = ["once", "later", "print"];

    /// <summary>Runs the three modes with <paramref name="n"/> failures each, each in a child process; returns the first failing exit code, or 0.</summary>
    public static int Measure(int n)
    {
        foreach (var mode in s_modes)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(UnretrievedCase).Assembly.Location);
            foreach (var a in new[] { "unretrieved", "child", mode, n.ToString(CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
            using var process = System.Diagnostics.Process.Start(start)!;
            Console.Write(process.StandardOutput.ReadToEnd());
            process.WaitForExit();
            if (process.ExitCode != 0) return process.ExitCode;
        }
        return 0;
    }

    /// <summary>
    /// The child process's entry (<c>unretrieved child MODE N</c>, the bench's own protocol between its
    /// processes, not a command for people).
    /// </summary>
    public static int ChildMain(IReadOnlyList<string> args) => Child(args[2], int.Parse(args[3], CultureInfo.InvariantCulture));

    private static int Child(string mode, int n)
    {
        var ballast = new object[2_000_000];
        for (int i = 0; i < ballast.Length; i++) ballast[i] = new object();
        var sink = new StringWriter();
        int gen2 = GC.CollectionCount(2);
        var watch = Stopwatch.StartNew();
        long caught;
        using (ProgramContext.Enter(stdout: sink, stderr: sink))
            caught = Run(Failures(mode, n));
        watch.Stop();
        GC.KeepAlive(ballast);
        int reports = sink.ToString().Split('\n').Count(l => l.Contains("never retrieved", StringComparison.Ordinal));
        Console.WriteLine($"{mode,-6} n={n}: {watch.Elapsed.TotalSeconds:F3} s, {GC.CollectionCount(2) - gen2} gen-2 collections, " +
                          $"{caught} failures caught, {reports} reported as never retrieved");
        return caught == n && reports == 0 ? 0 : 1;
    }

    private static async Coroutine<int> FailAfter(int steps)
    {
        for (int i = 0; i < steps; i++) await Sleep(0);
        throw new ValueError("boom");
    }

    private static async Coroutine<long> Failures(string mode, int n)
    {
        var tasks = new PyTask<int>[n];
        for (int i = 0; i < n; i++)
        {
            tasks[i] = CreateTask(FailAfter(i));
            if (mode == "once") tasks[i].AddDoneCallback(static t => t.Exception());
        }
        for (int i = 0; i < n + 2; i++)
        {
            await Sleep(0);
            if (mode == "print") Print(i);
        }
        long caught = 0;
        foreach (var task in tasks)
        {
            try { await task; }
            catch (ValueError) { caught++; }
        }
        return caught;
    }
}
