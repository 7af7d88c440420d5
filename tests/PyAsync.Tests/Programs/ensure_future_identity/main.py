import asyncio

async def compute():
    await asyncio.sleep(1)
    return 'computed'

async def main():
    loop = asyncio.get_running_loop()
    coro = compute()
    task = asyncio.ensure_future(coro)
    print(type(task), task.get_name(), task.get_coro() is coro)
    print(asyncio.ensure_future(task) is task)

    fut = loop.create_future()
    print(asyncio.ensure_future(fut) is fut)
    loop.call_later(2, fut.set_result, 'set later')

    print(await task)
    print(await asyncio.ensure_future(fut))
    print(loop.time())

asyncio.run(main())
