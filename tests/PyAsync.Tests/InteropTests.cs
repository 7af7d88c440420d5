using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// Interop with the TPL, no CPython counterpart: .NET tasks in coroutines, TPL code awaiting futures and
/// coroutines, AsTask, a task's CancellationToken (src/PyAsync/Futures, CompilerServices).
/// </summary>
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
        var thread = new Thread(() => Run(async Task<int> () =>
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
    public void AsTask_with_a_token_cancels_the_wait_not_the_task()
    {
        // No CPython test: the TPL side of a task. The token gives up the .NET wait only.
        var output = PyRun.Main(async () =>
        {
            var task = CreateTask(Sleep(2, "done"));
            using var cts = new CancellationTokenSource();
            var wait = task.AsTask(cts.Token);
            cts.Cancel();
            Print(wait.IsCanceled, task.Cancelled(), task.Done());
            Print(await task, task.Cancelled(), GetRunningLoop().Time());
            // A wait whose token is never cancelled completes with the task, as AsTask() does.
            var later = CreateTask(Sleep(1, 7));
            var kept = later.AsTask(CancellationToken.None);
            await later;
            await Sleep(0);
            await Sleep(0);
            Print(kept.IsCompletedSuccessfully ? kept.Result : -1);
        });
        output.Stdout.ShouldBe("True False False\ndone False 2.0\n7\n");
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

    [Fact]
    public async Task AsTask_completes_faults_or_cancels_with_the_future()
    {
        Task<int>? ok = null, bad = null, cancelled = null;
        PyRun.Main(async () =>
        {
            var f1 = Future<int>();
            var f2 = Future<int>();
            var f3 = Future<int>();
            ok = f1.AsTask();
            bad = f2.AsTask();
            cancelled = f3.AsTask();
            f1.SetResult(1);
            f2.SetException(new ValueError("x"));
            f3.Cancel();
            await Sleep(0);
        });
        ok!.IsCompletedSuccessfully.ShouldBeTrue();
        (await ok).ShouldBe(1);
        bad!.IsFaulted.ShouldBeTrue();
        bad.Exception!.InnerException.ShouldBeOfType<ValueError>();
        cancelled!.IsCanceled.ShouldBeTrue();
    }

    [Fact]
    public void The_tasks_CancellationToken_stops_a_dotnet_await_and_the_task_ends_cancelled()
    {
        double stoppedAt = -1;
        PyRun.Main(async () =>
        {
            async Coroutine DotNetWork()
            {
                var token = CurrentTask()!.CancellationToken;
                token.IsCancellationRequested.ShouldBeFalse();
                try
                {
                    await Task.Delay(System.Threading.Timeout.Infinite, token);
                }
                finally
                {
                    stoppedAt = GetRunningLoop().Time();
                }
            }

            var task = CreateTask(DotNetWork());
            await Sleep(1);
            task.Cancel();
            await CoroutineTests.Catch<CancelledError>(async () => await task);
            task.Cancelled().ShouldBeTrue();
            task.CancellationToken.IsCancellationRequested.ShouldBeTrue();
        });
        stoppedAt.ShouldBe(1);
    }
}
