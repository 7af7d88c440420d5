using System.Text.RegularExpressions;
using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// contextvars as asyncio uses it: ContextVar, Token, Context, copy_context, and the contexts tasks run
/// in (CPython: test_context.py, ContextTest; test_asyncio/test_tasks.py, test_context_* and
/// test_get_context; test_asyncio/test_context.py; src/PyAsync/Python and src/PyAsync/Tasks).
/// </summary>
public partial class ContextVarTests
{
    [GeneratedRegex(@"^<Token var=<ContextVar name='a' at 0x[0-9a-fA-F]+> at 0x[0-9a-fA-F]+>$")]
    private static partial Regex TokenRepr();

    // ---------------------------------------------------------------- ContextVar and Token

    [Fact]
    public void A_variable_has_a_read_only_name_and_needs_one()
    {
        // test_context.py test_context_var_new_1
        Should.Throw<TypeError>(() => new ContextVar<int>(null!)).Message.ShouldBe("context variable name must be a str");
        var c = new ContextVar<int>("aaa");
        c.Name.ShouldBe("aaa");
        typeof(ContextVar).GetProperty(nameof(ContextVar.Name))!.CanWrite.ShouldBeFalse();
    }

    [Fact]
    public void Variables_and_tokens_print_as_CPython_prints_them()
    {
        // test_context.py test_context_var_repr_1 / test_token_repr_1
        new Context().Run(() =>
        {
            Repr(new ContextVar<int>("a")).ShouldStartWith("<ContextVar name='a' at 0x");
            Repr(new ContextVar<int>("a", @default: 123)).ShouldStartWith("<ContextVar name='a' default=123 at 0x");
            var c = new ContextVar<int>("a");
            var t = c.Set(1);
            Repr(t).ShouldMatch(TokenRepr().ToString());
            Repr(t).ShouldContain(Repr(c));
            Repr(t).ShouldNotContain(" used ");
            c.Reset(t);
            Repr(t).ShouldContain(" used ");
            Repr(ContextVarToken.MISSING).ShouldBe("<Token.MISSING>");
            Str(Type(c)).ShouldBe("<class '_contextvars.ContextVar'>");
            Repr(new Context()).ShouldStartWith("<_contextvars.Context object at 0x");
        });
    }

    [Fact]
    public void Get_Set_and_Reset_follow_CPython()
    {
        // test_context.py test_context_getset_1
        new Context().Run(() =>
        {
            var c = new ContextVar<object?>("c");
            var missing = Should.Throw<LookupError>(() => c.Get());
            missing.Args[0].ShouldBeSameAs(c);
            c.Get(null).ShouldBeNull();

            var t0 = c.Set(42);
            c.Get().ShouldBe(42);
            c.Get(null).ShouldBe(42);
            t0.OldValue.ShouldBeSameAs(t0.MISSING);
            t0.OldValue.ShouldBeSameAs(ContextVarToken.MISSING);
            t0.Var.ShouldBeSameAs(c);

            var t = c.Set("spam");
            c.Get().ShouldBe("spam");
            t.OldValue.ShouldBe(42);
            c.Reset(t);
            c.Get().ShouldBe(42);

            c.Set("spam2");
            Should.Throw<RuntimeError>(() => c.Reset(t)).Message.ShouldBe($"{t} has already been used once");
            c.Get().ShouldBe("spam2");

            var ctx1 = CopyContext();
            ctx1.ContainsKey(c).ShouldBeTrue();

            c.Reset(t0);
            Should.Throw<RuntimeError>(() => c.Reset(t0)).Message.ShouldEndWith("has already been used once");
            c.Get(null).ShouldBeNull();

            ctx1.ContainsKey(c).ShouldBeTrue();
            ctx1[c].ShouldBe("spam2");
            ctx1.Get(c, "aa").ShouldBe("spam2");
            ctx1.Count.ShouldBe(1);
            ctx1.Items().ShouldBe([(c, (object?)"spam2")]);
            ctx1.Values().ShouldBe(["spam2"]);
            ctx1.Keys().ShouldBe([c]);

            var ctx2 = CopyContext();
            ctx2.ContainsKey(c).ShouldBeFalse();
            Should.Throw<KeyError>(() => ctx2[c]).Args[0].ShouldBeSameAs(c);
            ctx2.Get(c, "aa").ShouldBe("aa");
            ctx2.Count.ShouldBe(0);
            ctx2.Keys().ShouldBeEmpty();
        });
    }

    [Fact]
    public void A_token_of_another_variable_is_refused()
    {
        // test_context.py test_context_getset_2
        new Context().Run(() =>
        {
            var v1 = new ContextVar<int>("v1");
            var v2 = new ContextVar<int>("v2");
            var t1 = v1.Set(42);
            Should.Throw<ValueError>(() => v2.Reset(t1)).Message.ShouldBe($"{t1} was created by a different ContextVar");
        });
    }

    [Fact]
    public void A_context_sees_a_set_and_a_reset_made_while_it_runs()
    {
        // test_context.py test_context_getset_3
        var c = new ContextVar<int>("c", @default: 42);
        var ctx = new Context();
        ctx.Run(() =>
        {
            c.Get().ShouldBe(42);
            Should.Throw<KeyError>(() => ctx[c]);
            ctx.Get(c).ShouldBeNull();
            ctx.Get(c, "spam").ShouldBe("spam");
            ctx.ContainsKey(c).ShouldBeFalse();
            ctx.Keys().ShouldBeEmpty();

            var t = c.Set(1);
            ctx.Keys().ShouldBe([c]);
            ctx[c].ShouldBe(1);

            c.Reset(t);
            ctx.Keys().ShouldBeEmpty();
            Should.Throw<KeyError>(() => ctx[c]);
        });
    }

    [Fact]
    public void A_token_made_in_another_context_is_refused()
    {
        // test_context.py test_context_getset_4
        new Context().Run(() =>
        {
            var c = new ContextVar<int>("c", @default: 42);
            var ctx = new Context();
            var tok = ctx.Run(() => c.Set(1));
            Should.Throw<ValueError>(() => c.Reset(tok)).Message.ShouldBe($"{tok} was created in a different Context");
        });
    }

    [Fact]
    public void A_copied_context_has_its_own_bindings_but_shares_the_objects()
    {
        // test_context.py test_context_getset_5
        new Context().Run(() =>
        {
            var c = new ContextVar<List<int>>("c", @default: [42]);
            c.Set([]);
            CopyContext().Run(() =>
            {
                c.Set([]);
                c.Get().Add(42);
                c.Get().ShouldBe([42]);
            });
            c.Get().ShouldBeEmpty();
        });
    }

    // ---------------------------------------------------------------- Context.run

    [Fact]
    public void Run_returns_the_functions_result_and_lets_its_exception_out()
    {
        // test_context.py test_context_run_2 / test_context_run_3
        var ctx = new Context();
        ctx.Run(() => (1, "bar")).ShouldBe((1, "bar"));
        Should.Throw<DivideByZeroException>(() => ctx.Run(() => 1 / int.Parse("0")));
        Should.Throw<ArgumentNullException>(() => ctx.Run((Action)null!));
    }

    [Fact]
    public void Contexts_are_separate_and_run_keeps_the_changes()
    {
        // test_context.py test_context_run_4
        new Context().Run(() =>
        {
            var ctx1 = new Context();
            var ctx2 = new Context();
            var v = new ContextVar<string?>("var");
            var returned = ctx1.Run(() =>
            {
                v.Get(null).ShouldBeNull();
                v.Set("spam");
                ctx2.Run(() => v.Get(null).ShouldBeNull());
                v.Get(null).ShouldBe("spam");
                var cur = CopyContext();
                cur.Count.ShouldBe(1);
                cur[v].ShouldBe("spam");
                return cur;
            });
            returned[v].ShouldBe("spam");
            returned.ContainsKey(v).ShouldBeTrue();
            ctx1[v].ShouldBe("spam");
        });
    }

    [Fact]
    public void A_failing_run_keeps_its_changes_in_the_context_and_out_of_the_caller()
    {
        // test_context.py test_context_run_5 (and CPython keeps the change in ctx, as checked here)
        var ctx = new Context();
        var v = new ContextVar<string?>("var");
        Should.Throw<DivideByZeroException>(() => ctx.Run(() =>
        {
            v.Get(null).ShouldBeNull();
            v.Set("spam");
            _ = 1 / int.Parse("0");
        }));
        v.Get(null).ShouldBeNull();
        ctx[v].ShouldBe("spam");
    }

    [Fact]
    public void Inside_run_the_context_shows_the_live_values()
    {
        // test_context.py test_context_run_6
        var ctx = new Context();
        var c = new ContextVar<int>("a", @default: 0);
        ctx.Run(() =>
        {
            c.Get().ShouldBe(0);
            ctx.Get(c).ShouldBeNull();
            c.Set(42);
            c.Get().ShouldBe(42);
            ctx.Get(c).ShouldBe(42);
        });
    }

    [Fact]
    public void A_context_cannot_be_entered_twice()
    {
        // test_context.py test_context_run_7; Python/context.c: "cannot enter context: %R is already entered"
        var ctx = new Context();
        ctx.Run(() => Should.Throw<RuntimeError>(() => ctx.Run(() => { })).Message
            .ShouldBe($"cannot enter context: {ctx} is already entered"));
        ctx.Run(() => 1).ShouldBe(1); // entered no more
    }

    [Fact]
    public void Copy_takes_the_values_of_the_moment()
    {
        // test_context.py test_context_copy_1
        var ctx1 = new Context();
        var c = new ContextVar<int>("c", @default: 42);
        ctx1.Run(() =>
        {
            c.Set(10);
            var ctx2 = ctx1.Copy();
            ctx2[c].ShouldBe(10);
            c.Set(20);
            ctx1[c].ShouldBe(20);
            ctx2[c].ShouldBe(10);
            ctx2.Run(() =>
            {
                c.Get().ShouldBe(10);
                ctx1[c].ShouldBe(20); // ctx1 is entered further out: its values as ctx2 was entered
                c.Set(30);
                c.Get().ShouldBe(30);
            });
            ctx1[c].ShouldBe(20);
            ctx2[c].ShouldBe(30);
        });
    }

    [Fact]
    public void Threads_each_have_their_own_values()
    {
        // test_context.py test_context_threads_1 (bounded: threads meet at a barrier instead of sleeping)
        new Context().Run(() =>
        {
            var cvar = new ContextVar<int>("cvar");
            using var barrier = new System.Threading.Barrier(4);
            var results = new int[4];
            var threads = Enumerable.Range(0, 4).Select(n => new Thread(() =>
            {
                for (int i = 0; i < 10; i++)
                {
                    cvar.Set(n * 100 + i);
                    barrier.SignalAndWait(TimeSpan.FromSeconds(30)).ShouldBeTrue();
                    cvar.Get().ShouldBe(n * 100 + i);
                }
                results[n] = n;
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join(TimeSpan.FromSeconds(60)).ShouldBeTrue());
            results.ShouldBe([0, 1, 2, 3]);
            cvar.Get(-1).ShouldBe(-1);
        });
    }

    [Fact]
    public void A_variable_and_an_AsyncLocal_flow_together()
    {
        // No CPython test: the relation to .NET's AsyncLocal<T> that the ContextVar docs state.
        var v = new ContextVar<string>("v", @default: "none");
        var local = new AsyncLocal<string>();
        var ctx = new Context();
        ctx.Run(() =>
        {
            v.Set("var");
            local.Value = "local";
        });
        (v.Get(), local.Value).ShouldBe(("none", null));
        ctx.Run(() => (v.Get(), local.Value)).ShouldBe(("var", "local"));
        ExecutionContext.Run(ctx.ToExecutionContext(), _ => (v.Get(), local.Value).ShouldBe(("var", "local")), null);
    }

    // ---------------------------------------------------------------- tasks

    [Fact]
    public void A_task_sees_its_creators_value_and_its_changes_stay_inside()
    {
        // test_tasks.py BaseTaskTests.test_context_1
        var cvar = new ContextVar<string>("cvar", @default: "nope");
        PyRun.Main(async () =>
        {
            cvar.Get().ShouldBe("nope");
            var subtask = CreateTask(Sub());
            cvar.Set("yes");
            cvar.Get().ShouldBe("yes");
            await subtask;
            cvar.Get().ShouldBe("yes");
        });

        async Coroutine Sub()
        {
            await Sleep(0.01);
            cvar.Get().ShouldBe("nope");
            cvar.Set("something else");
        }
    }

    [Fact]
    public void Done_callbacks_run_in_the_tasks_context_and_do_not_change_it()
    {
        // test_tasks.py BaseTaskTests.test_context_2
        var cvar = new ContextVar<string>("cvar", @default: "nope");
        int callbacks = 0;
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            cvar.Get().ShouldBe("nope");
            for (int j = 0; j < 2; j++)
            {
                var fut = loop.CreateFuture<object?>();
                fut.AddDoneCallback(FutOnDone);
                cvar.Set($"yes{j}");
                loop.CallSoon(() => fut.SetResult(null));
                await fut;
                cvar.Get().ShouldBe($"yes{j}");
                for (int i = 0; i < 3; i++)
                {
                    cvar.Set($"yes{i}-{j}");
                    await Sleep(0.001);
                    cvar.Get().ShouldBe($"yes{i}-{j}");
                }
            }
        });
        callbacks.ShouldBe(2);
        cvar.Get().ShouldBe("nope");

        void FutOnDone(Future<object?> fut)
        {
            // This change must not pollute the context of the main task.
            cvar.Set("something else");
            callbacks++;
        }
    }

    [Fact]
    public void A_hundred_tasks_each_keep_their_own_value()
    {
        // test_tasks.py BaseTaskTests.test_context_3 (random sleeps on the virtual clock, seeded)
        var cvar = new ContextVar<int>("cvar", @default: -1);
        var random = new Random(3);
        int checkedValues = 0;
        PyRun.Main(async () =>
        {
            var tasks = new List<PyTask>();
            for (int i = 0; i < 100; i++) tasks.Add(CreateTask(Sub(random.Next(0, 11))));
            await Gather(tasks);
        });
        checkedValues.ShouldBe(1000);
        cvar.Get().ShouldBe(-1);

        async Coroutine Sub(int num)
        {
            for (int i = 0; i < 10; i++)
            {
                cvar.Set(num + i);
                await Sleep(0.001 + random.NextDouble() * 0.049);
                cvar.Get().ShouldBe(num + i);
                checkedValues++;
            }
        }
    }

    [Fact]
    public void Tasks_given_a_context_run_in_it_and_change_it()
    {
        // test_tasks.py BaseTaskTests.test_context_4 / test_context_5 / test_context_6
        var cvar = new ContextVar<int?>("cvar");
        var (ret, _) = PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var ret = new List<int?>();
            var ctx = CopyContext();
            ret.Add((int?)ctx.Get(cvar));
            await CreateTask(Coro(1), context: ctx);          // asyncio.create_task
            ret.Add((int?)ctx.Get(cvar));
            await loop.CreateTask(Coro(2), context: ctx);     // loop.create_task
            ret.Add((int?)ctx.Get(cvar));
            await using (var g = TaskGroup())                  // tg.create_task
                _ = g.CreateTask(Coro(3), context: ctx);
            ret.Add((int?)ctx.Get(cvar));
            cvar.Get(null).ShouldBeNull();
            return ret;
        });
        ret.ShouldBe([null, 1, 2, 3]);

        async Coroutine Coro(int val)
        {
            await Sleep(0);
            cvar.Set(val);
        }
    }

    [Fact]
    public void GetContext_returns_the_context_the_task_runs_in()
    {
        // test_tasks.py BaseTaskTests.test_get_context (and, for a task made without one, CPython's task._context)
        var cvar = new ContextVar<string>("cvar", @default: "none");
        PyRun.Main(async () =>
        {
            var context = CopyContext();
            var task = CreateTask(Noop(), context: context);
            await task;
            task.GetContext().ShouldBeSameAs(context);

            cvar.Set("creator");
            var own = CreateTask(SetThenWait());
            await Sleep(0);
            var ctx = own.GetContext();
            ctx.ShouldBeSameAs(own.GetContext());
            ctx[cvar].ShouldBe("task");
            ctx.Run(() => cvar.Set("through the context"));
            (await own).ShouldBe("through the context");
            cvar.Get().ShouldBe("creator");
        });

        async Coroutine Noop() => await Sleep(0);

        async Coroutine<string> SetThenWait()
        {
            cvar.Set("task");
            await Sleep(0);
            await Sleep(0);
            return cvar.Get();
        }
    }

    [Fact]
    public void A_token_reset_in_another_task_is_refused()
    {
        // Python/context.c PyContextVar_Reset: tok_ctx != the current context (each task has its own)
        var cvar = new ContextVar<int>("cvar", @default: 0);
        PyRun.Main(async () =>
        {
            var token = await CreateTask(SetIt());
            var e = await CreateTask(CoroutineTests.Catch<ValueError>(async () => cvar.Reset(token)));
            e.Message.ShouldBe($"{token} was created in a different Context");
            var fromMain = cvar.Set(2);
            e = await CreateTask(CoroutineTests.Catch<ValueError>(async () => cvar.Reset(fromMain)));
            e.Message.ShouldEndWith("was created in a different Context");
            cvar.Reset(fromMain);
            cvar.Get().ShouldBe(0);
        });

        async Coroutine<ContextVarToken<int>> SetIt()
        {
            var token = cvar.Set(1);
            await Sleep(0);
            cvar.Reset(token); // the same task: accepted
            return cvar.Set(1);
        }
    }

    [Fact]
    public void A_runner_keeps_one_context_across_runs()
    {
        // runners.py Runner.run: context defaults to the runner's own copy_context(), made once
        var cvar = new ContextVar<int>("cvar", @default: 0);
        PyRun.Program(() =>
        {
            using var runner = Runner();
            runner.Run(Set());
            runner.Run(Get()).ShouldBe(5);
            cvar.Get().ShouldBe(0);
        });

        async Coroutine Set() => cvar.Set(5);

        async Coroutine<int> Get() => cvar.Get();
    }

    [Fact]
    public void Tasks_keep_decimal_like_context_state_per_task()
    {
        // test_asyncio/test_context.py DecimalContextTest.test_asyncio_task_decimal_context
        // (decimal's context is a context variable; here a ContextVar<int> holds the precision)
        var precision = new ContextVar<int>("prec", @default: 28);
        var (results, _) = PyRun.Main(async () => await Gather(Fractions(0.1, 3, 1, 3), Fractions(0.2, 6, 1, 3)));
        results[0].ShouldBe(("0.333", "0.111"));
        results[1].ShouldBe(("0.333333", "0.111111"));

        async Coroutine<(string, string)> Fractions(double t, int prec, int x, int y)
        {
            precision.Set(prec);
            string a = Math.Round((decimal)x / y, precision.Get()).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Sleep(t);
            string b = Math.Round((decimal)x / (y * y), precision.Get()).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (a, b);
        }
    }

    [Fact]
    public void Callbacks_given_a_Context_run_in_a_snapshot_of_it()
    {
        // test_base_events.py test_call_soon (context=); PyAsync converts the Context to its snapshot,
        // so the callback's changes stay out of it (in CPython they would land in ctx).
        var cvar = new ContextVar<string>("cvar", @default: "none");
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var ctx = new Context();
            ctx.Run(() => cvar.Set("in ctx"));
            var seen = new List<string>();
            loop.CallSoon(() =>
            {
                seen.Add(cvar.Get());
                cvar.Set("changed");
            }, context: ctx);
            loop.CallLater(0.1, () => seen.Add(cvar.Get()), context: ctx);
            var f = loop.CreateFuture<int>();
            f.AddDoneCallback(_ => seen.Add(cvar.Get()), context: ctx);
            f.SetResult(1);
            await Sleep(0.2);
            seen.ShouldBe(["in ctx", "in ctx", "in ctx"]);
            ctx[cvar].ShouldBe("in ctx");
            cvar.Get().ShouldBe("none");
        });
    }

    [Fact]
    public void A_task_step_enters_its_context_which_shows_live_values_and_refuses_a_second_entry()
    {
        // test_context.py test_context_run_6 / test_context_run_7 applied to a task step (CPython runs
        // each step with ctx.run), and test_context_getset_4's check passing for one Context shared by two tasks.
        var cvar = new ContextVar<int>("cvar", @default: 0);
        PyRun.Main(async () =>
        {
            var ctx = CopyContext();
            ContextVarToken<int>? token = null;
            await CreateTask(Inside(), context: ctx);
            ctx[cvar].ShouldBe(5);
            await CreateTask(ResetIt(), context: ctx); // the same Context: the token is accepted
            ctx.Get(cvar).ShouldBeNull();

            async Coroutine Inside()
            {
                token = cvar.Set(5);
                ctx[cvar].ShouldBe(5);
                Should.Throw<RuntimeError>(() => ctx.Run(() => { })).Message.ShouldBe($"cannot enter context: {ctx} is already entered");
                new Context().Run(() => ctx[cvar].ShouldBe(5));
                await Sleep(0);
            }

            async Coroutine ResetIt() => cvar.Reset(token!);
        });
    }
}
