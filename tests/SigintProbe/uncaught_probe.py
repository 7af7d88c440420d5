# What UncaughtExceptionTests runs under CPython; Uncaught.cs is its port. argv[1] is the mode.
# Each mode lets an exception out of the program: CPython prints its traceback and exits with 1.
# Turns of the loop (sleep(0)), not real time, put the task's failure a few iterations before main's
# print: with real-time sleeps both could come in one iteration on a loaded machine, and PyAsync decides
# whether a failed task is still referenced only an iteration after it failed (UnretrievedExceptions).
import asyncio
import sys


async def fail(what):
    await asyncio.sleep(0)
    raise ValueError(what)


async def boom(what):
    raise ValueError(what)


async def kept():
    task = asyncio.create_task(fail("kept"))
    for _ in range(5):
        await asyncio.sleep(0)
    print("main raises", flush=True)
    raise RuntimeError("main failed")


async def dropped():
    asyncio.create_task(fail("dropped"))
    for _ in range(5):
        await asyncio.sleep(0)
    print("main raises", flush=True)
    raise RuntimeError("main failed")


async def group():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(boom("first"))
        tg.create_task(boom("second"))


async def cause():
    await asyncio.sleep(0)
    raise RuntimeError("outer") from ValueError("inner")


async def cancelled():
    asyncio.current_task().cancel()
    await asyncio.sleep(1)


mode = sys.argv[1]
if mode == "after":
    asyncio.run(asyncio.sleep(0))
    print("run returned", flush=True)
    raise ValueError("after run")
asyncio.run({"kept": kept, "dropped": dropped, "group": group, "cause": cause, "cancelled": cancelled}[mode]())
