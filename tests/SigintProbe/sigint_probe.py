# What RunnerSigintTests sends SIGINT to, under CPython; Program.cs is its port.
# argv[1]: "reraise" (main lets the CancelledError out) or "swallow" (main catches it and returns).
import asyncio
import sys


async def worker():
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        print("worker cancelled", flush=True)
        raise


async def main(mode):
    task = asyncio.create_task(worker())
    await asyncio.sleep(0)
    print("ready", flush=True)
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError as e:
        print(f"main cancelled {e.args!r}", flush=True)
        if mode == "reraise":
            raise
    return "main returned"


try:
    print(asyncio.run(main(sys.argv[1])), flush=True)
except KeyboardInterrupt as e:
    print(f"KeyboardInterrupt {e.args!r}", flush=True)
    sys.exit(130)
