import asyncio

async def long_job():
    try:
        await asyncio.sleep(3600)
    finally:
        print(f'cleaning up at {asyncio.get_running_loop().time()}')
        await asyncio.sleep(2)
        print(f'cleaned up at {asyncio.get_running_loop().time()}')

async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(long_job())
    try:
        await asyncio.wait_for(task, timeout=1.5)
    except asyncio.TimeoutError:
        print(f'timeout! at {loop.time()}')
    print(task.done(), task.cancelled())
    print(task)

asyncio.run(main())
