import asyncio

async def worker(name, seconds):
    await asyncio.sleep(seconds)
    print(f'{name} finished at {asyncio.get_running_loop().time()}')
    return name

async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(worker('a', 5))
        b = tg.create_task(worker('b', 2))
        asyncio.get_running_loop().call_later(1, a.cancel)
    # a child cancelled from outside is not an error: the group goes on
    print(f'group done at {asyncio.get_running_loop().time()}')
    print(a.cancelled(), b.result())

asyncio.run(main())
