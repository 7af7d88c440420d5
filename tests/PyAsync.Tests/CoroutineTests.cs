using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// Coroutine objects: lazy start, inline await, no reuse, stack traces, repr (CPython: test_pep492.py,
/// test_coroutines.py; src/PyAsync/Coroutines, CompilerServices). <see cref="Catch{T}"/> serves every test class.
/// </summary>
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

    // Deep enough to exhaust any thread's stack (PyRun's program thread has ProgramHost.StackSize):
    // without the stack check, a stack overflow kills the test host.
    private const int TooDeep = 200_000;

    private static async Coroutine<int> Nest(int n)
    {
        if (n == 0)
        {
            await Sleep(0);
            return 0;
        }
        return 1 + await Nest(n - 1);
    }

    [Fact]
    public void Awaits_nested_too_deep_raise_a_RecursionError_the_program_catches_and_goes_on_after()
    {
        // test_exceptions.py: ExceptionTests.testInfiniteRecursion, through await: CPython raises
        // RecursionError('maximum recursion depth exceeded') from deeply nested coroutines, at the recursion limit.
        var (result, output) = PyRun.Main(async () =>
        {
            string caught = "none";
            try
            {
                await Nest(TooDeep);
            }
            catch (RecursionError e)
            {
                caught = Repr(e);
            }
            return (caught, await Nest(500));
        });

        result.ShouldBe(("RecursionError('maximum recursion depth exceeded')", 500));
        output.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public void A_RecursionError_is_a_RuntimeError_and_ends_the_task_and_Run_that_let_it_out()
    {
        // CPython: RecursionError subclasses RuntimeError; uncaught, it ends the task like any exception.
        var (result, _) = PyRun.Main(async () =>
        {
            var task = CreateTask(Nest(TooDeep));
            await Wait([task]);
            return task.Exception();
        });
        result.ShouldBeOfType<RecursionError>().ShouldBeAssignableTo<RuntimeError>();

        var error = PyRun.Raises<RecursionError>(async () => await Nest(TooDeep));
        error.Message.ShouldBe("maximum recursion depth exceeded");
    }

    [Fact]
    public void Ten_thousand_nested_awaits_suspend_and_resume_with_no_RecursionError()
    {
        // PyAsync's limit is the stack, not CPython's 1000 frames: 10,000 levels fit in ProgramHost.StackSize.
        var (result, _) = PyRun.Main(() => Nest(10_000));
        result.ShouldBe(10_000);
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

    private static async Coroutine<T> Echo<T>(T value)
    {
        await Sleep(0);
        return value;
    }

    [Fact]
    public void A_generic_coroutine_is_named_by_its_method_as_in_CPython()
    {
        // Python has no generic functions: a coroutine's __qualname__ is its function's name. The C#
        // compiler names a generic async method's state machine <Echo>d__N`1; the arity is not part of it.
        var output = PyRun.Main(async () =>
        {
            var coro = Echo(1);
            Str(coro).ShouldMatch(@"^<coroutine object Echo at 0x[0-9a-f]+>$");
            (await coro).ShouldBe(1);
            Str(CreateTask(Echo("x"))).ShouldBe("<Task pending name='Task-2' coro=<Echo()>>");
            Forget();
            await Sleep(0);
        });
        output.Stderr.ShouldBe("RuntimeWarning: coroutine 'Echo' was never awaited\n");

        static void Forget() => _ = Echo(2.5);
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
