import asyncio

async def delay(seconds):
    await asyncio.sleep(seconds)
    return seconds

async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(delay(s)) for s in (1, 5, 2, 8)]
    try:
        for coro in asyncio.as_completed(tasks, timeout=3):
            result = await coro
            print(f'got {result} at {loop.time()}')
    except asyncio.TimeoutError:
        print(f'timed out at {loop.time()}')
    # the timeout cancels nothing
    print([t.done() for t in tasks])
    print(await tasks[3])
    print(loop.time())

asyncio.run(main())
