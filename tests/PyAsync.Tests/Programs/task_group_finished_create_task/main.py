import asyncio

async def job(n):
    await asyncio.sleep(n)
    return n

async def main():
    tg = asyncio.TaskGroup()
    print(tg)
    coro = job(1)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print(f'RuntimeError: {e}')
    coro.close()  # 3.11 leaves it open, 3.13 closes it: close it either way

    async with tg:
        print(tg)
        task = tg.create_task(job(1))
        print(tg)
    print(tg, task.result())
    coro = job(2)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print(f'RuntimeError: {e}')
    coro.close()
    print(asyncio.get_running_loop().time())

asyncio.run(main())
