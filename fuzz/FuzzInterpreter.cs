using System.Globalization;
using System.Text.Json.Nodes;
using static PyAsync.Asyncio;

namespace PyAsync.Fuzz;

/// <summary>
/// Runs a fuzz program (the JSON tree fuzz/fuzz.py generates) with PyAsync on a virtual clock and
/// records its trace. It is fuzz.py's CPython interpreter line for line, written as a port: the same
/// statements, the same trace lines, through <c>using static PyAsync.Asyncio;</c>.
/// </summary>
public sealed class FuzzInterpreter
{
    /// <summary>How long one program may take in real time before it counts as hung.</summary>
    public static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(30);

    private readonly JsonNode _program;
    private readonly List<string> _trace = [];
    private readonly Dictionary<object, string> _labels = new(ReferenceEqualityComparer.Instance);
    private readonly List<Future<object?>> _futs = [];
    private EventLoop _loop = null!;
    private PyLock _lock = null!;
    private Event _event = null!;
    private PySemaphore _sem = null!;
    private PyQueue<int> _queue = null!;

    private FuzzInterpreter(JsonNode program) => _program = program;

    /// <summary>The programs in a file: a program (.json), a regression (.json with "program"), or a .jsonl of either.</summary>
    public static List<JsonNode> Load(string path)
    {
        var records = path.EndsWith(".jsonl", StringComparison.Ordinal)
            ? File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => JsonNode.Parse(l)!).ToList()
            : [JsonNode.Parse(File.ReadAllText(path))!];
        return records.Select(r => r["program"] ?? r).ToList();
    }

    /// <summary>Runs one program in a fresh program context (its own clock, task names from Task-1) and returns its trace.</summary>
    public static List<string> Trace(JsonNode program)
    {
        var interpreter = new FuzzInterpreter(program);
        Exception? failure = null;
        using (ProgramContext.Enter(TextWriter.Null, TextWriter.Null, new VirtualClock()))
        {
            var thread = new Thread(() =>
            {
                try { interpreter.RunProgram(); }
                catch (Exception e) { failure = e; }
            }, 8 * 1024 * 1024) { IsBackground = true, Name = "fuzz program" };
            thread.Start();
            if (!thread.Join(Watchdog))
                throw new TimeoutException($"The program did not finish within {Watchdog.TotalSeconds} s:\n{string.Join("\n", interpreter._trace)}");
        }
        if (failure is not null) throw new InvalidOperationException("The interpreter failed", failure);
        return interpreter._trace;
    }

    private void RunProgram()
    {
        try
        {
            var r = Run(Main());
            _trace.Add($"run -> {FmtVal(r)}");
        }
        catch (Exception e)
        {
            _trace.Add($"run raised {FmtExc(e)}");
        }
    }

    // -- formatting -------------------------------------------------------------------------

    private static string FmtExc(Exception e)
    {
        switch (e)
        {
            case ExceptionGroup g:
                return $"ExceptionGroup({Repr(g.Args[0])}, [{string.Join(", ", g.Exceptions.Select(FmtExc))}])";
            case TimeoutError:
                return "TimeoutError()";
            case IPyException p:
                return $"{e.GetType().Name}({string.Join(", ", p.Args.Select(a => Repr(a)))})";
            default:
                return $"{e.GetType().FullName}({Repr(e.Message)})";
        }
    }

    private static string FmtVal(object? v) => v switch
    {
        null => "None",
        Exception e => FmtExc(e),
        bool b => b ? "True" : "False",
        int i => i.ToString(CultureInfo.InvariantCulture),
        List<object?> list => "[" + string.Join(", ", list.Select(FmtVal)) + "]",
        _ => Repr(v),
    };

    private static string FmtState(Future f)
    {
        if (!f.Done()) return "pending";
        if (f.Cancelled()) return "cancelled";
        var e = f.Exception();
        return e is not null ? "exception " + FmtExc(e) : "result " + FmtVal(f.Result());
    }

    private static string Num(JsonNode? n) => n!.ToJsonString();

    private static double? Delay(JsonNode? n) => n is null ? null : n.GetValue<double>();

    private static string Str(JsonNode? n) => n!.GetValue<string>();

    private static int Int(JsonNode? n) => n!.GetValue<int>();

    private void Log(string ev)
    {
        var task = CurrentTask();
        var who = task is null ? "-" : task.GetName();
        _trace.Add($"{_loop.Time().ToString("F2", CultureInfo.InvariantCulture)} {who} {ev}");
    }

    // -- setup ------------------------------------------------------------------------------

    private async Coroutine<object?> Main()
    {
        _loop = GetRunningLoop();
        var futs = _program["futs"]!.AsArray();
        for (int j = 0; j < futs.Count; j++)
        {
            var f = _loop.CreateFuture<object?>();
            _futs.Add(f);
            _labels[f] = $"f{j}";
            int jj = j;
            string action = Str(futs[j]![1]);
            int v = Int(futs[j]![2]);
            _loop.CallLater(futs[j]![0]!.GetValue<double>(), () => Complete(jj, action, v));
        }
        _lock = Lock();
        _event = Event();
        _sem = Semaphore(2);
        _queue = Queue<int>(maxsize: 2);
        _loop.CallLater(_program["event_at"]!.GetValue<double>(), SetEvent);
        Log("start");
        await Body(_program["main"]!.AsArray(), []);
        Log("main done");
        return 0;
    }

    private void Complete(int j, string action, int v)
    {
        var f = _futs[j];
        if (f.Done())
        {
            Log($"f{j} already {FmtState(f)}");
            return;
        }
        switch (action)
        {
            case "result": f.SetResult(v); break;
            case "exc": f.SetException(new ValueError($"f{j}")); break;
            case "cancel": f.Cancel(); break;
            default: f.Cancel($"fm{j}"); break;
        }
        Log($"f{j} {FmtState(f)}");
    }

    private void SetEvent()
    {
        _event.Set();
        Log("event set by timer");
    }

    private Action<Future> DoneCallback(string label) => f => Log($"done callback {label} {FmtState(f)}");

    // -- coroutines -------------------------------------------------------------------------

    private async Coroutine<object?> Call(int i)
    {
        var d = _program["defs"]![i]!;
        Log($"c{i} start");
        await Body(d["body"]!.AsArray(), []);
        int ret = Int(d["ret"]);
        Log($"c{i} return {ret}");
        return ret;
    }

    private static async Coroutine<object?> SleepFor(double d)
    {
        await Sleep(d);
        return null;
    }

    // Untyped awaitables, as the program's values are: Shield<T>/WaitFor<T> of an IAwaitable<T> reached
    // through covariance (a Gather's list as an object) would wrap it in a chained future, one iteration late.
    private IAwaitable Make(JsonArray a, Dictionary<string, object?> env) => Str(a[0]) switch
    {
        "c" => Call(Int(a[1])),
        "t" => (PyTask<object?>)env[Str(a[1])]!,
        "f" => _futs[Int(a[1])],
        "slp" => SleepFor(a[1]!.GetValue<double>()),
        "sh" => Shield(Make(a[1]!.AsArray(), env)),
        "g" => Gather(a[1]!.AsArray(), a[2]!.GetValue<bool>(), env),
        _ => throw new InvalidOperationException($"unknown awaitable {a.ToJsonString()}"),
    };

    private GatheringFuture<List<object?>> Gather(JsonArray items, bool returnExceptions, Dictionary<string, object?> env) =>
        Asyncio.Gather(returnExceptions, items.Select(x => Make(x!.AsArray(), env)).ToArray());

    private void Spawn(Func<Coroutine<object?>, string?, PyTask<object?>> creator, JsonArray s, Dictionary<string, object?> env)
    {
        string v = Str(s[1]);
        var t = creator(Call(Int(s[2])), s[3] is null ? null : Str(s[3]));
        env[v] = t;
        _labels[t] = v;
        Log($"spawned {v} {t.GetName()}");
    }

    private async Coroutine Body(JsonArray body, Dictionary<string, object?> env)
    {
        foreach (var s in body) await Stmt(s!.AsArray(), env);
    }

    private async Coroutine Stmt(JsonArray s, Dictionary<string, object?> env)
    {
        switch (Str(s[0]))
        {
            case "sleep":
                await Sleep(s[1]!.GetValue<double>());
                Log($"slept {Num(s[1])}");
                break;
            case "raise":
                Log($"raise ValueError({Repr(Str(s[1]))})");
                throw new ValueError(Str(s[1]));
            case "evset":
                _event.Set();
                Log("event set");
                break;
            case "evwait":
                await _event.Wait();
                Log("event waited");
                break;
            case "qput":
                try
                {
                    _queue.PutNowait(Int(s[1]));
                    Log($"put {Int(s[1])}");
                }
                catch (QueueFull)
                {
                    Log("queue full");
                }
                break;
            case "qget":
                try
                {
                    int v = 0;
                    await Timeout(Delay(s[1]), async cm => { v = await _queue.Get(); });
                    Log($"got {v}");
                }
                catch (TimeoutError)
                {
                    Log("get timed out");
                }
                break;
            case "lock":
                using (await _lock.Acquire())
                {
                    Log("lock acquired");
                    await Body(s[1]!.AsArray(), env);
                    Log("lock releasing");
                }
                break;
            case "sem":
                using (await _sem.Acquire())
                {
                    Log("sem acquired");
                    await Body(s[1]!.AsArray(), env);
                    Log("sem releasing");
                }
                break;
            case "lockwf":
                using (await WaitFor(_lock.Acquire(), Delay(s[1])))
                {
                    Log("lockwf acquired");
                    await Body(s[2]!.AsArray(), env);
                    Log("lockwf releasing");
                }
                break;
            case "semwf":
                using (await WaitFor(_sem.Acquire(), Delay(s[1])))
                {
                    Log("semwf acquired");
                    await Body(s[2]!.AsArray(), env);
                    Log("semwf releasing");
                }
                break;
            case "evwaitwf":
                {
                    var r = await WaitFor(_event.Wait(), Delay(s[1]));
                    Log($"event waited -> {FmtVal(r)}");
                    break;
                }
            case "call":
                {
                    var r = await Call(Int(s[1]));
                    Log($"call c{Int(s[1])} -> {FmtVal(r)}");
                    break;
                }
            case "spawn":
                Spawn((c, name) => CreateTask(c, name: name), s, env);
                break;
            case "tgspawn":
                {
                    var tg = (TaskGroup)env["tg"]!;
                    Spawn((c, name) => tg.CreateTask(c, name: name), s, env);
                    break;
                }
            case "await":
                {
                    var r = await (PyTask<object?>)env[Str(s[1])]!;
                    Log($"awaited {Str(s[1])} -> {FmtVal(r)}");
                    break;
                }
            case "awaitfut":
                {
                    var r = await _futs[Int(s[1])];
                    Log($"awaited f{Int(s[1])} -> {FmtVal(r)}");
                    break;
                }
            case "cancel":
                {
                    var r = ((PyTask<object?>)env[Str(s[1])]!).Cancel(s[2] is null ? null : Str(s[2]));
                    Log($"cancel {Str(s[1])} -> {FmtVal(r)}");
                    break;
                }
            case "fcancel":
                {
                    var r = _futs[Int(s[1])].Cancel(s[2] is null ? null : Str(s[2]));
                    Log($"cancel f{Int(s[1])} -> {FmtVal(r)}");
                    break;
                }
            case "addcb":
                ((Future)env[Str(s[1])]!).AddDoneCallback(DoneCallback(Str(s[1])));
                Log($"added callback to {Str(s[1])}");
                break;
            case "addcbf":
                ((Future)_futs[Int(s[1])]).AddDoneCallback(DoneCallback($"f{Int(s[1])}"));
                Log($"added callback to f{Int(s[1])}");
                break;
            case "gather":
                {
                    var r = await Gather(s[1]!.AsArray(), s[2]!.GetValue<bool>(), env);
                    Log($"gather -> {FmtVal(r)}");
                    break;
                }
            case "waitfor":
                {
                    var r = await WaitFor(Make(s[1]!.AsArray(), env), Delay(s[2]));
                    Log($"wait_for -> {FmtVal(r)}");
                    break;
                }
            case "shield":
                {
                    var r = await Shield(Make(s[1]!.AsArray(), env));
                    Log($"shield -> {FmtVal(r)}");
                    break;
                }
            case "wait":
                {
                    var fs = Awaited(s, env);
                    var when = Str(s[3]) switch
                    {
                        "FIRST_COMPLETED" => FirstCompleted,
                        "FIRST_EXCEPTION" => FirstException,
                        _ => AllCompleted,
                    };
                    var (done, pending) = await Wait(fs, timeout: Delay(s[4]), returnWhen: when);
                    Log($"wait done={Labels(done)} pending={Labels(pending)}");
                    break;
                }
            case "ascompleted":
                {
                    var outcomes = new List<string>();
                    foreach (var c in AsCompleted(Awaited(s, env), timeout: Delay(s[3])))
                    {
                        try
                        {
                            outcomes.Add(FmtVal(await c));
                        }
                        catch (CancelledError e) when (CurrentTask()!.Cancelling() == 0)
                        {
                            // A cancelled future's error is an outcome (which comes first is set order in
                            // CPython); the task's own cancellation is not.
                            outcomes.Add(FmtExc(e));
                        }
                        catch (Exception e) when (e is not CancelledError)
                        {
                            outcomes.Add(FmtExc(e));
                        }
                    }
                    outcomes.Sort(StringComparer.Ordinal);
                    Log($"as_completed -> [{string.Join(", ", outcomes)}]");
                    break;
                }
            case "timeout":
            case "timeoutat":
                {
                    string op = Str(s[0]);
                    env.TryGetValue("cm", out var outer);
                    PyTimeout? timeout = null;
                    Func<PyTimeout, Coroutine> block = async cm =>
                    {
                        timeout = cm;
                        env["cm"] = cm;
                        Log($"{op} entered");
                        await Body(s[2]!.AsArray(), env);
                    };
                    try
                    {
                        if (op == "timeout") await Timeout(Delay(s[1]), block);
                        else await TimeoutAt(Delay(s[1]) is { } d ? _loop.Time() + d : null, block);
                    }
                    finally
                    {
                        env["cm"] = outer;
                    }
                    Log($"{op} exited expired={FmtVal(timeout!.Expired())}");
                    break;
                }
            case "resched":
                ((PyTimeout)env["cm"]!).Reschedule(Delay(s[1]) is { } delta ? _loop.Time() + delta : null);
                Log($"rescheduled {(s[1] is null ? "None" : Num(s[1]))}");
                break;
            case "setname":
                ((PyTask<object?>)env[Str(s[1])]!).SetName(Str(s[2]));
                Log($"renamed {Str(s[1])} {Str(s[2])}");
                break;
            case "fset":
                try
                {
                    _futs[Int(s[1])].SetResult(Int(s[2]));
                    Log($"set f{Int(s[1])} {Int(s[2])}");
                }
                catch (InvalidStateError e)
                {
                    Log($"set f{Int(s[1])}: {FmtExc(e)}");
                }
                break;
            case "callsoon":
                {
                    int j = Int(s[1]), v = Int(s[3]);
                    string action = Str(s[2]);
                    _loop.CallSoon(() => Complete(j, action, v));
                    Log($"call_soon complete f{j}");
                    break;
                }
            case "cancelling":
                Log($"cancelling {CurrentTask()!.Cancelling()}");
                break;
            case "uncancel":
                Log($"uncancel -> {CurrentTask()!.Uncancel()}");
                break;
            case "tg":
                {
                    env.TryGetValue("tg", out var outer);
                    try
                    {
                        await TaskGroup(async tg =>
                        {
                            env["tg"] = tg;
                            Log("taskgroup entered");
                            await Body(s[1]!.AsArray(), env);
                            Log("taskgroup body done");
                        });
                    }
                    finally
                    {
                        env["tg"] = outer;
                    }
                    Log("taskgroup exited");
                    break;
                }
            case "try":
                await Try(s, env);
                break;
            default:
                throw new InvalidOperationException($"unknown statement {s.ToJsonString()}");
        }
    }

    private List<IAwaitable> Awaited(JsonArray s, Dictionary<string, object?> env) =>
        s[1]!.AsArray().Select(v => (IAwaitable)env[Str(v)]!)
            .Concat(s[2]!.AsArray().Select(j => (IAwaitable)_futs[Int(j)]))
            .ToList();

    private string Labels(IEnumerable<Future> fs)
    {
        var names = fs.Select(f => _labels.TryGetValue(f, out var l) ? l : "?").ToList();
        names.Sort(StringComparer.Ordinal);
        return "[" + string.Join(", ", names.Select(n => Repr(n))) + "]";
    }

    private async Coroutine Try(JsonArray s, Dictionary<string, object?> env)
    {
        var handlers = s[2]!.AsArray();
        var fin = s[3]?.AsArray();
        try
        {
            try
            {
                await Body(s[1]!.AsArray(), env);
            }
            catch (Exception e)
            {
                var h = handlers.FirstOrDefault(h => Matches(Str(h![0]), e))?.AsArray();
                if (h is null) throw;
                Log($"caught {FmtExc(e)}");
                await Body(h[2]!.AsArray(), env);
                if (h[1]!.GetValue<bool>())
                {
                    Log("re-raise");
                    throw;
                }
            }
        }
        finally
        {
            if (fin is not null)
            {
                Log("finally");
                await Body(fin, env);
            }
        }
    }

    private static bool Matches(string type, Exception e) => type switch
    {
        "Exception" => e is not CancelledError,
        "ValueError" => e is ValueError,
        "CancelledError" => e is CancelledError,
        "TimeoutError" => e is TimeoutError,
        "ExceptionGroup" => e is ExceptionGroup,
        _ => throw new InvalidOperationException(type),
    };
}
