import asyncio

async def sleeper():
    await asyncio.sleep(10)

async def answer():
    await asyncio.sleep(1)
    return 42

async def failing():
    raise ValueError('oops')

async def main():
    task = asyncio.create_task(sleeper())
    print(task)  # pending, not started
    await asyncio.sleep(0)
    print(task)  # waiting on the sleep
    task.cancel()
    print(task)  # cancelling
    try:
        await task
    except asyncio.CancelledError:
        pass
    print(task)  # cancelled

    task = asyncio.create_task(answer())
    await task
    print(task)  # finished with a result

    task = asyncio.create_task(failing())
    try:
        await task
    except ValueError:
        pass
    print(task)  # finished with an exception

asyncio.run(main())
