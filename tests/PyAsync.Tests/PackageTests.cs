using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PyAsync.Tests.Support;

namespace PyAsync.Tests;

/// <summary>
/// The NuGet package as its users get it (issue 13, "The package"): its README renders on nuget.org, its
/// metadata, version, symbols and SourceLink are right, and samples/HelloPort, restored from a freshly
/// packed .nupkg in a local feed with a package cache of its own, prints what CPython prints.
/// </summary>
[Collection(nameof(PackageBuild))]
[Trait("Category", "Slow")]
public partial class PackageTests
{
    private static string Library => Path.Combine(Repository.Root, "src", "PyAsync");
    private static string PackageReadme => Path.Combine(Library, "PACKAGE.md");
    private static string Sample => Path.Combine(Repository.Root, "samples", "HelloPort");

    /// <summary>The project's home, set once, in Directory.Build.props.</summary>
    private static string ProjectUrl =>
        XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props")).Descendants("PyAsyncProjectUrl").Single().Value;

    // ---------------------------------------------------------------------------------------------
    // The package README

    [Fact]
    public void The_package_README_is_Markdown_only_with_absolute_links()
    {
        var problems = ReadmeProblems(File.ReadAllText(PackageReadme));
        problems.ShouldBeEmpty("src/PyAsync/PACKAGE.md must render on nuget.org:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void The_package_README_links_to_the_project_home()
    {
        ProjectUrl.ShouldStartWith("https://");
        var urls = s_url.Matches(File.ReadAllText(PackageReadme)).Select(m => m.Value).ToList();
        urls.ShouldContain(ProjectUrl);
        urls.Where(u => u.StartsWith("https://github.com/", StringComparison.Ordinal)).ShouldAllBe(u => u.StartsWith(ProjectUrl, StringComparison.Ordinal));
    }

    [Fact]
    public void The_README_checker_finds_HTML_and_relative_links_and_ignores_code()
    {
        const string Text = """
            # Title <br>

            <pre>x</pre>
            A <b>bold</b> word, a comment <!-- hidden -->, a closing </div> and <br/>.
            [relative](docs/a.md), [anchor](#differences), ![image](logo.png), [up](../README.md)
            [ref]: ../LICENSE

            Fine: [home](https://example.org/x), `Coroutine<int>` and `<br>` in code, https://example.org/y,
            a comparison 1 < 2 and 3 > 2.

            ```csharp
            static async Coroutine<int> F() => await Gather<List<int>>();
            // <pre> in a code block is code
            ```
            """;
        ReadmeProblems(Text).ShouldBe(
            [
                "HTML: <br>",
                "HTML: <pre>",
                "HTML: </pre>",
                "HTML: <b>",
                "HTML: </b>",
                "HTML: <!-- hidden -->",
                "HTML: </div>",
                "HTML: <br/>",
                "relative link: docs/a.md",
                "relative link: #differences",
                "relative link: logo.png",
                "relative link: ../README.md",
                "relative link: ../LICENSE",
            ],
            ignoreOrder: true);
    }

    [Fact]
    public void The_package_README_shows_the_sample_and_its_output()
    {
        var blocks = FencedBlocks(File.ReadAllText(PackageReadme));
        Normalize(blocks["python"]).ShouldBe(Normalize(File.ReadAllText(Path.Combine(Sample, "hello_port.py"))));
        // Program.cs opens with a comment that says where it comes from; the README shows the code.
        var program = string.Join('\n', File.ReadAllText(Path.Combine(Sample, "Program.cs")).Split('\n').SkipWhile(l => l.StartsWith("//", StringComparison.Ordinal)));
        Normalize(blocks["csharp"]).ShouldBe(Normalize(program));
        Normalize(blocks["text"]).ShouldBe(Normalize(File.ReadAllText(Path.Combine(Sample, "hello_port.txt"))));
    }

    [PythonFact]
    public void The_sample_expected_output_is_what_CPython_prints()
    {
        var psi = new ProcessStartInfo(Python.Executable!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(Sample, "hello_port.py"));
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        var (exit, output) = RunProcess(psi, TimeSpan.FromSeconds(60));
        exit.ShouldBe(0, output);
        output.ShouldBe(File.ReadAllText(Path.Combine(Sample, "hello_port.txt")));
    }

    // ---------------------------------------------------------------------------------------------
    // The project file

    [Fact]
    public void The_project_packs_the_package_README_the_license_and_symbols()
    {
        var project = XDocument.Load(Path.Combine(Library, "PyAsync.csproj"));
        string Property(string name) => project.Descendants(name).Single().Value;
        Property("PackageReadmeFile").ShouldBe("README.md");
        Property("PackageLicenseFile").ShouldBe("LICENSE");
        project.Descendants("PackageLicenseExpression").ShouldBeEmpty("a license expression and a license file cannot both be set");
        Property("PackageProjectUrl").ShouldBe("$(PyAsyncProjectUrl)");
        Property("RepositoryUrl").ShouldBe("$(PyAsyncProjectUrl)");
        Property("IncludeSymbols").ShouldBe("true");
        Property("SymbolPackageFormat").ShouldBe("snupkg");
        Property("TargetFrameworks").Split(';').ShouldBe(["net8.0", "net10.0"]);
        project.Descendants("Version").ShouldBeEmpty("the version comes from git (MinVer)");
        var ci = project.Descendants("ContinuousIntegrationBuild").Single();
        ci.Value.ShouldBe("true");
        ci.Parent!.Attribute("Condition")!.Value.ShouldBe("'$(CI)' == 'true'");
        var readme = project.Descendants("None").Single(n => n.Attribute("Include")?.Value == "PACKAGE.md");
        readme.Attribute("PackagePath")!.Value.ShouldBe("/README.md");
    }

    // ---------------------------------------------------------------------------------------------
    // The package itself, packed as CI packs it, and the sample that consumes it

    [Fact]
    public void The_packed_package_has_its_metadata_symbols_and_SourceLink_and_the_sample_runs_on_it_as_on_CPython()
    {
        string work = Path.Combine(Path.GetTempPath(), "pyasync-package-" + Guid.NewGuid().ToString("N")[..12]);
        // Built inside the repository (artifacts/ is ignored by git) so that CI's path map applies to it.
        string build = Path.Combine(Repository.Root, "artifacts", "test-pack-" + Path.GetFileName(work));
        string feed = Path.Combine(work, "artifacts", "packages");
        try
        {
            // Pack as CI does (CI=true: deterministic /_/ paths), into a folder of our own. When the solution's own
            // build of the library was such a build (the CI command: CI=true dotnet test), that build is packed as it
            // is; otherwise (a developer's build names this machine's folders) the library is built again for the pack.
            if (SolutionBuildIsDeterministic())
            {
                Dotnet(Repository.Root, new() { ["CI"] = "true" },
                    "pack", Path.Combine(Library, "PyAsync.csproj"), "--no-build", "-c", Configuration, "-o", feed);
            }
            else
            {
                Dotnet(Repository.Root, new() { ["CI"] = "true" },
                    "pack", Path.Combine(Library, "PyAsync.csproj"), "-c", "Release", "-o", feed, "--artifacts-path", build,
                    // The analyzers (public API, trimming, AOT, style) change nothing in the output and already ran
                    // on this source in the solution's build; here they would only double the compile time.
                    "-p:RunAnalyzers=false");
            }

            string commit = Git("rev-parse", "HEAD");
            string version = CheckPackage(feed, commit);
            CheckSymbols(feed, version, commit);

            // The sample, as a user has it: its folder and the samples' Directory.Build.props, with the feed where
            // its nuget.config expects it (../../artifacts/packages), and a package cache nothing else uses.
            string sample = Path.Combine(work, "samples", "HelloPort");
            Directory.CreateDirectory(sample);
            File.Copy(Path.Combine(Repository.Root, "samples", "Directory.Build.props"), Path.Combine(work, "samples", "Directory.Build.props"));
            foreach (var file in Directory.GetFiles(Sample)) File.Copy(file, Path.Combine(sample, Path.GetFileName(file)));
            string cache = Path.Combine(work, "nuget-packages");
            Dotnet(sample, new() { ["NUGET_PACKAGES"] = cache }, "build", "-p:PyAsyncVersion=" + version);
            Directory.Exists(Path.Combine(cache, "pyasync", version)).ShouldBeTrue("PyAsync is restored from the fresh package");

            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(Path.Combine(sample, "bin", "Debug", "net10.0", "HelloPort.dll"));
            var (exit, output) = RunProcess(psi, TimeSpan.FromSeconds(60));
            exit.ShouldBe(0, output);
            output.ShouldBe(File.ReadAllText(Path.Combine(Sample, "hello_port.txt")));

            // The package's build/PyAsync.props reached the app.
            string config = File.ReadAllText(Path.Combine(sample, "bin", "Debug", "net10.0", "HelloPort.runtimeconfig.json"));
            config.ShouldContain("\"System.GC.Concurrent\": false");
            config.ShouldContain("\"System.GC.LOHThreshold\": 2097152");
        }
        finally
        {
            TryDelete(work);
            TryDelete(build);
            // artifacts/ too, unless it holds something else (a feed of the user's own).
            string artifacts = Path.GetDirectoryName(build)!;
            if (Directory.Exists(artifacts) && !Directory.EnumerateFileSystemEntries(artifacts).Any()) TryDelete(artifacts);
        }
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>Whether the solution built the library (in the tests' configuration) as CI does: each DLL names its pdb as /_/...</summary>
    private static bool SolutionBuildIsDeterministic() =>
        new[] { "net8.0", "net10.0" }.All(tfm =>
        {
            string dll = Path.Combine(Library, "bin", Configuration, tfm, "PyAsync.dll");
            if (!File.Exists(dll)) return false;
            using var pe = new PEReader(File.OpenRead(dll));
            return pe.ReadDebugDirectory().Where(d => d.Type == DebugDirectoryEntryType.CodeView)
                .Select(d => pe.ReadCodeViewDebugDirectoryData(d).Path)
                .Any(path => path.StartsWith("/_/", StringComparison.Ordinal));
        });

    /// <summary>Checks the .nupkg and returns its version.</summary>
    private static string CheckPackage(string feed, string commit)
    {
        var nupkg = Directory.GetFiles(feed, "*.nupkg").ShouldHaveSingleItem();
        string version = Path.GetFileNameWithoutExtension(nupkg)["PyAsync.".Length..];

        // MinVer: with no v-tag, 0.1.0-alpha.0.N, N the height of the commit above the root (MinVer's count;
        // at most the number of commits).
        if (Git("tag", "--list", "v*").Length == 0)
        {
            var height = Regex.Match(version, @"^0\.1\.0-alpha\.0\.(\d+)$");
            height.Success.ShouldBeTrue($"{version} is not MinVer's version for a repository without tags");
            int.Parse(height.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
                .ShouldBeInRange(1, int.Parse(Git("rev-list", "--count", "HEAD"), System.Globalization.CultureInfo.InvariantCulture));
        }
        else
            version.ShouldMatch(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$");

        using var zip = ZipFile.OpenRead(nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        entries.ShouldContain("LICENSE");
        entries.ShouldContain("README.md");
        entries.ShouldContain("build/PyAsync.props");
        entries.ShouldContain("buildTransitive/PyAsync.props");
        foreach (var tfm in new[] { "net8.0", "net10.0" })
        {
            entries.ShouldContain($"lib/{tfm}/PyAsync.dll");
            entries.ShouldContain($"lib/{tfm}/PyAsync.xml");
            entries.ShouldNotContain($"lib/{tfm}/PyAsync.pdb", "the pdb goes to the .snupkg");
        }
        entries.ShouldNotContain(e => e.Contains("MinVer", StringComparison.OrdinalIgnoreCase));
        Read(zip, "README.md").ShouldBe(File.ReadAllText(PackageReadme));
        Read(zip, "LICENSE").ShouldBe(File.ReadAllText(Path.Combine(Repository.Root, "LICENSE")));
        Read(zip, "LICENSE").ShouldContain("Copyright (c) 2026 PyAsync developers");

        var nuspec = XDocument.Parse(Read(zip, "PyAsync.nuspec"));
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        string Meta(string name) => metadata.Element(ns + name)!.Value;
        Meta("version").ShouldBe(version);
        Meta("license").ShouldBe("LICENSE");
        metadata.Element(ns + "license")!.Attribute("type")!.Value.ShouldBe("file");
        Meta("readme").ShouldBe("README.md");
        Meta("projectUrl").ShouldBe(ProjectUrl);
        Meta("copyright").ShouldBe("Copyright (c) 2026 PyAsync developers");
        Meta("tags").Split(' ').ShouldContain("asyncio");
        var repository = metadata.Element(ns + "repository")!;
        repository.Attribute("type")!.Value.ShouldBe("git");
        repository.Attribute("url")!.Value.ShouldBe(ProjectUrl);
        repository.Attribute("commit")!.Value.ShouldBe(commit);
        // One dependency per target framework: the logging abstractions (AsyncioLog). MinVer and the
        // public-API analyzer are build-time packages only.
        metadata.Element(ns + "dependencies")!.Descendants(ns + "dependency")
            .Select(d => $"{d.Parent!.Attribute("targetFramework")?.Value} {d.Attribute("id")!.Value} {d.Attribute("version")!.Value}")
            .Order(StringComparer.Ordinal)
            .ShouldBe(["net10.0 Microsoft.Extensions.Logging.Abstractions 8.0.3", "net8.0 Microsoft.Extensions.Logging.Abstractions 8.0.3"]);

        // Deterministic paths (CI=true): the DLL names its pdb as /_/..., not a folder of this machine.
        foreach (var tfm in new[] { "net8.0", "net10.0" })
        {
            using var dll = new MemoryStream(ReadBytes(zip, $"lib/{tfm}/PyAsync.dll"));
            using var pe = new PEReader(dll);
            var codeView = pe.ReadDebugDirectory().Single(d => d.Type == DebugDirectoryEntryType.CodeView);
            string pdbPath = pe.ReadCodeViewDebugDirectoryData(codeView).Path;
            pdbPath.ShouldStartWith("/_/");
            pdbPath.ShouldEndWith("PyAsync.pdb");
        }
        return version;
    }

    /// <summary>The .snupkg holds both pdbs, and each maps the sources to the project's home at the commit built.</summary>
    private static void CheckSymbols(string feed, string version, string commit)
    {
        var snupkg = Directory.GetFiles(feed, "*.snupkg").ShouldHaveSingleItem();
        Path.GetFileName(snupkg).ShouldBe($"PyAsync.{version}.snupkg");
        using var zip = ZipFile.OpenRead(snupkg);
        string raw = ProjectUrl.Replace("https://github.com/", "https://raw.githubusercontent.com/", StringComparison.Ordinal);
        foreach (var tfm in new[] { "net8.0", "net10.0" })
        {
            using var pdb = new MemoryStream(ReadBytes(zip, $"lib/{tfm}/PyAsync.pdb"));
            using var provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
            var reader = provider.GetMetadataReader();
            var sourceLink = reader.CustomDebugInformation
                .Select(reader.GetCustomDebugInformation)
                .Single(c => reader.GetGuid(c.Kind) == s_sourceLinkKind);
            string json = System.Text.Encoding.UTF8.GetString(reader.GetBlobBytes(sourceLink.Value));
            json.ShouldContain($"\"/_/*\":\"{raw}/{commit}/*\"");
            reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name))
                .Where(n => n.EndsWith("Asyncio.cs", StringComparison.Ordinal)).ShouldHaveSingleItem().ShouldBe("/_/src/PyAsync/Asyncio/Asyncio.cs");
        }
    }

    private static readonly Guid s_sourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    // ---------------------------------------------------------------------------------------------
    // Markdown for nuget.org

    private static readonly Regex s_url = UrlPattern();
    private static readonly Regex s_fence = FencePattern();

    /// <summary>
    /// What nuget.org would not render in <paramref name="markdown"/>: any HTML tag or comment, and links that
    /// are not absolute (nuget.org shows the README outside the repository). Code (fenced blocks and inline
    /// spans) is text, so <c>Coroutine&lt;int&gt;</c> there is fine.
    /// </summary>
    private static List<string> ReadmeProblems(string markdown)
    {
        string prose = InlineCodePattern().Replace(s_fence.Replace(markdown, ""), "");
        var problems = new List<string>();
        problems.AddRange(HtmlPattern().Matches(prose).Select(m => "HTML: " + m.Value));
        foreach (Match link in LinkPattern().Matches(prose)) AddIfRelative(link.Groups["target"].Value);
        foreach (Match link in ReferencePattern().Matches(prose)) AddIfRelative(link.Groups["target"].Value);
        return problems;

        void AddIfRelative(string target)
        {
            if (!target.StartsWith("https://", StringComparison.Ordinal) && !target.StartsWith("http://", StringComparison.Ordinal))
                problems.Add("relative link: " + target);
        }
    }

    /// <summary>The fenced code blocks, by language.</summary>
    private static Dictionary<string, string> FencedBlocks(string markdown) =>
        s_fence.Matches(markdown).GroupBy(m => m.Groups["lang"].Value).ToDictionary(g => g.Key, g => g.Last().Groups["code"].Value);

    /// <summary>Line ends, trailing space and runs of blank lines (PEP 8's two between functions) do not count.</summary>
    private static string Normalize(string text) =>
        Regex.Replace(text.Replace("\r\n", "\n"), @"\n\s*\n", "\n\n").Trim();

    [GeneratedRegex(@"^```(?<lang>[a-z]*)\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencePattern();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCodePattern();

    [GeneratedRegex(@"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>", RegexOptions.Singleline)]
    private static partial Regex HtmlPattern();

    [GeneratedRegex(@"!?\[[^\]]*\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*(?<target>\S+)", RegexOptions.Multiline)]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"https?://[^\s)>\]]+")]
    private static partial Regex UrlPattern();

    // ---------------------------------------------------------------------------------------------
    // Processes

    private static readonly TimeSpan s_commandLimit = TimeSpan.FromMinutes(5);

    private static void Dotnet(string directory, Dictionary<string, string> environment, params string[] arguments)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) psi.ArgumentList.Add(argument);
        // No MSBuild node outlives the child build (nor holds its output pipes open). The C# compiler server is
        // the one the solution's build uses (Directory.Build.props turns it on; the sample's folder is outside
        // it): the sample compiles on the warm compiler instead of starting a cold one. The server keeps no pipe
        // of ours, and after.PyAsync.sln.targets stops it when the solution's tests end.
        psi.ArgumentList.Add("-nodeReuse:false");
        psi.ArgumentList.Add("-p:UseSharedCompilation=true");
        psi.ArgumentList.Add("-nologo");
        // The test host runs under `dotnet test`'s MSBuild: its variables are not the child build's.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            psi.Environment.Remove(key);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment) psi.Environment[key] = value;
        var (exit, output) = RunProcess(psi, s_commandLimit);
        exit.ShouldBe(0, $"dotnet {string.Join(' ', arguments)} failed:\n{output}");
    }

    private static string Git(params string[] arguments)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) psi.ArgumentList.Add(argument);
        var (exit, output) = RunProcess(psi, TimeSpan.FromSeconds(30));
        exit.ShouldBe(0, output);
        return output.Trim();
    }

    private static (int Exit, string Output) RunProcess(ProcessStartInfo psi, TimeSpan limit)
    {
        using var process = System.Diagnostics.Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit((int)limit.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{psi.FileName} {string.Join(' ', psi.ArgumentList)} took more than {limit}");
        }
        process.WaitForExit();
        string err = stderr.Result;
        return (process.ExitCode, stdout.Result.Replace("\r\n", "\n") + (err.Length > 0 ? err : ""));
    }

    private static string Read(ZipArchive zip, string entry)
    {
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    private static byte[] ReadBytes(ZipArchive zip, string entry)
    {
        using var stream = zip.GetEntry(entry)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; it holds nothing the next run reads.
        }
    }
}

/// <summary>
/// The package test compiles the library twice and builds an app, most of it waiting on child processes:
/// it runs next to the other collections instead of alone after them (it took 49 s of a 94 s run as the
/// last test). No test depends on wall-clock speed; the heap measurements keep their own serial collection.
/// </summary>
[CollectionDefinition(nameof(PackageBuild))]
public sealed class PackageBuild;
