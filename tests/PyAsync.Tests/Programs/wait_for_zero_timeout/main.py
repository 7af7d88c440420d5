import asyncio

async def job():
    try:
        await asyncio.sleep(5)
        return 'finished'
    except asyncio.CancelledError:
        print('job cancelled')
        raise

async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(job())
    try:
        await asyncio.wait_for(task, 0)
    except asyncio.TimeoutError as e:
        print(f'TimeoutError {e!r} at {loop.time()}')
    print(task.cancelled())

    task = asyncio.create_task(job())
    await asyncio.sleep(0)
    try:
        await asyncio.wait_for(task, -1)
    except asyncio.TimeoutError:
        print(f'negative timeout at {loop.time()}')
    print(task.cancelled())

asyncio.run(main())
