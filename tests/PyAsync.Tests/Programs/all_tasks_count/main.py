import asyncio

async def worker(seconds):
    await asyncio.sleep(seconds)

async def main():
    print(len(asyncio.all_tasks()))
    tasks = [asyncio.create_task(worker(i)) for i in range(1, 4)]
    print(len(asyncio.all_tasks()))
    print(asyncio.current_task() in asyncio.all_tasks())
    await tasks[0]
    print(len(asyncio.all_tasks()))
    await tasks[2]
    print(len(asyncio.all_tasks()))
    print(asyncio.all_tasks() == {asyncio.current_task()})

asyncio.run(main())
