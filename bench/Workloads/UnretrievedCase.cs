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

    public static int Measure(string[] args)
    {
        if (args.Length > 0 && args[0] == "child") return Child(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        int n = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var size) && size > 0 ? size : 1_000;
        foreach (var mode in s_modes)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(UnretrievedCase).Assembly.Location);
            foreach (var a in new[] { "unretrieved", "child", mode, n.ToString(CultureInfo.InvariantCulture) }) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            Console.Write(process.StandardOutput.ReadToEnd());
            process.WaitForExit();
            if (process.ExitCode != 0) return process.ExitCode;
        }
        return 0;
    }

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
