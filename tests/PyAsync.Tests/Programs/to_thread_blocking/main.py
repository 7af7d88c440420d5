import asyncio
import threading
import time

def blocking_io(seconds, ticks_done):
    ticks_done.wait()  # let the ticker finish first, so the output is deterministic
    print(f'start blocking_io at {time.strftime("%X")}')
    time.sleep(seconds)
    print(f'blocking_io complete at {time.strftime("%X")}')
    return seconds * 10

async def ticker(ticks_done):
    for i in range(3):
        print(f'tick {i} at {time.strftime("%X")}')
        await asyncio.sleep(0)
    ticks_done.set()

async def main():
    print(f'started main at {time.strftime("%X")}')
    ticks_done = threading.Event()
    task = asyncio.create_task(ticker(ticks_done))
    result = await asyncio.to_thread(blocking_io, 2, ticks_done)
    print(result)
    await task
    print(f'finished main at {time.strftime("%X")}')

asyncio.run(main())
