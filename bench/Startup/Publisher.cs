using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace PyAsync.Bench.Startup;

/// <summary>How a start-up variant is published.</summary>
public enum PublishMode
{
    /// <summary>Framework-dependent, portable, with an apphost: what <c>dotnet publish -c Release</c> gives.</summary>
    Jit,

    /// <summary>
    /// Framework-dependent ReadyToRun for this machine's RID: the app and PyAsync precompiled. The shared
    /// framework is ReadyToRun already, so a self-contained publish would add 70 MB for no start-up gain.
    /// </summary>
    ReadyToRun,

    /// <summary>NativeAOT: one native executable, no runtime to load and nothing to JIT.</summary>
    NativeAot,
}

/// <summary>A published app, or why it could not be published.</summary>
/// <param name="Directory">The publish directory (when published).</param>
/// <param name="Failure">Why it could not be published, and how to get it (when not).</param>
/// <param name="Warnings">The trim and AOT warning codes the publish reported (IL2026, IL3050, ...), with their counts.</param>
/// <param name="Republished">Whether it was published now (false: the earlier output was up to date).</param>
public sealed record Published(string? Directory, string? Failure, IReadOnlyDictionary<string, int> Warnings, bool Republished);

/// <summary>
/// Publishes bench/Startup's apps (Hello, the port of hello.py; Plain, the same output with no event
/// loop) into bench/obj/startup/APP-MODE/publish, each with its own artifacts directory so that the
/// modes never share intermediate files; a publish is reused while its inputs are older than it.
/// </summary>
public static class Publisher
{
    private const string StampName = ".published";

    /// <summary>The directory the apps are published under.</summary>
    public static string Root(string repository) => Path.Combine(repository, "bench", "obj", "startup");

    /// <summary>Publishes <paramref name="app"/> (Hello or Plain) in <paramref name="mode"/> unless an up-to-date publish exists.</summary>
    public static Published Ensure(string repository, string app, PublishMode mode, bool republish, Action<string> log)
    {
        string project = Path.Combine(repository, "bench", "Startup", app, app + ".csproj");
        string target = Path.Combine(Root(repository), $"{app}-{mode}");
        string output = Path.Combine(target, "publish");
        string stamp = Path.Combine(output, StampName);
        var arguments = new List<string>
        {
            "publish", project, "-c", "Release", $"-p:StartupMode={ModeProperty(mode)}",
            "--artifacts-path", Path.Combine(target, "artifacts"), "-o", output,
        };
        if (mode != PublishMode.Jit) arguments.AddRange(["-r", RuntimeInformation.RuntimeIdentifier]);
        if (mode == PublishMode.ReadyToRun) arguments.AddRange(["--self-contained", "false"]);
        string commandLine = string.Join(' ', arguments);

        if (!republish && File.Exists(stamp))
        {
            var lines = File.ReadAllLines(stamp);
            if (lines.Length > 0 && lines[0] == commandLine && Inputs(repository, app).All(f => File.GetLastWriteTimeUtc(f) < File.GetLastWriteTimeUtc(stamp)))
                return new Published(output, null, ParseWarnings(lines.Skip(1)), Republished: false);
        }

        log($"publishing {app} ({mode}): dotnet {commandLine}");
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        var (code, text) = Dotnet(arguments);
        if (code != 0 && mode == PublishMode.NativeAot)
        {
            // The ILCompiler package links with clang by default; this machine may have only gcc.
            log($"NativeAOT publish of {app} failed ({code}); trying again with -p:CppCompilerAndLinker=gcc");
            arguments.Add("-p:CppCompilerAndLinker=gcc");
            (code, text) = Dotnet(arguments);
        }
        var warnings = CountWarnings(text);
        if (code != 0)
        {
            string tail = string.Join("\n    ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().TakeLast(5));
            string how = mode switch
            {
                PublishMode.NativeAot => "NativeAOT needs a C toolchain and zlib to link (Debian: sudo apt-get install clang zlib1g-dev, " +
                                         "or gcc with -p:CppCompilerAndLinker=gcc) and the ILCompiler package from the NuGet feed; " +
                                         "see https://aka.ms/nativeaot-prerequisites",
                PublishMode.ReadyToRun => "ReadyToRun needs the Crossgen2 package for this RID from the NuGet feed",
                _ => "the .NET 10 SDK must be able to build the project",
            };
            return new Published(null, $"dotnet publish exited with {code}:\n    {tail}\n  {how}.", warnings, Republished: true);
        }
        File.WriteAllLines(stamp, [commandLine, .. warnings.Select(w => $"{w.Key} {w.Value}")]);
        return new Published(output, null, warnings, Republished: true);
    }

    /// <summary>The bytes of the files a published app runs from: symbols, XML docs and the stamp left out.</summary>
    public static long Size(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => f.Extension is not (".pdb" or ".dbg" or ".xml") && f.Name != StampName)
            .Sum(f => f.Length);

    /// <summary>The <c>dotnet</c> host: the one running the SDK (<c>DOTNET_HOST_PATH</c>), else <c>dotnet</c> on the PATH.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string ModeProperty(PublishMode mode) => mode switch
    {
        PublishMode.Jit => "jit",
        PublishMode.ReadyToRun => "r2r",
        _ => "aot",
    };

    // What a publish depends on: the app's sources and project, the shared props, and for Hello the library (with the props it gives apps).
    private static IEnumerable<string> Inputs(string repository, string app)
    {
        IEnumerable<string> Sources(string directory) =>
            Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".props", StringComparison.Ordinal))
                .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));
        var inputs = Sources(Path.Combine(repository, "bench", "Startup", app)).Append(Path.Combine(repository, "Directory.Build.props"));
        return app == "Hello" ? inputs.Concat(Sources(Path.Combine(repository, "src", "PyAsync"))) : inputs;
    }

    private static (int Code, string Output) Dotnet(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(DotnetHost) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    private static Dictionary<string, int> CountWarnings(string output)
    {
        // MSBuild prints each warning twice (as it happens and in the summary): count distinct lines.
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n').Select(l => l.Trim()).Distinct())
            if (Regex.Match(line, @"warning (IL\d{4})") is { Success: true } m)
                counts[m.Groups[1].Value] = counts.GetValueOrDefault(m.Groups[1].Value) + 1;
        return new Dictionary<string, int>(counts);
    }

    private static Dictionary<string, int> ParseWarnings(IEnumerable<string> lines) =>
        lines.Select(l => l.Split(' ')).Where(p => p.Length == 2 && int.TryParse(p[1], out _))
            .ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
}
