using System.Text.Json;
using System.Xml.Linq;
using PyAsync.Tests.Support;

namespace PyAsync.Tests;

/// <summary>
/// What the package sets in the app that references it (src/PyAsync/build/PyAsync.props, README "What
/// the package sets in your project"): background GC off and a 2 MB large-object threshold, unless the
/// app says otherwise.
/// </summary>
public class PackageDefaultsTests
{
    private static string Props => Path.Combine(Repository.Root, "src", "PyAsync", "build", "PyAsync.props");

    [Fact]
    public void The_props_turn_background_GC_off_only_where_the_app_has_not_chosen()
    {
        var property = XDocument.Load(Props).Descendants("ConcurrentGarbageCollection").Single();
        property.Value.ShouldBe("false");
        // Imported before the app's own project file, so a value the app sets itself comes later and wins;
        // the condition keeps one set earlier (Directory.Build.props) too.
        property.Attribute("Condition")!.Value.ShouldBe("'$(ConcurrentGarbageCollection)' == ''");
    }

    [Fact]
    public void The_props_raise_the_large_object_threshold_unless_the_app_sets_it_to_zero()
    {
        var document = XDocument.Load(Props);
        var property = document.Descendants("PyAsyncLOHThreshold").Single();
        property.Value.ShouldBe("2097152");
        property.Attribute("Condition")!.Value.ShouldBe("'$(PyAsyncLOHThreshold)' == ''");
        var option = document.Descendants("RuntimeHostConfigurationOption").Single();
        option.Attribute("Include")!.Value.ShouldBe("System.GC.LOHThreshold");
        option.Attribute("Value")!.Value.ShouldBe("$(PyAsyncLOHThreshold)");
        // Items are evaluated after all properties: the app's own value, 0 included, decides.
        option.Parent!.Attribute("Condition")!.Value.ShouldBe("'$(PyAsyncLOHThreshold)' != '0'");
    }

    [Fact]
    public void The_package_carries_the_props_for_direct_and_transitive_references()
    {
        var project = XDocument.Load(Path.Combine(Repository.Root, "src", "PyAsync", "PyAsync.csproj"));
        var packed = project.Descendants("None").Single(n => n.Attribute("Include")?.Value == "build/PyAsync.props");
        packed.Attribute("Pack")!.Value.ShouldBe("true");
        packed.Attribute("PackagePath")!.Value.Split(';', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["build/", "buildTransitive/"]);
    }

    [Theory]
    [InlineData("PyAsync.Bench")]
    [InlineData("Examples")]
    public void The_bench_and_the_examples_run_as_a_ported_app_would(string app)
    {
        // They reference the project, not the package, and import the props themselves.
        string config = Path.Combine(AppContext.BaseDirectory, app + ".runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(config));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        properties.GetProperty("System.GC.Concurrent").GetBoolean().ShouldBeFalse();
        properties.GetProperty("System.GC.LOHThreshold").GetInt64().ShouldBe(2 * 1024 * 1024);
    }
}
