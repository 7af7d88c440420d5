import asyncio

async def delay(seconds):
    await asyncio.sleep(seconds)
    return seconds

async def main():
    tasks = [asyncio.create_task(delay(s)) for s in (3, 1, 4, 2)]
    for coro in asyncio.as_completed(tasks):
        result = await coro
        print(f'got {result} at {asyncio.get_running_loop().time()}')
    print([t.result() for t in tasks])

asyncio.run(main())
