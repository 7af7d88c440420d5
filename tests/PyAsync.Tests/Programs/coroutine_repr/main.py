import asyncio

async def nested():
    return 'nested result'

async def main():
    coro = nested()
    print(type(coro))
    print(coro)
    print(await coro)
    task = asyncio.create_task(nested())
    print(task.get_coro())
    await task
    print(task.get_coro() is not None)

asyncio.run(main())
