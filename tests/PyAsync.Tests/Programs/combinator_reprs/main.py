import asyncio

async def work(seconds):
    await asyncio.sleep(seconds)
    return seconds

async def main():
    task = asyncio.create_task(work(1))
    gathered = asyncio.gather(task)
    print(gathered)
    print(task)
    await asyncio.sleep(0)
    print(task)
    print(await gathered)
    print(gathered)

    async with asyncio.TaskGroup() as tg:
        print(tg)
        tg.create_task(work(1))
        tg.create_task(work(2))
        print(tg)
    print(tg)

asyncio.run(main())
