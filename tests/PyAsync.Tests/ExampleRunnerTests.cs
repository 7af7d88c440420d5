using PyAsync.Examples;

namespace PyAsync.Tests;

/// <summary>The examples runner's commands, run in-process on a plain-text console.</summary>
public class ExampleRunnerTests
{
    private static (int ExitCode, string Text) RunRunner(params string[] args)
    {
        var output = new StringWriter();
        var console = ExampleRunner.CreateConsole(output, redirected: true);
        int code = new ExampleRunner(console).Run(args);
        return (code, output.ToString());
    }

    [Fact]
    public void Without_arguments_it_lists_the_examples_by_group()
    {
        var (code, text) = RunRunner();
        code.ShouldBe(0);
        foreach (var group in Catalog.Groups) text.ShouldContain(group.Heading);
        text.ShouldContain("100 · Synchronization, queues, threads and context");
        foreach (var example in Catalog.All) text.ShouldContain(example.Name);
        text.ShouldNotContain("\u001b[");
    }

    [Fact]
    public void Run_shows_both_sources_the_output_the_verdict_and_a_summary()
    {
        var (code, text) = RunRunner("run", "say_after");
        code.ShouldBe(0);
        text.ShouldContain("Python: doc004/say_after.py");
        text.ShouldContain("C#: doc004/SayAfterExample.cs");
        text.ShouldContain("await say_after(1, 'hello')");
        text.ShouldContain("await SayAfter(1, \"hello\");");
        text.ShouldContain("finished at 12:00:03");
        text.ShouldContain("✔ matches CPython's output (3.0 s virtual time)");
        text.ShouldContain("Summary");
        text.ShouldContain("The example prints what CPython prints.");
        text.ShouldNotContain("\u001b[");
    }

    [Fact]
    public void A_document_can_be_run_alone()
    {
        var (code, text) = RunRunner("doc", "004");
        code.ShouldBe(0);
        text.ShouldContain($"All {Catalog.All.Count(e => e.Group.Id == "004")} examples print what CPython prints.");
    }

    [Fact]
    public void An_example_whose_output_came_from_another_CPython_says_which()
    {
        var (_, text) = RunRunner("run", "queue_shutdown");
        text.ShouldContain("Python 3.13: doc100/queue_shutdown.py");
        text.ShouldContain("C#: doc100/QueueShutdownExample.cs");
    }

    [Fact]
    public void Bad_arguments_are_a_usage_error()
    {
        RunRunner("run", "no_such_example").ExitCode.ShouldBe(2);
        RunRunner("doc", "999").ExitCode.ShouldBe(2);
        RunRunner("frobnicate").ExitCode.ShouldBe(2);
    }
}
