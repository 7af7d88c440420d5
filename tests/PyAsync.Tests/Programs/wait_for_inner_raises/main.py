import asyncio

async def failing():
    await asyncio.sleep(1)
    raise ValueError('inner failed')

async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(failing())
    try:
        await asyncio.wait_for(task, timeout=5)
    except ValueError as e:
        print(f'wait_for raised {e!r} at {loop.time()}')

    # a plain future that never gets a result is cancelled by the timeout
    fut = loop.create_future()
    try:
        await asyncio.wait_for(fut, timeout=2)
    except TimeoutError:
        print(f'timed out at {loop.time()}')
    print(fut.cancelled())
    print(fut)

asyncio.run(main())
