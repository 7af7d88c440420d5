# What UncaughtExceptionTests runs under CPython; Uncaught.cs is its port. argv[1] is the mode.
# Each mode lets an exception out of the program: CPython prints its traceback and exits with 1.
import asyncio
import sys


async def fail(what):
    await asyncio.sleep(0.01)
    raise ValueError(what)


async def boom(what):
    raise ValueError(what)


async def kept():
    task = asyncio.create_task(fail("kept"))
    await asyncio.sleep(0.1)
    print("main raises", flush=True)
    raise RuntimeError("main failed")


async def dropped():
    asyncio.create_task(fail("dropped"))
    await asyncio.sleep(0.1)
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
