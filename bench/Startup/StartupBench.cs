using System.Diagnostics;
using PyAsync.Bench.Harness;
using PyAsync.Bench.Workloads;
using Spectre.Console;

namespace PyAsync.Bench.Startup;

/// <summary>How to start one variant of hello-world.</summary>
/// <param name="Variant">Its name in the table.</param>
/// <param name="FileName">The executable.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="Display">The command as the table shows it, relative to the repository.</param>
/// <param name="IsReference">CPython, which the ratios are taken against.</param>
/// <param name="PublishDirectory">Where it was published, for its size; null for CPython.</param>
public sealed record Launch(string Variant, string FileName, IReadOnlyList<string> Arguments, string Display, bool IsReference = false, string? PublishDirectory = null)
{
    /// <summary>Environment variables set for it only.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// Issue 12's start-up figures: the time from process start to the first line of a hello-world
/// asyncio program (bench/Startup/hello.py) and to its exit, in CPython and in its PyAsync port
/// published as JIT, ReadyToRun and NativeAOT, next to plain .NET's floor.
/// </summary>
/// <remarks><c>dotnet run -c Release --project bench -- startup [--runs N] [--markdown FILE] [--republish] [--no-aot]</c></remarks>
public static class StartupBench
{
    /// <summary>What hello.py prints, should python3 be missing to say it.</summary>
    public static readonly IReadOnlyList<string> HelloLines = ["Hello ...", "... World!"];

    /// <summary>Runs the subcommand; returns the exit code (0, or 1 for a wrong output).</summary>
    public static int Measure(StartupOptions options)
    {
        var console = AnsiConsole.Console;
        console.Profile.Width = Math.Max(console.Profile.Width, 200);
        string repository = Repository();
        var skipped = new List<SkippedVariant>();
        var launches = new List<Launch>();
        var notes = new List<string>();

        var python = FindPython();
        string script = Path.Combine(repository, "bench", "Startup", "hello.py");
        if (python is { } p)
        {
            var unbuffered = new Dictionary<string, string> { ["PYTHONUNBUFFERED"] = "1" };
            launches.Add(new Launch($"CPython {p.Version}", p.Executable, [script], "python3 hello.py", IsReference: true) { Environment = unbuffered });
            if (p.OnPath is { } shim)
                launches.Add(new Launch("python3 via PATH", shim, [script], $"{shim} hello.py") { Environment = unbuffered });
            notes.Add($"CPython is {p.Executable} (python3's sys.executable) on bench/Startup/hello.py, run with PYTHONUNBUFFERED=1: on a pipe its stdout is " +
                      "block-buffered and the first line would come out only at exit; on a terminal it is line-buffered, as here.");
            if (p.OnPath is not null)
                notes.Add($"python3 on the PATH is {p.OnPath}, not the interpreter itself (a pyenv shim): its row shows what the shim adds.");
        }
        else skipped.Add(new SkippedVariant("CPython", $"{CPythonWorkloads.Interpreter} cannot be started: install CPython 3.11 (python3) or set PYASYNC_PYTHON; no ratios without it"));

        var targets = new List<(string App, PublishMode Mode)> { ("Hello", PublishMode.Jit), ("Hello", PublishMode.ReadyToRun) };
        if (options.Aot) targets.Add(("Hello", PublishMode.NativeAot));
        targets.Add(("Plain", PublishMode.Jit));
        if (options.Aot) targets.Add(("Plain", PublishMode.NativeAot));
        else skipped.Add(new SkippedVariant("the NativeAOT variants", "--no-aot; run without it to publish and time them"));
        foreach (var (app, mode) in targets)
        {
            string name = $"{(app == "Hello" ? "PyAsync" : "plain .NET")} {Title(mode)}";
            var published = Publisher.Ensure(repository, app, mode, options.Republish, line => console.WriteLine(line));
            if (published.Directory is not { } directory)
            {
                skipped.Add(new SkippedVariant(name, published.Failure!));
                continue;
            }
            if (published.Warnings.Count > 0)
                notes.Add($"{name}: the publish reported trim/AOT warnings ({string.Join(", ", published.Warnings.Select(w => $"{w.Key} x{w.Value}"))}); PyAsync is marked IsAotCompatible, so this is new: look at them.");
            // Shown relative to bench/obj/startup, which a note names, to keep the table narrow.
            string relative = Path.GetRelativePath(Publisher.Root(repository), directory);
            launches.Add(new Launch(mode == PublishMode.Jit ? $"{name} (apphost)" : name, Path.Combine(directory, app), [], Path.Combine(relative, app), PublishDirectory: directory));
            if (mode == PublishMode.NativeAot)
                launches.Add(new Launch($"{name}, invariant globalization", Path.Combine(directory, app), [],
                                        $"INVARIANT=1 {Path.Combine(relative, app)}", PublishDirectory: directory)
                {
                    Environment = new Dictionary<string, string> { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" },
                });
            if (mode == PublishMode.Jit && app == "Hello")
                launches.Add(new Launch("PyAsync JIT, dotnet Hello.dll", Publisher.DotnetHost, [Path.Combine(directory, "Hello.dll")],
                                        $"dotnet {Path.Combine(relative, "Hello.dll")}", PublishDirectory: directory));
        }

        // One unmeasured run each, so every variant starts from a warm page cache; CPython's output is the oracle.
        IReadOnlyList<string> expected = HelloLines;
        foreach (var launch in launches)
        {
            var (_, lines, _) = RunOnce(launch, expected);
            if (launch.IsReference) expected = lines;
        }
        var runs = launches.ToDictionary(l => l, _ => new List<StartupRun>());
        var wrong = new Dictionary<Launch, string>();
        for (int i = 0; i < options.Runs; i++)
            foreach (var launch in launches)
            {
                var (run, lines, errors) = RunOnce(launch, expected);
                runs[launch].Add(run);
                if (!run.RightOutput) wrong.TryAdd(launch, $"stdout: {string.Join(" / ", lines)}; stderr: {errors}");
            }

        var rows = launches.Select(l => new StartupRow(l.Variant, l.Display, l.IsReference, runs[l],
                                                       l.PublishDirectory is { } d ? Publisher.Size(d) : null)).ToList();
        console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        StartupReport.Write(console, rows, skipped, options.Runs);
        if (options.Aot)
            notes.Add("The invariant-globalization rows run the same NativeAOT executables without ICU, as <InvariantGlobalization>true</InvariantGlobalization> " +
                      "(which `dotnet new console --aot` sets) would: ICU is loaded at the first culture-aware call, which Console makes.");
        notes.Add($"The published apps are under {Path.GetRelativePath(repository, Publisher.Root(repository))}; INVARIANT=1 stands for DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1.");
        notes.Add("Publish sizes leave out symbols (.pdb, .dbg) and XML docs; the JIT and ReadyToRun variants also need the shared .NET runtime.");
        foreach (var note in notes) console.WriteLine(note);
        foreach (var (launch, what) in wrong) console.WriteLine($"WRONG OUTPUT from {launch.Variant}: {what}");
        if (options.Markdown is { } markdown)
        {
            File.WriteAllText(markdown, StartupReport.Markdown(rows, skipped, options.Runs) + "\n" + string.Concat(notes.Select(n => $"- {n}\n")));
            console.WriteLine($"Markdown table written to {markdown}");
        }
        return wrong.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// Runs <paramref name="launch"/> once: the time from just before <c>Process.Start</c> to the first
    /// line on its stdout and to its exit, and whether it printed <paramref name="expected"/>.
    /// </summary>
    public static (StartupRun Run, IReadOnlyList<string> Lines, string Errors) RunOnce(Launch launch, IReadOnlyList<string> expected)
    {
        var start = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in launch.Arguments) start.ArgumentList.Add(a);
        foreach (var (name, value) in launch.Environment) start.Environment[name] = value;
        var lines = new List<string>();
        var errors = new System.Text.StringBuilder();
        TimeSpan? firstLine = null;
        var watch = new Stopwatch();
        using var process = new System.Diagnostics.Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (lines)
            {
                firstLine ??= watch.Elapsed;
                lines.Add(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (errors) errors.AppendLine(e.Data);
        };
        watch.Start();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            errors.AppendLine("(killed after 60 s)");
        }
        process.WaitForExit();
        var exit = watch.Elapsed;
        lock (lines)
        {
            bool right = process.ExitCode == 0 && lines.SequenceEqual(expected);
            return (new StartupRun(firstLine, exit, right), lines.ToArray(), errors.ToString().Trim());
        }
    }

    private static string Title(PublishMode mode) => mode switch
    {
        PublishMode.Jit => "JIT",
        PublishMode.ReadyToRun => "ReadyToRun",
        _ => "NativeAOT",
    };

    /// <summary>The interpreter itself (not a shim), its version, and the python3 on the PATH if that is another file.</summary>
    private static (string Executable, string Version, string? OnPath)? FindPython()
    {
        try
        {
            var start = new ProcessStartInfo(CPythonWorkloads.Interpreter) { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[] { "-c", "import sys; print(sys.executable); print(sys.version.split()[0])" }) start.ArgumentList.Add(a);
            using var process = System.Diagnostics.Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            process.WaitForExit();
            if (process.ExitCode != 0 || output.Length < 2 || !File.Exists(output[0])) return null;
            string? onPath = FindOnPath(CPythonWorkloads.Interpreter);
            bool same = onPath is null || Resolve(onPath) == Resolve(output[0]);
            return (output[0], output[1], same ? null : onPath);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string? FindOnPath(string command) =>
        Path.IsPathRooted(command) ? command
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, command)).FirstOrDefault(File.Exists);

    private static string Resolve(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);

    /// <summary>The repository: the first directory above the bench's binaries that holds PyAsync.sln.</summary>
    public static string Repository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "PyAsync.sln"))) return directory.FullName;
        throw new InvalidOperationException($"PyAsync.sln not found above {AppContext.BaseDirectory}");
    }
}
