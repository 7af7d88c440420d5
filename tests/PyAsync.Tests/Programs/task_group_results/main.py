import asyncio

async def fetch(name, seconds):
    print(f'fetching {name}')
    await asyncio.sleep(seconds)
    print(f'fetched {name} at {asyncio.get_running_loop().time()}')
    return name.upper()

async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(fetch('alpha', 2))
        t2 = tg.create_task(fetch('beta', 1))
        t3 = tg.create_task(fetch('gamma', 3), name='third')
        print('all created')
        print(t1.done(), t2.done(), t3.done())
    # the block ends when every task has finished
    print(f'block done at {asyncio.get_running_loop().time()}')
    print(t1.result(), t2.result(), t3.result())
    print(t3.get_name())

asyncio.run(main())
