import asyncio

async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('inner cancelled')
        raise

async def outer(task):
    try:
        await task
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
        print('main saw outer cancelled')
    print(f'outer cancelled: {outer_task.cancelled()}')
    print(f'inner cancelled: {inner_task.cancelled()}')

asyncio.run(main())
