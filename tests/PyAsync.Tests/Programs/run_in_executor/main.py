import asyncio
import threading
import time

def blocking(seconds, ticks_done):
    ticks_done.wait()  # let the ticker finish first, so the output is deterministic
    time.sleep(seconds)
    return f'slept {seconds}'

async def ticker(ticks_done):
    for i in range(3):
        print(f'tick {i} at {asyncio.get_running_loop().time()}')
        await asyncio.sleep(0)
    ticks_done.set()

async def main():
    loop = asyncio.get_running_loop()
    ticks_done = threading.Event()
    task = asyncio.create_task(ticker(ticks_done))
    result = await loop.run_in_executor(None, blocking, 3, ticks_done)
    print(result)
    await task
    print(f'done at {loop.time()}')

asyncio.run(main())
