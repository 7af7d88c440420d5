import asyncio

async def delay(seconds, value):
    await asyncio.sleep(seconds)
    return value

async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(delay(1, 'quick'))
    print(await asyncio.wait_for(task, timeout=2))
    print(loop.time())

    # timeout=None waits as long as it takes
    print(await asyncio.wait_for(delay(100, 'patient'), None))
    print(loop.time())

    # an already finished task gives its result at once
    print(await asyncio.wait_for(task, 0))
    print(loop.time())

asyncio.run(main())
