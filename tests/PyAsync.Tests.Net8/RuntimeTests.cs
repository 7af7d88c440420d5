using System.Reflection;
using System.Runtime.Versioning;

namespace PyAsync.Tests;

/// <summary>This project runs PyAsync.Tests' library tests on .NET 8: it must really be .NET 8.</summary>
public class RuntimeTests
{
    [Fact]
    public void The_tests_run_on_the_NET_8_runtime_against_the_library_built_for_net8()
    {
        Environment.Version.Major.ShouldBe(8);
        typeof(Asyncio).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName.ShouldBe(".NETCoreApp,Version=v8.0");
    }

    [Fact]
    public void The_facade_prefers_the_coroutine_overload_on_net8_too()
    {
        // OverloadResolutionPriorityAttribute is .NET 9's; on net8.0 the library declares it internally.
        var run = typeof(Asyncio).GetMethods().Single(m => m.Name == "Run" && m.GetParameters()[0].ParameterType == typeof(Func<Coroutine>));
        var attribute = run.GetCustomAttributes().Single(a => a.GetType().Name == "OverloadResolutionPriorityAttribute");
        attribute.GetType().Assembly.ShouldBe(typeof(Asyncio).Assembly);
    }
}
