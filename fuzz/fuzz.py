"""PyAsync's differential fuzzer: random asyncio programs run by CPython and by PyAsync, traces compared.

    python3 fuzz/fuzz.py gen SEED              # prints the program a seed makes (JSON)
    python3 fuzz/fuzz.py py FILE...            # runs programs (a .json program, a regression, or a .jsonl
                                               # of them) under CPython on virtual time; prints the traces
    python3 fuzz/fuzz.py compare --seeds A-B [--python PATH]
                                               # generates seeds A..B, runs them in CPython and in PyAsync
                                               # (one process each), prints each divergence as a diff
    python3 fuzz/fuzz.py shrink SEED [--name NAME] [--python PATH]
                                               # shrinks a diverging seed, writes fuzz/regressions/NAME.json
    python3 fuzz/fuzz.py corpus                # rewrites fuzz/corpus.jsonl (seeds 0..299) from CPython

The language and the trace are described in fuzz/README.md. Stdlib only; Python 3.11+.
"""

import asyncio
import difflib
import glob
import itertools
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(HERE, "corpus.jsonl")
REGRESSIONS = os.path.join(HERE, "regressions")
CORPUS_SEEDS = range(0, 300)

# ---------------------------------------------------------------------------------------------
# Documented differences the generator cannot avoid: the one place where traces are normalised.
# Each entry names the README bullet ("Differences from CPython") it relies on.
# ---------------------------------------------------------------------------------------------
NORMALISATIONS = {
    "stderr-ignored": "Only the trace (stdout) is compared: \"Task exception was never retrieved\" and "
                      "\"coroutine was never awaited\" are reported at other moments (README: "
                      "\"Task exception was never retrieved\", \"coroutine was never awaited\").",
    "shutdown-order": "asyncio.run's shutdown cancels all_tasks(), a set, in an order Python does not define "
                      "(by address); the CPython side lists the tasks in creation order, as PyAsync's AllTasks() "
                      "does (README: \"Set order\"). Done by patching asyncio.tasks.all_tasks in cmd_py.",
    "taskgroup-order": "A failing or cancelled TaskGroup cancels its tasks in the order of a Python set "
                       "(TaskGroup._tasks); the CPython side keeps them in creation order, as PyAsync does "
                       "(README: \"Set order\", which should name TaskGroup too). Done by patching "
                       "TaskGroup.__init__ in cmd_py.",
    "set-order": "Wait's done/pending sets are traced sorted, and AsCompleted's outcomes (a cancelled "
                 "future's CancelledError included) are traced as a sorted list after the loop (README: \"Set order\"; CPython iterates Python sets).",
}

# Where PyAsync follows a newer CPython (README: "Newer CPython behaviour", "Newer combinator
# behaviour followed"), a program that meets it is compared against that version.
NEWER = {
    "3.13-named-task": ("3.13", "a task created with a name does not use up a Task-N number (README says 3.12; 3.12.1 still uses one)"),
    "3.13-taskgroup-recancel": ("3.13", "a TaskGroup that fails while its task is being cancelled from outside "
                                "uncancels and re-cancels the task, so the cancellation is delivered again"),
    "3.13-uncancel": ("3.13", "Uncancel() reaching zero withdraws an undelivered cancellation"),
    "3.12-wait-for": ("3.12", "WaitFor is 3.12's wait_for, built on timeout(): it awaits a coroutine inline, and "
                      "a future that ends in the iteration the timeout expires gives TimeoutError"),
    "3.12-gather-done": ("3.12", "Gather handles the children already done when it is called at once (README says "
                         "3.13 and all done; 3.12.1 does it for each done child)"),
}

BUDGET = 28  # the most statements a program gets; --budget N for larger programs (gen, compare, shrink)
DELAYS = [0, 0, 0.25, 0.5, 0.5, 1, 1.5, 2]


# =============================================================================================
# The generator
# =============================================================================================

class Gen:
    """Makes a random program from a seed. Programs are JSON: {"defs": [...], "main": [...],
    "futs": [[delay, action, value], ...], "event_at": d}. A statement is a list ["op", ...]."""

    def __init__(self, seed):
        self.r = random.Random(seed)
        self.budget = self.r.randint(6, BUDGET)
        self.names = itertools.count()
        self.vars = itertools.count()

    def delay(self):
        return self.r.choice(DELAYS)

    def program(self):
        r = self.r
        ndefs = r.randint(1, 4)
        nfut = r.randint(0, 3)
        self.nfut = nfut
        futs = [[self.r.choice([0.25, 0.5, 1, 1.5, 2, 3]), r.choice(["result", "result", "exc", "cancel", "cancelmsg"]),
                 r.randint(1, 9)] for _ in range(nfut)]
        defs = [None] * ndefs
        for i in reversed(range(ndefs)):
            self.ndefs = ndefs
            defs[i] = {"body": self.body(Scope(i + 1, ndefs), 0), "ret": r.randint(0, 99)}
        self.budget = max(self.budget, r.randint(4, 12))
        main = self.body(Scope(0, ndefs), 0)
        return {"defs": defs, "main": main, "futs": futs, "event_at": r.choice([0.5, 1, 2, 4])}

    def body(self, sc, depth, simple=False):
        n = self.r.randint(1, (8 if sc.lo == 0 else 5) if depth == 0 else 4 if depth < 2 else 2)
        out = []
        for _ in range(n):
            if self.budget <= 0:
                break
            self.budget -= 1
            st = self.stmt(sc, depth, simple)
            if depth == 0 and sc.lo == 0 and st[0] not in ("spawn", "tgspawn") and self.r.random() < 0.4:
                # Main often goes on after a failing step, so that more of the program runs.
                st = ["try", [st], [["Exception", False, []]], None]
            out.append(st)
        if not out:
            out.append(["sleep", self.delay()])
        return out

    def aw(self, sc, depth, allow_coro=True):
        """An awaitable: a coroutine call, a task of the scope, a future, a shield, a gather."""
        r = self.r
        opts = []
        if allow_coro and sc.callable():
            opts += ["c"] * 3
        if sc.tasks:
            opts += ["t"] * 3
        if self.nfut:
            opts += ["f"] * 2
        if depth < 3:
            opts += ["g", "sh"]
        if not opts:
            return ["c", sc.lo] if sc.callable() else ["slp", self.delay()]
        k = r.choice(opts)
        if k == "c":
            return ["c", r.randint(sc.lo, sc.hi - 1)]
        if k == "t":
            return ["t", r.choice(sc.tasks)]
        if k == "f":
            return ["f", r.randrange(self.nfut)]
        if k == "sh":
            return ["sh", self.aw(sc, depth + 1)]
        items = [self.aw(sc, depth + 1) for _ in range(r.randint(1, 3))]
        return ["g", items, r.random() < 0.5]

    def stmt(self, sc, depth, simple):
        r = self.r
        kinds = ["sleep", "sleep", "raise", "evset", "qput"]
        if not simple:
            kinds += ["sleep0", "qget", "evwait", "lock", "sem", "lockwf", "semwf", "evwaitwf"]
            if sc.callable():
                kinds += ["call", "spawn", "spawn", "spawn"]
            if sc.tasks:
                kinds += ["await", "await", "await", "cancel", "cancel", "addcb", "wait", "wait", "ascompleted",
                          "ascompleted"]
            if self.nfut:
                kinds += ["awaitfut", "addcbf", "fcancel"]
            if depth < 3:
                kinds += ["try", "try", "gather", "gather", "waitfor", "shield", "timeout"]
                if sc.callable():
                    kinds += ["tg"]
            if sc.tg and sc.callable():
                kinds += ["tgspawn", "tgspawn"]
            if sc.cm:
                kinds += ["resched"]
            if sc.tasks:
                kinds += ["setname"]
            if self.nfut:
                kinds += ["fset", "callsoon"]
            kinds += ["cancelling"]
            if self.r.random() < 0.3:
                kinds += ["uncancel"]
        k = r.choice(kinds)
        if k == "sleep":
            return ["sleep", self.delay()]
        if k == "sleep0":
            return ["sleep", 0]
        if k == "raise":
            return ["raise", "e%d" % r.randint(0, 9)]
        if k == "evset":
            return ["evset"]
        if k == "evwait":
            return ["evwait"]
        if k == "qput":
            return ["qput", r.randint(0, 9)]
        if k == "qget":
            return ["qget", r.choice([0.25, 1])]
        if k in ("lock", "sem"):
            return [k, self.body(sc, depth + 1, simple=True)]
        if k in ("lockwf", "semwf"):
            return [k, r.choice([0, 0.25, 1, None]), self.body(sc, depth + 1, simple=True)]
        if k == "evwaitwf":
            return [k, r.choice([0, 0.25, 1, None])]
        if k == "call":
            return ["call", r.randint(sc.lo, sc.hi - 1)]
        if k in ("spawn", "tgspawn"):
            v = "t%d" % next(self.vars)
            name = ("n%d" % next(self.names)) if r.random() < 0.3 else None
            sc.tasks.append(v)
            return [k, v, r.randint(sc.lo, sc.hi - 1), name]
        if k == "await":
            return ["await", r.choice(sc.tasks)]
        if k == "cancel":
            return ["cancel", r.choice(sc.tasks), r.choice([None, None, "m%d" % r.randint(0, 9)])]
        if k == "addcb":
            return ["addcb", r.choice(sc.tasks)]
        if k == "awaitfut":
            return ["awaitfut", r.randrange(self.nfut)]
        if k == "addcbf":
            return ["addcbf", r.randrange(self.nfut)]
        if k == "fcancel":
            return ["fcancel", r.randrange(self.nfut), r.choice([None, "m%d" % r.randint(0, 9)])]
        if k == "wait":
            vs = r.sample(sc.tasks, r.randint(1, min(3, len(sc.tasks))))
            fs = [j for j in range(self.nfut) if r.random() < 0.3]
            return ["wait", vs, fs, r.choice(["FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"]),
                    r.choice([None, None, 0, 0.5, 1, 2])]
        if k == "ascompleted":
            vs = r.sample(sc.tasks, r.randint(1, min(3, len(sc.tasks))))
            fs = [j for j in range(self.nfut) if r.random() < 0.3]
            return ["ascompleted", vs, fs, r.choice([None, None, 0.5, 1, 2])]
        if k == "gather":
            items = [self.aw(sc, depth + 1) for _ in range(r.randint(1, 3))]
            return ["gather", items, r.random() < 0.5]
        if k == "waitfor":
            return ["waitfor", self.aw(sc, depth + 1), r.choice([0, 0.25, 0.5, 1, 2, None])]
        if k == "shield":
            return ["shield", self.aw(sc, depth + 1)]
        if k == "timeout":
            inner = sc.child(cm=True)
            return [r.choice(["timeout", "timeout", "timeoutat"]), r.choice([0, 0.25, 0.5, 1, 2, None]),
                    self.body(inner, depth + 1)]
        if k == "resched":
            return ["resched", r.choice([0, 0.25, 0.5, 1, None])]
        if k == "setname":
            return ["setname", r.choice(sc.tasks), "s%d" % next(self.names)]
        if k == "fset":
            return ["fset", r.randrange(self.nfut), r.randint(10, 19)]
        if k == "callsoon":
            return ["callsoon", r.randrange(self.nfut), r.choice(["result", "exc", "cancel", "cancelmsg"]), r.randint(20, 29)]
        if k in ("cancelling", "uncancel"):
            return [k]
        if k == "tg":
            inner = sc.child(tg=True)
            return ["tg", self.body(inner, depth + 1)]
        if k == "try":
            body = self.body(sc.child(), depth + 1)
            handlers = []
            for _ in range(r.randint(0, 2)):
                handlers.append([r.choice(["ValueError", "CancelledError", "TimeoutError", "ExceptionGroup", "Exception"]),
                                 r.random() < 0.3, self.body(sc.child(), depth + 1) if r.random() < 0.4 else []])
            fin = self.body(sc.child(), depth + 1) if (r.random() < 0.4 or not handlers) else None
            return ["try", body, handlers, fin]
        raise AssertionError(k)


class Scope:
    """What a body may use: defs lo..hi-1 (a def calls only later defs, so calls end), the tasks
    spawned before it in its own block or an enclosing one of the same coroutine, and a task group."""

    def __init__(self, lo, hi, tasks=None, tg=False, cm=False):
        self.lo, self.hi, self.tasks, self.tg, self.cm = lo, hi, list(tasks or []), tg, cm

    def callable(self):
        return self.lo < self.hi

    def child(self, tg=None, cm=None):
        return Scope(self.lo, self.hi, self.tasks, self.tg if tg is None else tg, self.cm if cm is None else cm)


def gen(seed):
    return Gen(seed).program()


def check(prog):
    """True when every name a program uses is defined where it is used (the shrinker's filter)."""
    ndefs, nfut = len(prog["defs"]), len(prog["futs"])

    def aw_ok(a, lo, tasks):
        k = a[0]
        if k == "c":
            return lo <= a[1] < ndefs
        if k == "t":
            return a[1] in tasks
        if k == "f":
            return a[1] < nfut
        if k == "sh":
            return aw_ok(a[1], lo, tasks)
        if k == "g":
            return len(a[1]) > 0 and all(aw_ok(x, lo, tasks) for x in a[1])
        return k == "slp"

    def body_ok(body, lo, tasks, tg, cm=False):
        tasks = list(tasks)
        for s in body:
            op = s[0]
            if op in ("call",) and not lo <= s[1] < ndefs:
                return False
            if op in ("spawn", "tgspawn"):
                if not lo <= s[2] < ndefs or (op == "tgspawn" and not tg):
                    return False
                tasks.append(s[1])
            if op in ("await", "cancel", "addcb", "setname") and s[1] not in tasks:
                return False
            if op in ("wait", "ascompleted"):
                if not s[1] + s[2] or any(v not in tasks for v in s[1]) or any(j >= nfut for j in s[2]):
                    return False
            if op in ("awaitfut", "addcbf", "fcancel", "fset", "callsoon") and s[1] >= nfut:
                return False
            if op in ("gather",) and (not s[1] or not all(aw_ok(x, lo, tasks) for x in s[1])):
                return False
            if op in ("waitfor", "shield") and not aw_ok(s[1], lo, tasks):
                return False
            if op in ("lock", "sem") and not body_ok(s[1], lo, tasks, tg, cm):
                return False
            if op in ("lockwf", "semwf") and not body_ok(s[2], lo, tasks, tg, cm):
                return False
            if op in ("timeout", "timeoutat") and not body_ok(s[2], lo, tasks, tg, True):
                return False
            if op == "resched" and not cm:
                return False
            if op == "tg" and not body_ok(s[1], lo, tasks, True, cm):
                return False
            if op == "try":
                if not body_ok(s[1], lo, tasks, tg, cm) or (s[3] is not None and not body_ok(s[3], lo, tasks, tg, cm)):
                    return False
                if any(not body_ok(h[2], lo, tasks, tg, cm) for h in s[2]):
                    return False
        return True

    return body_ok(prog["main"], 0, [], False) and all(
        body_ok(d["body"], i + 1, [], False) for i, d in enumerate(prog["defs"]))


# =============================================================================================
# The CPython interpreter
# =============================================================================================

def fmt_exc(e):
    name = type(e).__name__
    if isinstance(e, BaseExceptionGroup):
        return "%s(%r, [%s])" % (name, e.message, ", ".join(fmt_exc(x) for x in e.exceptions))
    if isinstance(e, TimeoutError):
        return "TimeoutError()"
    return "%s(%s)" % (name, ", ".join(repr(a) for a in e.args))


def fmt_val(v):
    if isinstance(v, BaseException):
        return fmt_exc(v)
    if isinstance(v, list):
        return "[" + ", ".join(fmt_val(x) for x in v) + "]"
    if isinstance(v, bool) or v is None:
        return str(v)
    if isinstance(v, int):
        return str(v)
    return repr(v)


def fmt_state(f):
    if not f.done():
        return "pending"
    if f.cancelled():
        return "cancelled"
    e = f.exception()
    return "exception " + fmt_exc(e) if e is not None else "result " + fmt_val(f.result())


class Interp:
    """Runs one program under CPython's asyncio (on pyvirtual's loop) and records its trace."""

    def __init__(self, prog):
        self.p = prog
        self.trace = []
        self.needs = set()
        self.base = 0
        self.closed = False

    def name_of(self, task):
        n = task.get_name()
        m = re.fullmatch(r"Task-(\d+)", n)
        return "Task-%d" % (int(m.group(1)) - self.base) if m else n

    def log(self, event):
        if self.closed:
            return
        try:
            t = asyncio.current_task()
        except RuntimeError:
            t = None
        who = self.name_of(t) if t is not None else "-"
        self.trace.append("%.2f %s %s" % (self.loop.time(), who, event))

    def label(self, x):
        return self.labels.get(id(x), "?")

    # -- setup ----------------------------------------------------------------------------
    async def main(self):
        self.loop = asyncio.get_running_loop()
        m = re.fullmatch(r"Task-(\d+)", asyncio.current_task().get_name())
        self.base = int(m.group(1)) - 1
        self.labels = {}
        self.futs = []
        for j, (d, action, v) in enumerate(self.p["futs"]):
            f = self.loop.create_future()
            self.futs.append(f)
            self.labels[id(f)] = "f%d" % j
            self.loop.call_later(d, self.complete, j, action, v)
        self.lock = asyncio.Lock()
        self.event = asyncio.Event()
        self.sem = asyncio.Semaphore(2)
        self.queue = asyncio.Queue(maxsize=2)
        self.loop.call_later(self.p["event_at"], self.set_event)
        self.log("start")
        await self.body(self.p["main"], {})
        self.log("main done")
        return 0

    def complete(self, j, action, v):
        f = self.futs[j]
        if f.done():
            self.log("f%d already %s" % (j, fmt_state(f)))
            return
        if action == "result":
            f.set_result(v)
        elif action == "exc":
            f.set_exception(ValueError("f%d" % j))
        elif action == "cancel":
            f.cancel()
        else:
            f.cancel("fm%d" % j)
        self.log("f%d %s" % (j, fmt_state(f)))

    def set_event(self):
        self.event.set()
        self.log("event set by timer")

    def done_cb(self, label):
        def cb(f):
            self.log("done callback %s %s" % (label, fmt_state(f)))
        return cb

    # -- coroutines -----------------------------------------------------------------------
    async def call(self, i):
        d = self.p["defs"][i]
        self.log("c%d start" % i)
        await self.body(d["body"], {})
        self.log("c%d return %d" % (i, d["ret"]))
        return d["ret"]

    async def sleep_for(self, d):
        await asyncio.sleep(d)
        return None

    def make(self, a, env):
        """The awaitable an ["c"|"t"|"f"|"sh"|"g"|"slp", ...] node stands for, created now."""
        k = a[0]
        if k == "c":
            return self.call(a[1])
        if k == "t":
            return env[a[1]]
        if k == "f":
            return self.futs[a[1]]
        if k == "slp":
            return self.sleep_for(a[1])
        if k == "sh":
            return asyncio.shield(self.make(a[1], env))
        if k == "g":
            return self.gather(a[1], a[2], env)
        raise AssertionError(a)

    def gather(self, items, retexc, env):
        args = [self.make(x, env) for x in items]
        if any(isinstance(x, asyncio.Future) and x.done() for x in args):
            self.needs.add("3.12-gather-done")
        return asyncio.gather(*args, return_exceptions=retexc)

    def spawn(self, creator, v, i, name, env):
        if name is not None:
            self.needs.add("3.13-named-task")
            t = creator(self.call(i), name=name)
        else:
            t = creator(self.call(i))
        env[v] = t
        self.labels[id(t)] = v
        self.log("spawned %s %s" % (v, self.name_of(t)))

    async def body(self, body, env):
        for s in body:
            await self.stmt(s, env)

    async def stmt(self, s, env):
        if self.closed:
            # A coroutine of a finished run, closed by the garbage collector (GeneratorExit runs its
            # finally blocks, maybe while a later program runs): it must not act in that program.
            return
        op = s[0]
        if op == "sleep":
            await asyncio.sleep(s[1])
            self.log("slept %s" % s[1])
        elif op == "raise":
            self.log("raise ValueError(%r)" % s[1])
            raise ValueError(s[1])
        elif op == "evset":
            self.event.set()
            self.log("event set")
        elif op == "evwait":
            await self.event.wait()
            self.log("event waited")
        elif op == "qput":
            try:
                self.queue.put_nowait(s[1])
                self.log("put %d" % s[1])
            except asyncio.QueueFull:
                self.log("queue full")
        elif op == "qget":
            try:
                async with asyncio.timeout(s[1]):
                    v = await self.queue.get()
                self.log("got %d" % v)
            except TimeoutError:
                self.log("get timed out")
        elif op in ("lock", "sem"):
            prim = self.lock if op == "lock" else self.sem
            async with prim:
                self.log("%s acquired" % op)
                await self.body(s[1], env)
                self.log("%s releasing" % op)
        elif op in ("lockwf", "semwf"):
            self.needs.add("3.12-wait-for")
            prim = self.lock if op == "lockwf" else self.sem
            await asyncio.wait_for(prim.acquire(), s[1])
            try:
                self.log("%s acquired" % op)
                await self.body(s[2], env)
                self.log("%s releasing" % op)
            finally:
                prim.release()
        elif op == "evwaitwf":
            self.needs.add("3.12-wait-for")
            r = await asyncio.wait_for(self.event.wait(), s[1])
            self.log("event waited -> %s" % fmt_val(r))
        elif op == "call":
            r = await self.call(s[1])
            self.log("call c%d -> %s" % (s[1], fmt_val(r)))
        elif op == "spawn":
            self.spawn(asyncio.create_task, s[1], s[2], s[3], env)
        elif op == "tgspawn":
            self.spawn(env["tg"].create_task, s[1], s[2], s[3], env)
        elif op == "await":
            r = await env[s[1]]
            self.log("awaited %s -> %s" % (s[1], fmt_val(r)))
        elif op == "awaitfut":
            r = await self.futs[s[1]]
            self.log("awaited f%d -> %s" % (s[1], fmt_val(r)))
        elif op == "cancel":
            r = env[s[1]].cancel(*([s[2]] if s[2] is not None else []))
            self.log("cancel %s -> %s" % (s[1], r))
        elif op == "fcancel":
            r = self.futs[s[1]].cancel(*([s[2]] if s[2] is not None else []))
            self.log("cancel f%d -> %s" % (s[1], r))
        elif op == "addcb":
            env[s[1]].add_done_callback(self.done_cb(s[1]))
            self.log("added callback to %s" % s[1])
        elif op == "addcbf":
            self.futs[s[1]].add_done_callback(self.done_cb("f%d" % s[1]))
            self.log("added callback to f%d" % s[1])
        elif op == "gather":
            r = await self.gather(s[1], s[2], env)
            self.log("gather -> %s" % fmt_val(r))
        elif op == "waitfor":
            a = s[1]
            self.needs.add("3.12-wait-for")
            r = await asyncio.wait_for(self.make(a, env), s[2])
            self.log("wait_for -> %s" % fmt_val(r))
        elif op == "shield":
            r = await asyncio.shield(self.make(s[1], env))
            self.log("shield -> %s" % fmt_val(r))
        elif op == "wait":
            fs = [env[v] for v in s[1]] + [self.futs[j] for j in s[2]]
            when = getattr(asyncio, s[3])
            done, pending = await asyncio.wait(fs, timeout=s[4], return_when=when)
            self.log("wait done=%s pending=%s" % (sorted(self.label(x) for x in done),
                                                 sorted(self.label(x) for x in pending)))
        elif op == "ascompleted":
            fs = [env[v] for v in s[1]] + [self.futs[j] for j in s[2]]
            outcomes = []
            for c in asyncio.as_completed(fs, timeout=s[3]):
                try:
                    outcomes.append(fmt_val(await c))
                except asyncio.CancelledError as e:
                    # A cancelled future's error is an outcome (which comes first is set order); the
                    # task's own cancellation is not.
                    if asyncio.current_task().cancelling():
                        raise
                    outcomes.append(fmt_exc(e))
                except Exception as e:
                    outcomes.append(fmt_exc(e))
            self.log("as_completed -> [%s]" % ", ".join(sorted(outcomes)))
        elif op in ("timeout", "timeoutat"):
            outer = env.get("cm")
            cm = asyncio.timeout(s[1]) if op == "timeout" else asyncio.timeout_at(
                None if s[1] is None else self.loop.time() + s[1])
            try:
                async with cm:
                    env["cm"] = cm
                    self.log("%s entered" % op)
                    await self.body(s[2], env)
            finally:
                env["cm"] = outer
            self.log("%s exited expired=%s" % (op, cm.expired()))
        elif op == "resched":
            env["cm"].reschedule(None if s[1] is None else self.loop.time() + s[1])
            self.log("rescheduled %s" % s[1])
        elif op == "setname":
            env[s[1]].set_name(s[2])
            self.log("renamed %s %s" % (s[1], s[2]))
        elif op == "fset":
            try:
                self.futs[s[1]].set_result(s[2])
                self.log("set f%d %d" % (s[1], s[2]))
            except asyncio.InvalidStateError as e:
                self.log("set f%d: %s" % (s[1], fmt_exc(e)))
        elif op == "callsoon":
            self.loop.call_soon(self.complete, s[1], s[2], s[3])
            self.log("call_soon complete f%d" % s[1])
        elif op == "cancelling":
            self.log("cancelling %d" % asyncio.current_task().cancelling())
        elif op == "uncancel":
            self.needs.add("3.13-uncancel")
            self.log("uncancel -> %d" % asyncio.current_task().uncancel())
        elif op == "tg":
            outer = env.get("tg")
            try:
                async with asyncio.TaskGroup() as tg:
                    env["tg"] = tg
                    self.log("taskgroup entered")
                    await self.body(s[1], env)
                    self.log("taskgroup body done")
            except BaseExceptionGroup:
                if asyncio.current_task().cancelling():
                    self.needs.add("3.13-taskgroup-recancel")
                raise
            finally:
                env["tg"] = outer
            self.log("taskgroup exited")
        elif op == "try":
            await self.try_stmt(s, env)
        else:
            raise AssertionError(op)

    async def try_stmt(self, s, env):
        _, body, handlers, fin = s
        try:
            await self.body(body, env)
        except BaseException as e:
            for typ, reraise, hbody in handlers:
                if self.matches(typ, e):
                    self.log("caught %s" % fmt_exc(e))
                    await self.body(hbody, env)
                    if reraise:
                        self.log("re-raise")
                        raise
                    break
            else:
                raise
        finally:
            if fin is not None:
                self.log("finally")
                await self.body(fin, env)

    @staticmethod
    def matches(typ, e):
        if typ == "Exception":
            return isinstance(e, Exception)
        return isinstance(e, {"ValueError": ValueError, "CancelledError": asyncio.CancelledError,
                              "TimeoutError": TimeoutError, "ExceptionGroup": BaseExceptionGroup}[typ])


def run_program(prog):
    """Runs one program; returns (trace lines, the newer behaviours it met)."""
    import pyvirtual
    pyvirtual._now = 0.0
    _created.clear()
    it = Interp(prog)
    try:
        r = asyncio.run(it.main())
        it.trace.append("run -> %s" % fmt_val(r))
    except BaseException as e:  # noqa: B036 - the trace records whatever ends the run
        it.trace.append("run raised %s" % fmt_exc(e))
    it.closed = True
    return it.trace, sorted(it.needs)


def load_programs(files):
    """Programs from files: a program (.json), a regression (.json with "program"), or a .jsonl of them."""
    out = []
    for path in files:
        with open(path) as fh:
            if path.endswith(".jsonl"):
                recs = [json.loads(line) for line in fh if line.strip()]
            else:
                recs = [json.load(fh)]
        for rec in recs:
            out.append(rec["program"] if "program" in rec else rec)
    return out


_created = {}


def _ordered_all_tasks(loop=None, _all_tasks=asyncio.tasks.all_tasks):
    """all_tasks() in creation order (NORMALISATIONS["shutdown-order"])."""
    return sorted(_all_tasks(loop), key=lambda t: _created.get(t, -1))


class _OrderedSet(dict):
    """The set operations TaskGroup uses on _tasks, in insertion order (NORMALISATIONS["taskgroup-order"])."""

    def add(self, item):
        self[item] = None

    def discard(self, item):
        self.pop(item, None)


def _ordered_taskgroup_init(self, _init=asyncio.TaskGroup.__init__):
    _init(self)
    self._tasks = _OrderedSet()


def cmd_py(files, as_json=False):
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    import pyvirtual

    class Loop(pyvirtual.VirtualTimeLoop):
        def call_soon(self, callback, *args, context=None):
            # A task schedules its first step from its constructor: that call dates its creation.
            task = getattr(callback, "__self__", None)
            if isinstance(task, asyncio.Task) and task not in _created:
                _created[task] = len(_created)
            return super().call_soon(callback, *args, context=context)

    class Policy(pyvirtual.VirtualTimePolicy):
        def new_event_loop(self):
            return Loop()

    asyncio.set_event_loop_policy(Policy())
    asyncio.tasks.all_tasks = _ordered_all_tasks
    asyncio.TaskGroup.__init__ = _ordered_taskgroup_init
    import logging
    logging.disable(logging.CRITICAL)
    for prog in load_programs(files):
        trace, needs = run_program(prog)
        if as_json:
            print(json.dumps({"trace": trace, "needs": needs}), flush=True)
        else:
            print("\n".join(trace))
            print("=" * 8)


# =============================================================================================
# Running both, comparing, shrinking
# =============================================================================================

def python_for(version):
    """The interpreter for a version ("3.11" is python3), or None when it is not installed."""
    if version == "3.11":
        return "python3"
    found = sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/%s.*/bin/python3" % version)))
    return found[-1] if found else None


def version_of(python):
    out = subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def needed_version(needs):
    return max([NEWER[n][0] for n in needs], default="3.11")


def run_cpython(programs, python="python3"):
    """Runs programs in one CPython process; returns [(trace, needs)]."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for p in programs:
            fh.write(json.dumps({"program": p}) + "\n")
        path = fh.name
    try:
        out = subprocess.run([python, os.path.abspath(__file__), "py", "--json", path],
                             capture_output=True, text=True, env=dict(os.environ, PYTHONHASHSEED="0"))
        if out.returncode != 0:
            raise SystemExit("CPython interpreter failed:\n" + out.stderr[-4000:])
        recs = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
        return [(r["trace"], r["needs"]) for r in recs]
    finally:
        os.unlink(path)


_built = False


def run_pyasync(programs):
    """Runs programs in one PyAsync process (the C# interpreter); returns [trace]."""
    global _built
    if not _built:
        subprocess.run(["dotnet", "build", os.path.join(HERE, "Fuzz.csproj"), "-c", "Release", "-v", "q", "-nologo"],
                       check=True, stdout=subprocess.DEVNULL)
        _built = True
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for p in programs:
            fh.write(json.dumps({"program": p}) + "\n")
        path = fh.name
    try:
        dll = os.path.join(HERE, "bin", "Release", "net10.0", "PyAsync.Fuzz.dll")
        out = subprocess.run(["dotnet", dll, "--json", path], capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit("PyAsync interpreter failed:\n" + out.stderr[-4000:])
        return [json.loads(line)["trace"] for line in out.stdout.splitlines() if line.strip()]
    finally:
        os.unlink(path)


def run_both(programs, python=None):
    """Traces of CPython (each program against the version it needs, or `python` for all) and PyAsync.
    Returns [(cpython_trace or None, version, pyasync_trace, note)]."""
    cp = run_cpython(programs, python or "python3")
    versions = [version_of(python) if python else "3.11"] * len(programs)
    notes = [""] * len(programs)
    if not python:
        for want in ("3.12", "3.13"):
            idx = [i for i, (_, needs) in enumerate(cp) if needed_version(needs) == want]
            if not idx:
                continue
            exe = python_for(want)
            if exe is None:
                for i in idx:
                    versions[i] = None
                    notes[i] = "CPython %s is not installed: not compared (%s)" % (
                        want, "; ".join(NEWER[n][1] for n in cp[i][1]))
                continue
            again = run_cpython([programs[i] for i in idx], exe)
            for i, r in zip(idx, again):
                cp[i] = r
                versions[i] = want
    ours = run_pyasync(programs)
    return [(c[0] if v else None, v, o, n) for c, v, o, n in zip(cp, versions, ours, notes)]


def parse_range(text):
    a, _, b = text.partition("-")
    return range(int(a), int(b or a) + 1)


def diff(a, b, name):
    return "\n".join(difflib.unified_diff(a, b, "CPython " + name, "PyAsync " + name, lineterm=""))


def cmd_compare(seeds, python=None, quiet=False):
    t0 = time.time()
    programs = [gen(s) for s in seeds]
    results = run_both(programs, python)
    bad, skipped, by_version = [], 0, {}
    for seed, (cp, v, ours, note) in zip(seeds, results):
        if cp is None:
            skipped += 1
            if not quiet:
                print("seed %d: %s" % (seed, note))
            continue
        by_version[v] = by_version.get(v, 0) + 1
        if cp != ours:
            bad.append(seed)
            if not quiet:
                print("=== seed %d diverges (CPython %s)" % (seed, v))
                print(diff(cp, ours, "seed %d" % seed))
    print("%d seeds, %d diverge, %d not compared; compared against %s; %.1f s" % (
        len(seeds), len(bad), skipped, ", ".join("%s: %d" % kv for kv in sorted(by_version.items())),
        time.time() - t0))
    if bad:
        print("diverging seeds:", " ".join(map(str, bad)))
    return bad


def candidates(prog):
    """Programs one step smaller than prog: a statement removed, a block replaced by its body,
    a list shortened, a number made smaller."""
    out = []
    js = json.dumps(prog)

    def at(p, path):
        for k in path:
            p = p[k]
        return p

    def bodies(body, path):
        yield path, body
        for i, s in enumerate(body):
            op = s[0]
            if op in ("lock", "sem", "tg"):
                yield from bodies(s[1], path + [i, 1])
            elif op in ("timeout", "timeoutat", "lockwf", "semwf"):
                yield from bodies(s[2], path + [i, 2])
            elif op == "try":
                yield from bodies(s[1], path + [i, 1])
                for h, hd in enumerate(s[2]):
                    yield from bodies(hd[2], path + [i, 2, h, 2])
                if s[3] is not None:
                    yield from bodies(s[3], path + [i, 3])

    def awaitables(node, path):
        if isinstance(node, list) and node and node[0] in ("g", "sh"):
            yield path, node
        if isinstance(node, list):
            for i, x in enumerate(node):
                yield from awaitables(x, path + [i])

    roots = [(["main"], prog["main"])] + [(["defs", i, "body"], d["body"]) for i, d in enumerate(prog["defs"])]
    for rpath, rbody in roots:
        for path, node in list(bodies(rbody, rpath)):
            for i, s in enumerate(node):
                c = json.loads(js)
                del at(c, path)[i]
                out.append(c)
                subs = []
                if s[0] in ("lock", "sem", "tg"):
                    subs = [s[1]]
                elif s[0] in ("timeout", "timeoutat", "lockwf", "semwf"):
                    subs = [s[2]]
                elif s[0] == "try":
                    subs = [s[1]] + [h[2] for h in s[2]] + ([s[3]] if s[3] else [])
                elif s[0] in ("waitfor", "shield"):
                    subs = [[["gather", [s[1]], False]]]
                for sub in subs:
                    c = json.loads(js)
                    at(c, path)[i:i + 1] = sub
                    out.append(c)
                if s[0] == "try":
                    for h in range(len(s[2])):
                        c = json.loads(js)
                        del at(c, path)[i][2][h]
                        out.append(c)
                    if s[3] is not None:
                        c = json.loads(js)
                        at(c, path)[i][3] = None
                        out.append(c)
                if s[0] in ("gather", "wait", "ascompleted"):
                    for part in ((1, 2) if s[0] != "gather" else (1,)):
                        for k in range(len(s[part])):
                            c = json.loads(js)
                            del at(c, path)[i][part][k]
                            out.append(c)
            for i, s in enumerate(node):
                for apath, a in awaitables(s, path + [i]):
                    inner = a[1][0] if a[0] == "g" else a[1]
                    c = json.loads(js)
                    at(c, apath[:-1])[apath[-1]] = inner
                    out.append(c)
                    if a[0] == "g":
                        for k in range(len(a[1])):
                            c = json.loads(js)
                            del at(c, apath)[1][k]
                            out.append(c)
    # futures and defs at the end can go when unused
    if prog["futs"]:
        c = json.loads(js)
        c["futs"].pop()
        out.append(c)
    if len(prog["defs"]) > 1:
        c = json.loads(js)
        c["defs"].pop()
        out.append(c)
    for i in range(len(prog["defs"])):
        if prog["defs"][i]["body"]:
            c = json.loads(js)
            c["defs"][i]["body"] = []
            out.append(c)
    seen, uniq = set(), []
    for c in out:
        k = json.dumps(c, sort_keys=True)
        if k not in seen and k != json.dumps(prog, sort_keys=True) and check(c):
            seen.add(k)
            uniq.append(c)
    return uniq


def size(prog):
    return len(json.dumps(prog))


def cmd_shrink(seed, name=None, python=None, program=None):
    prog = program or gen(seed)
    (cp, v, ours, note), = run_both([prog], python)
    if cp is None or cp == ours:
        print("seed %s does not diverge (%s)" % (seed, note or "traces equal"))
        return None
    rounds = 0
    while True:
        rounds += 1
        cands = sorted(candidates(prog), key=size)
        if not cands:
            break
        res = run_both(cands, python)
        better = [(c, r) for c, r in zip(cands, res) if r[0] is not None and r[0] != r[2]]
        if not better:
            break
        prog, (cp, v, ours, note) = better[0]
        print("round %d: %d chars" % (rounds, size(prog)), file=sys.stderr)
    name = name or "seed%s" % seed
    rec = {"name": name, "seed": seed, "python": v, "program": prog, "cpython_trace": cp,
           "pyasync_trace": ours, "status": "open", "difference": None}
    # Compared against an older CPython on purpose (--python): is PyAsync's trace the newer one's?
    (_, needs), = run_cpython([prog])
    want = needed_version(needs)
    if python and want > v and python_for(want):
        (newer, _), = run_cpython([prog], python_for(want))
        if newer == ours:
            rec.update(status="newer", newer_python=want, difference="; ".join(
                "%s (%s)" % (NEWER[n][1], NEWER[n][0]) for n in needs))
    os.makedirs(REGRESSIONS, exist_ok=True)
    path = os.path.join(REGRESSIONS, name + ".json")
    write_regression(path, rec)
    print(diff(cp, ours, name))
    print("wrote", os.path.relpath(path))
    return rec


def write_regression(path, rec):
    with open(path, "w") as fh:
        fh.write(json.dumps(rec, indent=1) + "\n")


def cmd_corpus():
    t0 = time.time()
    seeds = list(CORPUS_SEEDS)
    programs = [gen(s) for s in seeds]
    cp = run_cpython(programs)
    versions = ["3.11"] * len(seeds)
    for want in ("3.12", "3.13"):
        idx = [i for i, (_, needs) in enumerate(cp) if needed_version(needs) == want]
        exe = python_for(want)
        if not idx:
            continue
        if exe is None:
            raise SystemExit("CPython %s is needed for %d corpus programs and is not installed" % (want, len(idx)))
        for i, r in zip(idx, run_cpython([programs[i] for i in idx], exe)):
            cp[i] = r
            versions[i] = want
    with open(CORPUS, "w") as fh:
        for s, p, (trace, needs), v in zip(seeds, programs, cp, versions):
            fh.write(json.dumps({"seed": s, "python": v, "needs": needs, "program": p, "trace": trace}) + "\n")
    counts = {v: versions.count(v) for v in sorted(set(versions))}
    print("wrote %d programs to %s (%s) in %.1f s" % (len(seeds), os.path.relpath(CORPUS), counts, time.time() - t0))


def main(argv):
    if not argv:
        sys.exit(__doc__)
    cmd, rest = argv[0], argv[1:]
    python = None
    if "--budget" in rest:
        global BUDGET
        i = rest.index("--budget")
        BUDGET = int(rest[i + 1])
        del rest[i:i + 2]
    if "--python" in rest:
        i = rest.index("--python")
        python = rest[i + 1]
        del rest[i:i + 2]
    if cmd == "gen":
        print(json.dumps(gen(int(rest[0])), indent=1))
    elif cmd == "py":
        as_json = "--json" in rest
        cmd_py([f for f in rest if f != "--json"], as_json)
    elif cmd == "compare" and "--seeds" not in rest:
        progs = load_programs(rest)
        bad = []
        for f, p, (cp, v, ours, note) in zip(rest, progs, run_both(progs, python)):
            print("=== %s (CPython %s): %s" % (f, v, "same" if cp == ours else note or "diverges"))
            if cp is not None and cp != ours:
                bad.append(f)
                print(diff(cp, ours, f))
    elif cmd == "compare":
        i = rest.index("--seeds")
        bad = cmd_compare(list(parse_range(rest[i + 1])), python, quiet="--quiet" in rest)
        sys.exit(1 if bad else 0)
    elif cmd == "shrink":
        name = rest[rest.index("--name") + 1] if "--name" in rest else None
        if "--file" in rest:
            cmd_shrink(None, name, python, load_programs([rest[rest.index("--file") + 1]])[0])
        else:
            cmd_shrink(int(rest[0]), name, python)
    elif cmd == "corpus":
        cmd_corpus()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
