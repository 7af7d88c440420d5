import asyncio

async def worker(name, seconds):
    await asyncio.sleep(seconds)
    print(f'{name} finished at {asyncio.get_running_loop().time()}')
    return name

async def failing(seconds):
    await asyncio.sleep(seconds)
    raise ValueError(f'failed after {seconds}')

async def main():
    slow = asyncio.create_task(worker('slow', 3))
    fast = asyncio.create_task(worker('fast', 0.5))
    try:
        await asyncio.gather(fast, failing(1), slow)
    except ValueError as e:
        print(f'gather raised {e!r} at {asyncio.get_running_loop().time()}')
    # the other children were not cancelled: they keep running
    print(fast.done(), slow.done(), slow.cancelled())
    print(await slow)
    print(f'end at {asyncio.get_running_loop().time()}')

asyncio.run(main())
