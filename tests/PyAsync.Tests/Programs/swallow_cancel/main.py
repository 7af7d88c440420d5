import asyncio

async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('cancel caught, returning anyway')
        return 'kept going'
    return 'slept'

async def main():
    task = asyncio.create_task(stubborn())
    await asyncio.sleep(1)
    task.cancel()
    result = await task
    print(result)
    print(task.cancelled())
    print(task.done())
    print(task.result())
    print(asyncio.get_running_loop().time())

asyncio.run(main())
