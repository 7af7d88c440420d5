using PyAsync.Tests.Support;
using static PyAsync.Asyncio;
using static PyAsync.Tests.GatherTests;

namespace PyAsync.Tests;

/// <summary>asyncio.TaskGroup (CPython: test_taskgroups.py, TestTaskGroup; src/PyAsync/TaskGroups).</summary>
public class TaskGroupTests
{
    private static async Coroutine Divide(double after)
    {
        await Sleep(after);
        throw new DivideByZeroException();
    }

    [Fact]
    public void Every_child_is_awaited_at_the_end_of_the_block()
    {
        // test_taskgroups.py test_taskgroup_01
        PyRun.Main(async () =>
        {
            PyTask<int> t1, t2;
            await using (var g = TaskGroup())
            {
                t1 = g.CreateTask(Delay(0.1));
                t2 = g.CreateTask(Delay(0.2));
            }
            t1.Result().ShouldBe(0);
            t2.Done().ShouldBeTrue();
            GetRunningLoop().Time().ShouldBe(0.2);
        });
    }

    [Fact]
    public void Children_can_be_added_while_the_body_runs()
    {
        // test_taskgroups.py test_taskgroup_02
        PyRun.Main(async () =>
        {
            PyTask<int> t1, t2;
            await using (var g = TaskGroup())
            {
                t1 = g.CreateTask(Delay(1));
                await Sleep(1.5);
                t2 = g.CreateTask(Delay(2));
            }
            (t1.Result(), t2.Result()).ShouldBe((1, 2));
            GetRunningLoop().Time().ShouldBe(3.5);
        });
    }

    [Fact]
    public void A_child_cancelled_explicitly_does_not_disturb_the_group()
    {
        // test_taskgroups.py test_taskgroup_03
        PyRun.Main(async () =>
        {
            PyTask<int> t1, t2;
            await using (var g = TaskGroup())
            {
                t1 = g.CreateTask(Delay(10));
                await Sleep(0.15);
                t1.Cancel();
                t2 = g.CreateTask(Delay(1));
            }
            t1.Cancelled().ShouldBeTrue();
            t2.Result().ShouldBe(1);
        });
    }

    [Fact]
    public void A_failing_child_cancels_its_siblings_and_the_body_and_raises_an_ExceptionGroup()
    {
        // test_taskgroups.py test_cancel_children_on_child_error
        var events = new List<string>();
        PyRun.Main(async () =>
        {
            var eg = await CoroutineTests.Catch<ExceptionGroup>(async () => await CreateTask(Runner()));
            eg.Exceptions.Select(e => e.GetType()).Distinct().ShouldBe([typeof(DivideByZeroException)]);
            eg.Exceptions.Count.ShouldBe(3);
            Str(eg).ShouldBe("unhandled errors in a TaskGroup (3 sub-exceptions)");
        });
        events.ShouldBe(["sibling cancelled", "body cancelled"]);

        async Coroutine Runner()
        {
            await using (var g = TaskGroup())
            {
                _ = g.CreateTask(Divide(0.1));
                _ = g.CreateTask(Divide(0.1));
                _ = g.CreateTask(Divide(0.1));
                _ = g.CreateTask(Sibling());
                try
                {
                    await Sleep(10);
                }
                catch (CancelledError)
                {
                    events.Add("body cancelled");
                    throw;
                }
            }
            events.Add("not reached");
        }

        async Coroutine Sibling()
        {
            try { await Sleep(5); }
            catch (CancelledError) { events.Add("sibling cancelled"); throw; }
        }
    }

    [Fact]
    public void Cancelling_the_task_running_the_group_cancels_every_child()
    {
        // test_taskgroups.py test_cancellation
        int cancelled = 0;
        PyRun.Main(async () =>
        {
            var runner = CreateTask(Runner());
            await Sleep(0.1);
            runner.Done().ShouldBeFalse();
            runner.Cancel();
            await CoroutineTests.Catch<CancelledError>(async () => await runner);
        });
        cancelled.ShouldBe(5);

        async Coroutine Runner()
        {
            await using var g = TaskGroup();
            for (int i = 0; i < 5; i++) _ = g.CreateTask(Child());
        }

        async Coroutine Child()
        {
            try { await Sleep(5); }
            catch (CancelledError) { cancelled++; throw; }
        }
    }

    [Fact]
    public void Errors_raised_while_children_are_cancelled_are_collected()
    {
        // test_taskgroups.py test_taskgroup_08
        PyRun.Main(async () =>
        {
            var runner = CreateTask(Runner());
            await Sleep(0.1);
            runner.Cancel();
            var eg = await CoroutineTests.Catch<ExceptionGroup>(async () => await runner);
            eg.Exceptions.Count.ShouldBe(5);
            eg.Exceptions.ShouldAllBe(e => e is DivideByZeroException);
        });

        static async Coroutine Runner()
        {
            await using var g = TaskGroup();
            for (int i = 0; i < 5; i++) _ = g.CreateTask(Foo());
            await Sleep(10);
        }

        static async Coroutine Foo()
        {
            try { await Sleep(10); }
            finally { throw new DivideByZeroException(); }
        }
    }

    [Fact]
    public void The_lambda_form_adds_the_bodys_exception_to_the_group()
    {
        // test_taskgroups.py test_taskgroup_12 (the body raises: children are cancelled, errors combined)
        bool childCancelled = false;
        PyRun.Main(async () =>
        {
            var eg = await CoroutineTests.Catch<ExceptionGroup>(async () => await TaskGroup(async g =>
            {
                _ = g.CreateTask(Child());
                await Sleep(0.1);
                throw new ValueError("body");
            }));
            eg.Exceptions.Single().ShouldBeOfType<ValueError>().Message.ShouldBe("body");
        });
        childCancelled.ShouldBeTrue();

        async Coroutine Child()
        {
            try { await Sleep(10); }
            catch (CancelledError) { childCancelled = true; throw; }
        }
    }

    [Fact]
    public void The_lambda_form_returns_the_bodys_value()
    {
        var (result, _) = PyRun.Main(async () => await TaskGroup(async g =>
        {
            var a = g.CreateTask(Delay(1));
            var b = g.CreateTask(Delay(2));
            await Sleep(0);
            return $"{a.Done()} {b.Done()}";
        }));
        result.ShouldBe("False False");
    }

    [Fact]
    public void CreateTask_on_a_finished_group_raises_RuntimeError()
    {
        // test_taskgroups.py test_taskgroup_finished / test_taskgroup_not_entered
        PyRun.Main(async () =>
        {
            var g = TaskGroup();
            _ = g.CreateTask(Delay(0.1));
            await g.DisposeAsync();
            var coro = Delay(1);
            Should.Throw<RuntimeError>(() => g.CreateTask(coro)).Message.ShouldBe("TaskGroup <TaskGroup entered> is finished");
            var fresh = new TaskGroup();
            Should.Throw<RuntimeError>(() => fresh.CreateTask(Delay(1))).Message.ShouldBe("TaskGroup <TaskGroup> has not been entered");
        });
    }

    [Fact]
    public void CreateTask_after_a_failure_raises_RuntimeError()
    {
        // test_taskgroups.py test_taskgroup_no_create_task_after_failure
        PyRun.Main(async () =>
        {
            await CoroutineTests.Catch<ExceptionGroup>(async () => await TaskGroup(async g =>
            {
                _ = g.CreateTask(Divide(0));
                try
                {
                    await Sleep(1);
                }
                catch (CancelledError)
                {
                    Should.Throw<RuntimeError>(() => g.CreateTask(Delay(1))).Message.ShouldEndWith("is shutting down");
                    throw;
                }
            }));
        });
    }

    [Fact]
    public void Entering_twice_or_without_a_task_raises_RuntimeError()
    {
        // test_taskgroups.py test_taskgroup_double_enter / test_taskgroup_without_parent_task
        PyRun.Main(async () =>
        {
            var g = new TaskGroup();
            await using (g.Enter())
            {
                Should.Throw<RuntimeError>(() => g.Enter()).Message.ShouldStartWith("TaskGroup <TaskGroup entered> has already been entered");
            }
            RuntimeError? outside = null;
            GetRunningLoop().CallSoon(() => outside = Should.Throw<RuntimeError>(() => new TaskGroup().Enter()));
            await Sleep(0);
            outside!.Message.ShouldBe("TaskGroup <TaskGroup> cannot determine the parent task");
        });
    }

    [Fact]
    public void Nested_groups_propagate_failures_outward()
    {
        // test_taskgroups.py test_taskgroup_16
        PyRun.Main(async () =>
        {
            var eg = await CoroutineTests.Catch<ExceptionGroup>(async () => await TaskGroup(async outer =>
            {
                _ = outer.CreateTask(Delay(10));
                await TaskGroup(async inner =>
                {
                    _ = inner.CreateTask(Divide(0.1));
                    await Sleep(10);
                });
            }));
            var nested = eg.Exceptions.Single().ShouldBeOfType<ExceptionGroup>();
            nested.Exceptions.Single().ShouldBeOfType<DivideByZeroException>();
        });
    }

    [Fact]
    public void The_parents_cancel_count_is_restored_after_a_failure()
    {
        // test_taskgroups.py test_cancelling_level_preserved
        PyRun.Main(async () =>
        {
            await CoroutineTests.Catch<ExceptionGroup>(async () => await TaskGroup(async g =>
            {
                _ = g.CreateTask(Divide(0.1));
                await Sleep(10);
            }));
            CurrentTask()!.Cancelling().ShouldBe(0);
        });
    }

    [Fact]
    public void Task_names_and_contexts_are_passed_on()
    {
        // test_taskgroups.py test_taskgroup_task_name / test_taskgroup_task_context
        var local = new AsyncLocal<int>();
        PyRun.Main(async () =>
        {
            local.Value = 1;
            var context = ExecutionContext.Capture();
            local.Value = 2;
            await using var g = TaskGroup();
            var named = g.CreateTask(Delay(0), name: "named");
            named.GetName().ShouldBe("named");
            var seen = g.CreateTask(Read(), context: context);
            await Sleep(0);
            seen.Result().ShouldBe(1);
        });

        async Coroutine<int> Read() => local.Value;
    }

    [Fact]
    public void A_group_prints_as_CPython_prints_it()
    {
        PyRun.Main(async () =>
        {
            var g = new TaskGroup();
            Str(g).ShouldBe("<TaskGroup>");
            await using (g.Enter())
            {
                _ = g.CreateTask(Delay(1));
                Str(g).ShouldBe("<TaskGroup tasks=1 entered>");
            }
        });
    }
}
