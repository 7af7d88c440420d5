using PyAsync.Examples;
using PyAsync.Tests.Support;

namespace PyAsync.Tests;

/// <summary>
/// The runner's <c>port</c> command on a porter's own pair, outside examples/: the Python under CPython on
/// the virtual clock, the C# compiled in memory and run with PyAsync, side by side, compared.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PortCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pyasync-port-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Python = """
        import asyncio

        async def say_after(delay, what):
            await asyncio.sleep(delay)
            print(what)

        async def main():
            await asyncio.gather(say_after(2, 'world'), say_after(1, 'hello'))
            raise ValueError("the end")

        asyncio.run(main())
        """;

    private const string CSharp = """
        using PyAsync;
        using static PyAsync.Asyncio;

        static async Coroutine SayAfter(double delay, string what)
        {
            await Sleep(delay);
            Print(what);
        }

        static async Coroutine Main()
        {
            await Gather(SayAfter(2, "world"), SayAfter(1, "hello"));
            throw new ValueError("the end");
        }

        Run(Main());
        """;

    private (int ExitCode, string Text) Port(string python, string csharp, params string[] options)
    {
        string py = Path.Combine(_folder, "program.py");
        string cs = Path.Combine(_folder, "Program.cs");
        File.WriteAllText(py, python);
        File.WriteAllText(cs, csharp);
        var output = new StringWriter();
        int code = new ExampleRunner(ExampleRunner.CreateConsole(output, redirected: true)).Run(["port", py, cs, .. options]);
        return (code, output.ToString());
    }

    /// <summary>A faithful port matches: same stdout, same traceback's last line, same exit status 1, on the virtual clock (2 s).</summary>
    [PythonFact]
    public void A_faithful_pair_matches_with_its_traceback_and_exit_status()
    {
        var (code, text) = Port(Python, CSharp);
        code.ShouldBe(0, text);
        text.ShouldContain("✔ matches CPython's output (2.0 s virtual time)");
        text.ShouldContain("ValueError: the end");
        text.ShouldContain("exit status 1");
        text.ShouldContain("in <module>\n    Run(Main());");
        text.ShouldNotContain("PortCompiler");
    }

    /// <summary>A port that prints something else is shown with a diff, exit code 1.</summary>
    [PythonFact]
    public void A_differing_pair_shows_the_diff_and_exits_1()
    {
        var (code, text) = Port(Python, CSharp.Replace("\"hello\"", "\"hallo\""));
        code.ShouldBe(1);
        text.ShouldContain("✘ differs from CPython's output");
        text.ShouldContain("- hello");
        text.ShouldContain("+ hallo");
    }

    /// <summary>A port that ends with another status than CPython's differs, even with the same output.</summary>
    [PythonFact]
    public void A_different_exit_status_is_a_difference()
    {
        var (code, text) = Port(Python.Replace("    raise ValueError(\"the end\")\n", ""), CSharp);
        code.ShouldBe(1);
        text.ShouldContain("exit status: CPython 0, PyAsync 1");
    }

    /// <summary>A C# file that does not compile: the compiler's errors with their lines, exit code 1 (CPython is not run).</summary>
    [Fact]
    public void A_port_that_does_not_compile_shows_the_errors()
    {
        var (code, text) = Port(Python, CSharp.Replace("await Sleep(delay);", "await Sleep(delay)"));
        code.ShouldBe(1);
        text.ShouldContain("does not compile");
        text.ShouldContain("error CS1002");
    }

    /// <summary>A missing file is a usage error, exit code 2, before anything runs.</summary>
    [Fact]
    public void A_missing_file_is_a_usage_error()
    {
        var output = new StringWriter();
        int code = new ExampleRunner(ExampleRunner.CreateConsole(output, redirected: true)).Run(["port", Path.Combine(_folder, "nope.py"), Path.Combine(_folder, "Nope.cs")]);
        code.ShouldBe(2);
        output.ToString().ShouldContain("No file");
    }
}
