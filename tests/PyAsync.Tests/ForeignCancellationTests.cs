using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// A task cancelled while it awaits a .NET task that observes the task's own token gets its
/// <see cref="CancelledError"/> at that await, as CPython raises it at the future a cancelled task
/// waits on (test_tasks.py: test_cancel_with_message_then_future_result,
/// test_cancel_inner_future, test_cancel_both_task_and_inner_future).
/// </summary>
public class ForeignCancellationTests
{
    private static readonly TimeSpan Forever = TimeSpan.FromHours(1);

    private static async Coroutine<List<string>> CancelWhileWaiting(Func<CancellationToken, Coroutine<string>> body, string? message = "stop")
    {
        var log = new List<string>();
        async Coroutine<string> Child()
        {
            try
            {
                return await body(CurrentTask()!.CancellationToken);
            }
            catch (CancelledError e)
            {
                log.Add($"caught CancelledError {Repr(e.Args)}");
                throw;
            }
            catch (Exception e)
            {
                log.Add($"caught {e.GetType().Name}");
                throw;
            }
        }
        var task = CreateTask(Child());
        await Sleep(0);
        task.Cancel(message);
        try
        {
            log.Add($"result {await task}");
        }
        catch (CancelledError e)
        {
            log.Add($"task raised CancelledError {Repr(e.Args)}, cancelled={Str(task.Cancelled())}");
        }
        catch (Exception e)
        {
            log.Add($"task raised {e.GetType().Name}");
        }
        return log;
    }

    [Fact]
    public void Task_Delay_with_the_task_token_raises_the_tasks_CancelledError_with_its_message_at_that_await()
    {
        var log = Run(CancelWhileWaiting(async token => { await Task.Delay(Forever, token); return "slept"; }));
        log.ShouldBe(["caught CancelledError ('stop',)", "task raised CancelledError ('stop',), cancelled=True"]);
    }

    [Fact]
    public void A_cancel_without_a_message_gives_an_empty_CancelledError()
    {
        var log = Run(CancelWhileWaiting(async token => { await Task.Delay(Forever, token); return "slept"; }, message: null));
        log.ShouldBe(["caught CancelledError ()", "task raised CancelledError (), cancelled=True"]);
    }

    [Fact]
    public void A_Task_of_a_value_type_and_ConfigureAwait_forms_raise_it_too()
    {
        var never = new TaskCompletionSource<int>();
        Run(CancelWhileWaiting(async token => $"{await never.Task.WaitAsync(token)}"))
            .ShouldBe(["caught CancelledError ('stop',)", "task raised CancelledError ('stop',), cancelled=True"]);
        Run(CancelWhileWaiting(async token => { await Task.Delay(Forever, token).ConfigureAwait(false); return "slept"; }))
            .ShouldBe(["caught CancelledError ('stop',)", "task raised CancelledError ('stop',), cancelled=True"]);
        Run(CancelWhileWaiting(async token => $"{await never.Task.WaitAsync(token).ConfigureAwait(false)}"))
            .ShouldBe(["caught CancelledError ('stop',)", "task raised CancelledError ('stop',), cancelled=True"]);
        var semaphore = new SemaphoreSlim(0);
        Run(CancelWhileWaiting(async token => $"{await semaphore.WaitAsync(Forever, token)}"))
            .ShouldBe(["caught CancelledError ('stop',)", "task raised CancelledError ('stop',), cancelled=True"]);
    }

    [Fact]
    public void A_coroutine_that_catches_it_at_the_await_goes_on_and_its_task_is_not_cancelled()
    {
        // test_tasks.py test_cancel_yield_from_inner_future...: a coroutine may swallow the cancellation.
        var result = Run(async () =>
        {
            var task = CreateTask(Child());
            static async Coroutine<string> Child()
            {
                try
                {
                    await Task.Delay(Forever, CurrentTask()!.CancellationToken);
                }
                catch (CancelledError)
                {
                    await Sleep(0); // a PyAsync await afterwards raises nothing more
                    return $"went on, cancelling={CurrentTask()!.Cancelling()}";
                }
                return "slept";
            }
            await Sleep(0);
            task.Cancel();
            string value = await task;
            return $"{value}, cancelled={Str(task.Cancelled())}";
        });
        result.ShouldBe("went on, cancelling=1, cancelled=False");
    }

    [Fact]
    public void A_dotnet_await_that_finishes_anyway_keeps_its_result_and_the_error_comes_at_the_next_pyasync_await()
    {
        var log = Run(CancelWhileWaiting(async token =>
        {
            var finishesOnCancel = new TaskCompletionSource<int>();
            token.Register(() => finishesOnCancel.SetResult(42));
            int value = await finishesOnCancel.Task;
            Print($"got {value}");
            await Sleep(0);
            return "unreachable";
        }));
        log.ShouldBe(["caught CancelledError ('stop',)", "task raised CancelledError ('stop',), cancelled=True"]);
    }

    [Fact]
    public void A_dotnet_await_cancelled_by_another_token_keeps_dotnets_exception()
    {
        using var other = new CancellationTokenSource();
        var log = Run(CancelWhileWaiting(async token =>
        {
            token.Register(other.Cancel);
            await Task.Delay(Forever, other.Token);
            return "slept";
        }));
        log.ShouldBe(["caught TaskCanceledException", "task raised TaskCanceledException"]);
    }

    [Fact]
    public void A_ValueTask_keeps_dotnets_exception_and_the_task_still_ends_cancelled()
    {
        var log = Run(CancelWhileWaiting(async token => { await new ValueTask(Task.Delay(Forever, token)); return "slept"; }));
        log.ShouldBe(["caught TaskCanceledException", "task raised CancelledError (), cancelled=True"]);
    }
}
