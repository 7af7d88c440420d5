import asyncio

async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        task = asyncio.current_task()
        print(f'worker cancelled, cancelling()={task.cancelling()}')
        print(f'uncancel() -> {task.uncancel()}')
        print(f'uncancel() -> {task.uncancel()}')
        await asyncio.sleep(1)
        return 'recovered'
    return 'slept'

async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(1)
    print(task.cancelling())
    task.cancel()
    print(task.cancelling())
    task.cancel()
    print(task.cancelling())
    print(await task)
    print(task.cancelled(), task.cancelling())

asyncio.run(main())
