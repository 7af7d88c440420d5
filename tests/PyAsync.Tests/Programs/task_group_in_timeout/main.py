import asyncio

async def worker(name, seconds):
    try:
        await asyncio.sleep(seconds)
        print(f'{name} done')
    except asyncio.CancelledError:
        print(f'{name} cancelled at {asyncio.get_running_loop().time()}')
        raise

async def main():
    try:
        async with asyncio.timeout(2) as cm:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(worker('short', 1))
                tg.create_task(worker('long', 5))
    except TimeoutError:
        print(f'timed out at {asyncio.get_running_loop().time()}: {cm.expired()}')

    async with asyncio.timeout(10) as cm:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(worker('fits', 3))
    print(f'in time at {asyncio.get_running_loop().time()}: {cm.expired()}')

asyncio.run(main())
