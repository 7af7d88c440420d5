import asyncio

async def child(name, seconds):
    try:
        await asyncio.sleep(seconds)
        print(f'{name} finished')
    except asyncio.CancelledError:
        print(f'{name} cancelled at {asyncio.get_running_loop().time()}')
        raise

async def run_group():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child('one', 1))
            tg.create_task(child('two', 5))
            print('body waiting')
            await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('group cancelled, no ExceptionGroup')
        raise

async def main():
    task = asyncio.create_task(run_group())
    await asyncio.sleep(2)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print(f'main: task cancelled at {asyncio.get_running_loop().time()}')
    print(task.cancelled())

asyncio.run(main())
