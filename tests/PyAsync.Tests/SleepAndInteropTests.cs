using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>asyncio.sleep (CPython: test_tasks.py test_sleep*).</summary>
public class SleepTests
{
    [Fact]
    public void Sleep_completes_after_the_delay_and_returns_the_result()
    {
        // test_tasks.py: test_sleep / test_sleep_result
        var (result, _) = PyRun.Main(async () =>
        {
            await Sleep(1.5);
            GetRunningLoop().Time().ShouldBe(1.5);
            return await Sleep(2, "yeah");
        });
        result.ShouldBe("yeah");
    }

    [Fact]
    public void Sleep_0_yields_for_exactly_one_iteration()
    {
        // tasks.py __sleep0: a bare yield; the task is rescheduled with call_soon.
        var events = new List<string>();
        PyRun.Main(async () =>
        {
            async Coroutine Ping(string name)
            {
                for (int i = 1; i <= 3; i++)
                {
                    events.Add($"{name}{i}");
                    await Sleep(0);
                }
            }

            var a = CreateTask(Ping("A"));
            var b = CreateTask(Ping("B"));
            await a;
            await b;
        });
        events.ShouldBe(["A1", "B1", "A2", "B2", "A3", "B3"]);
    }

    [Fact]
    public void A_negative_delay_counts_as_zero()
    {
        var (time, _) = PyRun.Main(async () =>
        {
            await Sleep(-5);
            return GetRunningLoop().Time();
        });
        time.ShouldBe(0);
    }

    [Fact]
    public void A_NaN_delay_is_rejected_as_in_Python_3_13()
    {
        Should.Throw<ValueError>(() => Sleep(double.NaN)).Message.ShouldBe("Invalid delay: NaN (not a number)");
    }

    [Fact]
    public void Cancelling_a_sleep_cancels_its_timer()
    {
        // tasks.py sleep: `finally: h.cancel()` — the timer never fires after the cancellation.
        var fired = new List<double>();
        PyRun.Main(async () =>
        {
            var task = CreateTask(Sleep(5));
            await Sleep(1);
            task.Cancel();
            await CoroutineTests.Catch<CancelledError>(async () => await task);
            GetRunningLoop().CallLater(10, () => fired.Add(GetRunningLoop().Time()));
            await Sleep(20);
        });
        fired.ShouldBe([11]);
    }

    [Fact]
    public void A_Sleep_never_awaited_is_reported_as_coroutine_sleep()
    {
        var output = PyRun.Main(async () =>
        {
            _ = Sleep(1);
            await Sleep(0);
        });
        output.Stderr.ShouldBe("RuntimeWarning: coroutine 'sleep' was never awaited\n");
    }

    [Fact]
    public void A_Sleep_can_be_handed_to_CreateTask()
    {
        var (result, _) = PyRun.Main(async () => await CreateTask(Sleep(1, "x")));
        result.ShouldBe("x");
    }
}

/// <summary>Interop with the TPL: .NET tasks inside coroutines and PyAsync objects in TPL code.</summary>
public class InteropTests
{
    [Fact]
    public void A_faulted_dotnet_task_raises_its_exception_in_the_coroutine()
    {
        PyRun.Main(async () =>
        {
            var e = await CoroutineTests.Catch<InvalidOperationException>(async () =>
                await Task.Run(() => throw new InvalidOperationException("from the pool")));
            e.Message.ShouldBe("from the pool");
        });
    }

    [Fact]
    public void ConfigureAwait_false_inside_a_coroutine_still_resumes_on_the_loop_thread()
    {
        int loopThread = 0, resumed = -1;
        PyRun.Main(async () =>
        {
            loopThread = Environment.CurrentManagedThreadId;
            await Task.Run(() => { }).ConfigureAwait(false);
            resumed = Environment.CurrentManagedThreadId;
        });
        resumed.ShouldBe(loopThread);
    }

    [Fact]
    public void A_dotnet_task_result_comes_back_to_the_coroutine()
    {
        var (result, _) = PyRun.Main(async () => await Task.Run(() => 21) * 2);
        result.ShouldBe(42);
    }

    [Fact]
    public async Task TPL_code_on_another_thread_can_await_a_PyTask_through_AsTask()
    {
        PyTask<int>? task = null;
        Task<int>? asTask = null;
        var loopStarted = new TaskCompletionSource();
        var thread = new Thread(() => Run(async () =>
        {
            task = CreateTask(Work());
            asTask = task.AsTask();
            loopStarted.SetResult();
            return await task;
        }, clock: TimeProvider.System));
        thread.Start();
        await loopStarted.Task;
        (await asTask!).ShouldBe(7);
        thread.Join();

        static async Coroutine<int> Work()
        {
            await Sleep(0.01);
            return 7;
        }
    }

    [Fact]
    public void TPL_code_awaiting_a_future_resumes_on_the_loop_thread()
    {
        int loopThread = 0, resumed = -1;
        PyRun.Main(async () =>
        {
            loopThread = Environment.CurrentManagedThreadId;
            var future = Future<int>();
            var tpl = Helper(future);
            GetRunningLoop().CallLater(1, () => future.SetResult(3));
            (await tpl).ShouldBe(4);
        });
        resumed.ShouldBe(loopThread);

        async Task<int> Helper(Future<int> future)
        {
            int value = await future;
            resumed = Environment.CurrentManagedThreadId;
            return value + 1;
        }
    }

    [Fact]
    public void TPL_code_awaiting_a_sleep_inline_does_not_stall_the_virtual_clock()
    {
        // The coroutine waits on a .NET Task that itself waits on the loop: the clock may jump.
        var (time, _) = PyRun.Main(async () =>
        {
            await Helper();
            return GetRunningLoop().Time();
        });
        time.ShouldBe(30);

        static async Task Helper()
        {
            await Sleep(10);
            await Sleep(20);
        }
    }

    [Fact]
    public async Task A_cancelled_PyTask_cancels_its_AsTask()
    {
        Task<string>? asTask = null;
        PyRun.Main(async () =>
        {
            var task = CreateTask(Sleep(10, "never"));
            asTask = task.AsTask();
            await Sleep(1);
            task.Cancel();
            await Sleep(0);
            await Sleep(0);
        });
        asTask!.IsCanceled.ShouldBeTrue();
        await Should.ThrowAsync<TaskCanceledException>(asTask);
    }

    [Fact]
    public void Awaiting_a_coroutine_with_no_event_loop_raises_RuntimeError()
    {
        PyRun.Program(() =>
        {
            var coro = Sleep(1);
            Should.Throw<RuntimeError>(() => coro.GetAwaiter()).Message.ShouldBe("no running event loop");
            coro.Close();
        });
    }

    [Fact]
    public void The_loop_drives_a_TaskCompletionSource_completed_by_a_coroutine_on_the_virtual_clock()
    {
        // The loop cannot see that this .NET task depends on a coroutine; after a short real grace
        // period it advances the virtual clock rather than hang.
        var (result, output) = PyRun.Main(async () =>
        {
            var source = new TaskCompletionSource<int>();
            _ = CreateTask(Complete(source));
            return await source.Task;
        });
        result.ShouldBe(5);
        output.Stderr.ShouldContain("VirtualClock: .NET awaits pending");

        static async Coroutine Complete(TaskCompletionSource<int> source)
        {
            await Sleep(3);
            source.SetResult(5);
        }
    }
}
