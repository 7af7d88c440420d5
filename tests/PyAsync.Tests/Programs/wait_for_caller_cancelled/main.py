import asyncio

async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f'inner cancelled at {asyncio.get_running_loop().time()}')
        raise

async def outer(task):
    try:
        await asyncio.wait_for(task, timeout=5)
    except asyncio.CancelledError:
        print('outer cancelled')
        raise

async def main():
    inner_task = asyncio.create_task(inner())
    outer_task = asyncio.create_task(outer(inner_task))
    await asyncio.sleep(1)
    outer_task.cancel()
    try:
        await outer_task
    except asyncio.CancelledError:
        print('main saw the cancellation')
    print(outer_task.cancelled(), inner_task.cancelled())
    print(asyncio.get_running_loop().time())

asyncio.run(main())
