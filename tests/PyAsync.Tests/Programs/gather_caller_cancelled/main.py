import asyncio

async def child(name, seconds):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f'{name} cancelled at {asyncio.get_running_loop().time()}')
        raise

async def waiter(children):
    try:
        await asyncio.gather(*children)
    except asyncio.CancelledError:
        print('waiter cancelled')
        raise

async def main():
    children = [asyncio.create_task(child(n, 10)) for n in ('x', 'y')]
    task = asyncio.create_task(waiter(children))
    await asyncio.sleep(1)
    print(task)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print('main saw it')
    print(task.cancelled(), [c.cancelled() for c in children])

asyncio.run(main())
