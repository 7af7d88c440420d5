import asyncio

async def failing():
    await asyncio.sleep(1)
    raise ValueError('bad value')

async def main():
    task = asyncio.create_task(failing())
    try:
        await task
    except ValueError as e:
        print(f'caught: {e}')
    exc = task.exception()
    print(type(exc).__name__, exc)
    print(repr(exc))
    print(task.done(), task.cancelled())
    try:
        task.result()
    except Exception as e:
        print(f'result() raised {e!r}')

asyncio.run(main())
