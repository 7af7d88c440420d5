import asyncio

async def main():
    sem = asyncio.Semaphore(0)
    print(sem)
    order = []

    async def take(name):
        async with sem:
            order.append(name)
            await asyncio.sleep(0)

    tasks = {n: asyncio.create_task(take(n)) for n in ['t1', 't2', 't3', 't4']}
    await asyncio.sleep(0)
    print(sem, sem.locked())
    tasks['t1'].cancel()
    sem.release()
    sem.release()
    print(sem)
    await asyncio.sleep(0)
    tasks['t2'].cancel()
    await asyncio.gather(*tasks.values(), return_exceptions=True)
    print(order, [t.cancelled() for t in tasks.values()])
    print(sem, sem.locked())
    b = asyncio.BoundedSemaphore(1)
    print(b)
    try:
        b.release()
    except ValueError as e:
        print('ValueError:', e)
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print('ValueError:', e)

asyncio.run(main())
