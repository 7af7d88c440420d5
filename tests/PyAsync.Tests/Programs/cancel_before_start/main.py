import asyncio

async def body():
    print('body started')  # never printed
    await asyncio.sleep(1)

async def main():
    task = asyncio.create_task(body())
    print(task.cancel())
    print(task.cancelled())
    try:
        await task
    except asyncio.CancelledError:
        print('cancelled before it started')
    print(task.cancelled())

asyncio.run(main())
