import asyncio

# The barrier chapter: workers meet at a Barrier after each phase; wait() returns each party's
# index. Then a barrier that never fills is aborted: its waiters, and later callers, get
# BrokenBarrierError until reset().


async def worker(name, barrier, work):
    for phase in range(2):
        await asyncio.sleep(work)
        print(f'{name} finished phase {phase}, waiting ({barrier.n_waiting} already waiting)')
        index = await barrier.wait()
        if index == 0:
            print(f'-- all {barrier.parties} passed phase {phase}')


async def stuck(name, barrier):
    try:
        await barrier.wait()
    except asyncio.BrokenBarrierError:
        print(f'{name}: BrokenBarrierError')


async def main():
    barrier = asyncio.Barrier(3)
    await asyncio.gather(*(worker(f'worker-{i}', barrier, w) for i, w in enumerate([0.3, 0.1, 0.2])))
    print(barrier)

    # Only two of three parties arrive; the barrier is aborted instead
    barrier = asyncio.Barrier(3)
    tasks = [asyncio.create_task(stuck(f'stuck-{i}', barrier)) for i in range(2)]
    await asyncio.sleep(1)
    print(barrier)
    await barrier.abort()
    await asyncio.gather(*tasks)
    print(barrier, barrier.broken)
    try:
        await barrier.wait()
    except asyncio.BrokenBarrierError:
        print('wait() on a broken barrier: BrokenBarrierError')

    await barrier.reset()
    print(barrier, barrier.broken)

    try:
        asyncio.Barrier(0)
    except ValueError as e:
        print('ValueError:', e)


asyncio.run(main())
