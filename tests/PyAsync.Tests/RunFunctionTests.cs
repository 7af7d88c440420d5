using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// <c>Run</c> given a coroutine function rather than a coroutine: <c>Run(async Coroutine () =&gt; ...)</c>,
/// <c>Run(async () =&gt; ...)</c> and <c>Run(Main)</c>. CPython's test_runners.test_asyncio_run_only_coro
/// rejects <c>asyncio.run(main)</c> with ValueError; in C# the function is unambiguous, so it runs
/// (README, differences).
/// </summary>
public class RunFunctionTests
{
    private static async Coroutine<int> Answer()
    {
        await Sleep(0);
        return 42;
    }

    private static string MainTaskCoroutine() => Str(CurrentTask()!.GetCoro());

    [Fact]
    public void An_async_Coroutine_lambda_runs_as_the_main_coroutine()
    {
        var log = new List<string>();
        Run(async Coroutine () =>
        {
            log.Add("start");
            await Sleep(0);
            log.Add("end");
        }, clock: new VirtualClock());
        log.ShouldBe(["start", "end"]);
        Run(async Coroutine<int> () => await Answer(), clock: new VirtualClock()).ShouldBe(42);
    }

    [Fact]
    public void An_async_lambda_without_a_return_type_is_a_coroutine_not_TPL_code()
    {
        string? resultless = null, withResult = null;
        Run(async () =>
        {
            await Sleep(0);
            resultless = MainTaskCoroutine();
        }, clock: new VirtualClock());
        Run(async () =>
        {
            await Sleep(0);
            withResult = MainTaskCoroutine();
            return 1;
        }, clock: new VirtualClock()).ShouldBe(1);
        // The TPL overload would have wrapped the lambda in its own coroutine, AwaitTask.
        resultless.ShouldNotBeNull().ShouldNotContain("AwaitTask");
        resultless.ShouldContain("<lambda>");
        withResult.ShouldNotBeNull().ShouldNotContain("AwaitTask");
    }

    [Fact]
    public void A_method_group_runs_and_TPL_lambdas_still_take_the_TPL_overload()
    {
        Run(Answer, clock: new VirtualClock()).ShouldBe(42);
        string? tpl = null;
        Run(async Task () =>
        {
            // Before its first await the TPL lambda runs inside the main task's step.
            tpl = MainTaskCoroutine();
            await Task.Yield();
        }, clock: new VirtualClock());
        tpl.ShouldNotBeNull().ShouldContain("AwaitTask");
    }

    [Fact]
    public void A_null_function_or_a_null_coroutine_is_an_ArgumentNullException()
    {
        Should.Throw<ArgumentNullException>(() => Run((Func<Coroutine>)null!)).ParamName.ShouldBe("main");
        Should.Throw<ArgumentNullException>(() => Run(() => (Coroutine)null!)).ParamName.ShouldBe("main");
        Should.Throw<ArgumentNullException>(() => Run(() => (Coroutine<int>)null!)).ParamName.ShouldBe("main");
    }
}
