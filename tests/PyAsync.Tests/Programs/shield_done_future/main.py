import asyncio

async def answer():
    return 42

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result('ready')
    shielded = asyncio.shield(fut)
    print(shielded is fut)
    print(await shielded)

    task = asyncio.create_task(answer())
    await task
    print(asyncio.shield(task) is task)
    print(await asyncio.shield(task))

    pending = loop.create_future()
    shielded = asyncio.shield(pending)
    print(shielded is pending, shielded.done())
    pending.set_result('later')
    print(await shielded)

asyncio.run(main())
