import asyncio

async def important():
    await asyncio.sleep(3)
    print('important work finished')
    return 'result kept'

async def caller(inner):
    try:
        return await asyncio.shield(inner)
    except asyncio.CancelledError:
        print(f'caller cancelled at {asyncio.get_running_loop().time()}')
        raise

async def main():
    inner = asyncio.create_task(important())
    task = asyncio.create_task(caller(inner))
    await asyncio.sleep(1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print(f'caller task cancelled: {task.cancelled()}, inner done: {inner.done()}')
    print(await inner)
    print(asyncio.get_running_loop().time())

asyncio.run(main())
