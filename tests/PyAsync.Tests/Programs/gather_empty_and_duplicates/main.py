import asyncio

calls = 0

async def counted():
    global calls
    calls += 1
    await asyncio.sleep(1)
    return calls

async def main():
    empty = asyncio.gather()
    print(empty.done())
    print(await empty)

    coro = counted()
    print(await asyncio.gather(coro, coro))
    print(f'calls: {calls}')

    task = asyncio.create_task(counted())
    print(await asyncio.gather(task, task, counted()))
    print(f'calls: {calls}')
    print(asyncio.get_running_loop().time())

asyncio.run(main())
