using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>Lazy coroutines, inline await, reuse and never-awaited reports (CPython: test_pep492.py, test_tasks.py).</summary>
public class CoroutineTests
{
    [Fact]
    public void Calling_a_coroutine_runs_none_of_its_body()
    {
        int runs = 0;
        async Coroutine<int> Body()
        {
            runs++;
            return 1;
        }

        PyRun.Main(async () =>
        {
            var coro = Body();
            await Sleep(0);
            runs.ShouldBe(0);
            (await coro).ShouldBe(1);
            runs.ShouldBe(1);
        });
    }

    [Fact]
    public void Await_runs_the_coroutine_inline_in_the_same_task_and_loop_step()
    {
        // CPython: `await coro` is `yield from`: no trip through the ready queue.
        var events = new List<string>();
        IPyTask? innerTask = null;
        async Coroutine<int> Inner()
        {
            events.Add("inner");
            innerTask = CurrentTask();
            return 5;
        }

        PyRun.Main(async () =>
        {
            GetRunningLoop().CallSoon(() => events.Add("call_soon"));
            int value = await Inner();
            events.Add($"after inner {value}");
            innerTask.ShouldBeSameAs(CurrentTask());
            await Sleep(0);
            events.Add("after sleep");
        });

        events.ShouldBe(["inner", "after inner 5", "call_soon", "after sleep"]);
    }

    [Fact]
    public void CreateTask_runs_the_first_step_on_a_later_iteration()
    {
        // test_tasks.py: test_create_task ... the task's first step is scheduled with call_soon.
        var events = new List<string>();
        async Coroutine Body() => events.Add("task body");

        PyRun.Main(async () =>
        {
            GetRunningLoop().CallSoon(() => events.Add("scheduled before"));
            var task = CreateTask(Body());
            events.Add("created");
            task.Done().ShouldBeFalse();
            await Sleep(0);
            events.Add("main resumed");
            task.Done().ShouldBeTrue();
        });

        events.ShouldBe(["created", "scheduled before", "task body", "main resumed"]);
    }

    [Fact]
    public void Awaiting_a_coroutine_twice_raises_RuntimeError()
    {
        // test_pep492.py: test_double_await ("cannot reuse already awaited coroutine").
        async Coroutine<int> F()
        {
            await Sleep(0);
            return 1;
        }

        PyRun.Main(async () =>
        {
            var coro = F();
            (await coro).ShouldBe(1);
            var error = await Catch<RuntimeError>(async () => await coro);
            error.Message.ShouldBe("cannot reuse already awaited coroutine");
        });
    }

    [Fact]
    public void Scheduling_a_coroutine_twice_fails_the_second_task_with_RuntimeError()
    {
        async Coroutine<int> F()
        {
            await Sleep(0.1);
            return 1;
        }

        PyRun.Main(async () =>
        {
            var coro = F();
            var first = CreateTask(coro);
            var second = CreateTask(coro);
            await Sleep(0.2);
            first.Result().ShouldBe(1);
            second.Exception().ShouldBeOfType<RuntimeError>().Message.ShouldBe("cannot reuse already awaited coroutine");
        });
    }

    [Fact]
    public void A_coroutine_awaited_before_its_task_starts_fails_that_task()
    {
        async Coroutine<int> F() => 7;

        PyRun.Main(async () =>
        {
            var coro = F();
            var task = CreateTask(coro);
            (await coro).ShouldBe(7);
            await Sleep(0);
            task.Exception().ShouldBeOfType<RuntimeError>();
        });
    }

    [Fact]
    public void A_coroutine_never_awaited_is_reported_when_the_loop_closes()
    {
        async Coroutine<int> Nested() => 42;

        var output = PyRun.Main(async () =>
        {
#pragma warning disable CS4014
            Nested();
#pragma warning restore CS4014
            Print(await Nested());
        });

        output.Stdout.ShouldBe("42\n");
        output.Stderr.ShouldBe("RuntimeWarning: coroutine 'A_coroutine_never_awaited_is_reported_when_the_loop_closes.<locals>.Nested' was never awaited\n");
    }

    [Fact]
    public void Among_more_coroutines_than_a_short_counts_only_those_never_awaited_are_reported()
    {
        // The loop lists new coroutines by slot in a short; past 32,766 unconsumed at once the slot
        // is unknown and consuming does not unlist them: the loop must still skip the consumed ones.
        async Coroutine<int> F() => 1;

        var output = PyRun.Main(async () =>
        {
            var coros = new List<Coroutine<int>>();
            for (int i = 0; i < 40_000; i++) coros.Add(F());
            int sum = 0;
            for (int i = 0; i < coros.Count; i++)
                if (i != 5 && i != 35_000) sum += await coros[i];
            await Sleep(0);
            Print(sum);
            GC.KeepAlive(coros);
        });

        output.Stdout.ShouldBe("39998\n");
        output.Stderr.ShouldBe(string.Concat(Enumerable.Repeat(
            "RuntimeWarning: coroutine 'Among_more_coroutines_than_a_short_counts_only_those_never_awaited_are_reported.<locals>.F' was never awaited\n", 2)));
    }

    [Fact]
    public void A_coroutine_kept_and_awaited_later_is_not_reported()
    {
        async Coroutine<int> F() => 1;

        var output = PyRun.Main(async () =>
        {
            var coros = new List<Coroutine<int>> { F(), F(), F() };
            await Sleep(1);
            int sum = 0;
            foreach (var c in coros) sum += await c;
            Print(sum);
        });

        output.Stdout.ShouldBe("3\n");
        output.Stderr.ShouldBe("");
    }

    [Fact]
    public void A_closed_coroutine_is_not_reported()
    {
        async Coroutine F() => await Sleep(0);

        var output = PyRun.Main(async () =>
        {
            var coro = F();
            coro.Close();
            await Sleep(0);
            Should.Throw<RuntimeError>(() => coro.GetAwaiter());
        });

        output.Stderr.ShouldBe("");
    }

    [Fact]
    public void A_coroutine_created_outside_any_loop_and_never_awaited_is_reported_when_the_program_ends()
    {
        // CPython reports it at interpreter exit ("sys:1: RuntimeWarning: ..."); PyAsync when the
        // program's ProgramContext ends (or the process exits), exactly once.
        var output = PyRun.Program(() =>
        {
            CreateAndDrop();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var kept = Orphan();
            Print(Type(kept));
        });
        output.Stdout.ShouldBe("<class 'coroutine'>\n");
        output.Stderr.ShouldBe("RuntimeWarning: coroutine 'Orphan' was never awaited\nRuntimeWarning: coroutine 'Orphan' was never awaited\n");

        static void CreateAndDrop() => _ = Orphan();
    }

    [Fact]
    public void A_coroutine_created_outside_any_loop_and_run_later_is_not_reported()
    {
        var output = PyRun.Program(() =>
        {
            var main = Orphan();
            Run(main);
        });
        output.Stderr.ShouldBe("");
    }

    [Fact]
    public void A_coroutine_collected_unawaited_inside_a_loop_is_reported_when_collected()
    {
        var output = PyRun.Main(async () =>
        {
            DropOne();
            await Sleep(0);
            await Sleep(0);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Print("after collection");
        });
        output.Stderr.ShouldBe("RuntimeWarning: coroutine 'Orphan' was never awaited\n");

        static void DropOne() => _ = Orphan();
    }

    internal static async Coroutine Orphan() => await Sleep(1);

    [Fact]
    public void An_exception_from_nested_coroutines_keeps_its_original_stack_trace()
    {
        Exception? caught = null;
        PyRun.Main(async () =>
        {
            try
            {
                await Outer();
            }
            catch (ValueError e)
            {
                caught = e;
            }
        });

        caught.ShouldNotBeNull();
        caught.Message.ShouldBe("deep");
        caught.StackTrace.ShouldNotBeNull();
        caught.StackTrace.ShouldContain(nameof(Innermost));
        caught.StackTrace.ShouldContain(nameof(Middle));
        caught.StackTrace.ShouldContain(nameof(Outer));
    }

    private static async Coroutine Outer() => await Middle();

    private static async Coroutine Middle()
    {
        await Sleep(0);
        await Innermost();
    }

    private static async Coroutine Innermost()
    {
        await Sleep(0.5);
        throw new ValueError("deep");
    }

    [Fact]
    public void Deep_chains_of_inline_awaits_resume_through_every_level()
    {
        async Coroutine<int> Depth(int n)
        {
            if (n == 0)
            {
                await Sleep(0.1);
                return 0;
            }
            return 1 + await Depth(n - 1);
        }

        var (result, _) = PyRun.Main(() => Depth(500));
        result.ShouldBe(500);
    }

    [Fact]
    public void A_coroutine_prints_and_types_like_CPython()
    {
        async Coroutine F() => await Sleep(0);

        PyRun.Main(async () =>
        {
            var coro = F();
            Str(coro).ShouldMatch(@"^<coroutine object A_coroutine_prints_and_types_like_CPython\.<locals>\.F at 0x[0-9a-f]+>$");
            Str(Type(coro)).ShouldBe("<class 'coroutine'>");
            await coro;
        });
    }

    [Fact]
    public void Plain_TPL_code_on_the_loop_can_await_a_coroutine()
    {
        async Coroutine<int> F()
        {
            await Sleep(1);
            return 3;
        }

        async Task<int> Tpl() => await F() * 2;

        var (result, _) = PyRun.Main(async () => await Tpl());
        result.ShouldBe(6);
    }

    internal static async Coroutine<T> Catch<T>(Func<Coroutine> body) where T : Exception
    {
        try
        {
            await body();
        }
        catch (T e)
        {
            return e;
        }
        throw new ShouldAssertException($"{typeof(T).Name} was not raised");
    }
}
