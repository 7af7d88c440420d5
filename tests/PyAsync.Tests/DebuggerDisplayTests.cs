using System.Diagnostics;
using System.Reflection;
using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// A debugger shows PyAsync's objects as their Python repr, as AsyncEx's types show their state:
/// each carries <c>[DebuggerDisplay("{ToString(),nq}")]</c> and its ToString is CPython's repr.
/// </summary>
public class DebuggerDisplayTests
{
    private static string? Display(object value) =>
        value.GetType().GetCustomAttributes<DebuggerDisplayAttribute>(inherit: true).FirstOrDefault()?.Value;

    [Fact]
    public void Futures_tasks_coroutines_handles_and_the_loop_show_their_python_repr()
    {
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var future = loop.CreateFuture<int>();
            var coroutine = Sleep(1);
            var task = CreateTask(coroutine);
            var handle = loop.CallSoon(() => { });
            var timer = loop.CallLater(1, () => { });
            foreach (var value in new object[] { future, task, coroutine, handle, timer, loop, Gather(task) })
            {
                Display(value).ShouldBe("{ToString(),nq}", value.GetType().Name);
                value.ToString().ShouldStartWith("<");
            }
            future.ToString().ShouldBe("<Future pending>");
            task.ToString().ShouldBe("<Task pending name='Task-2' coro=<sleep()> cb=[gather.<locals>._done_callback()]>");
            loop.ToString().ShouldBe("<_UnixSelectorEventLoop running=True closed=False debug=False>");
            timer.Cancel();
            await task;
        });
    }
}
