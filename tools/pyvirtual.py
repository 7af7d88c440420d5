"""Run a Python asyncio program with a virtual clock, the way PyAsync's VirtualClock runs its ports.

    python3 tools/pyvirtual.py path/to/program.py

The program runs unchanged (as __main__, with its own folder on sys.path), but:

* time.monotonic() and time.perf_counter() start at 0.0 and only move when the event loop has
  nothing to do: instead of sleeping until the next timer, the loop jumps the clock to it. It does
  not jump while run_in_executor()/to_thread() work is pending, or while a child process started with
  create_subprocess_exec()/create_subprocess_shell() runs; those are waited for for real.
* time.time() is 2025-01-01 12:00:00 UTC plus that virtual time; time.strftime() and
  time.localtime() use it, in UTC.
* time.sleep(s) advances the virtual clock by s instead of blocking.
* Timers due at the same virtual time fire in the order they were scheduled, as they do in real
  CPython, where two deadlines are never exactly equal.

So a program that sleeps 10 s finishes at once and prints what it would print in real time, with
reproducible timestamps.
"""

import asyncio
import heapq
import itertools
import os
import runpy
import selectors
import sys
import threading
import time

from asyncio import events

VIRTUAL_EPOCH = 1735732800.0  # 2025-01-01T12:00:00Z, VirtualClock.DefaultStart

_now = 0.0
_lock = threading.Lock()
_real_strftime = time.strftime
_real_gmtime = time.gmtime


def _monotonic():
    return _now


def _advance_to(when):
    global _now
    with _lock:
        if when > _now:
            _now = when


def _sleep(seconds):
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    global _now
    with _lock:
        _now += seconds


def _time():
    return VIRTUAL_EPOCH + _now


def _localtime(secs=None):
    return _real_gmtime(_time() if secs is None else secs)


def _strftime(fmt, t=None):
    return _real_strftime(fmt, _localtime() if t is None else t)


time.monotonic = _monotonic
time.perf_counter = _monotonic
time.time = _time
time.sleep = _sleep
time.localtime = _localtime
time.strftime = _strftime
time.ctime = lambda secs=None: time.asctime(_localtime(secs))
os.environ["TZ"] = "UTC"

_sequence = itertools.count()


class _OrderedTimerHandle(events.TimerHandle):
    """A TimerHandle that breaks ties between equal deadlines by scheduling order."""

    __slots__ = ("_seq",)

    def _key(self):
        return (self._when, self._seq)

    def __lt__(self, other):
        return self._key() < other._key()

    def __le__(self, other):
        return self._key() <= other._key()

    def __gt__(self, other):
        return self._key() > other._key()

    def __ge__(self, other):
        return self._key() >= other._key()

    def __eq__(self, other):
        return self is other

    __hash__ = events.TimerHandle.__hash__


# Reprs must read as in real CPython: <TimerHandle when=... callback()>.
_OrderedTimerHandle.__name__ = _OrderedTimerHandle.__qualname__ = "TimerHandle"


def _children_running():
    # A child process runs while asyncio's ThreadedChildWatcher (3.11's default) waits for it in a thread of its own;
    # the thread's call_soon_threadsafe wakes the selector when the child ends. As in PyAsync, it is outside work.
    return any(t.name.startswith("asyncio-waitpid-") and t.is_alive() for t in threading.enumerate())


class _VirtualSelector:
    """Wraps the loop's selector: where the loop would block until its next timer, jump the clock."""

    def __init__(self, loop, selector):
        self._loop = loop
        self._selector = selector

    def __getattr__(self, name):
        return getattr(self._selector, name)

    def select(self, timeout=None):
        ready = self._selector.select(0)
        if ready or timeout == 0:
            return ready
        if self._loop._executor_pending or timeout is None or _children_running():
            return self._selector.select(timeout)
        if self._loop._scheduled:
            _advance_to(self._loop._scheduled[0]._when)
        return []


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__()
        self._selector = _VirtualSelector(self, self._selector)
        self._executor_pending = 0
        self._clock_resolution = 1e-09

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_at")
        timer = _OrderedTimerHandle(when, callback, args, self, context)
        timer._seq = next(_sequence)
        if timer._source_traceback:
            del timer._source_traceback[-1]
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    async def shutdown_default_executor(self, *args, **kwargs):
        # 3.12+ waits for the executor's threads under a 300 s timeout; the thread that joins them
        # is outside work too, or the clock would jump past the timeout at once.
        self._executor_pending += 1
        try:
            await super().shutdown_default_executor(*args, **kwargs)
        finally:
            self._executor_pending -= 1

    def run_in_executor(self, executor, func, *args):
        self._executor_pending += 1
        future = super().run_in_executor(executor, func, *args)

        def done(_):
            self._executor_pending -= 1

        future.add_done_callback(done)
        return future


class VirtualTimePolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualTimeLoop()


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: pyvirtual.py program.py [args...]")
    path = os.path.abspath(sys.argv[1])
    sys.argv = sys.argv[1:]
    sys.path.insert(0, os.path.dirname(path))
    asyncio.set_event_loop_policy(VirtualTimePolicy())
    runpy.run_path(path, run_name="__main__")


if __name__ == "__main__":
    main()
