import asyncio

async def delay(seconds):
    await asyncio.sleep(seconds)
    return seconds

async def main():
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    ready.set_result(0)
    slow = asyncio.create_task(delay(2))
    fast = asyncio.create_task(delay(1))
    # duplicates count once, and a future already done comes first
    for coro in asyncio.as_completed([slow, ready, fast, slow]):
        print(await coro, loop.time())

asyncio.run(main())
