import asyncio

async def main():
    cond = asyncio.Condition()
    print(cond)
    try:
        cond.notify()
    except RuntimeError as e:
        print('RuntimeError:', e)
    try:
        await cond.wait()
    except RuntimeError as e:
        print('RuntimeError:', e)

    async def waiter(name):
        async with cond:
            try:
                await cond.wait()
                print(name, 'notified, locked:', cond.locked())
            except asyncio.CancelledError:
                print(name, 'cancelled, locked:', cond.locked())
                raise

    ws = [asyncio.create_task(waiter(f'w{i}')) for i in range(3)]
    await asyncio.sleep(0)
    print(cond)
    async with cond:
        cond.notify(1)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(cond)
    async with cond:
        cond.notify_all()
    await asyncio.gather(*ws, return_exceptions=True)
    print([w.cancelled() for w in ws], cond)

    barrier = asyncio.Barrier(3)
    print(barrier)

    async def party(name):
        try:
            i = await barrier.wait()
            print(name, 'passed with index', i)
        except asyncio.BrokenBarrierError as e:
            print(name, 'BrokenBarrierError:', e)

    ps = [asyncio.create_task(party(f'p{i}')) for i in range(2)]
    await asyncio.sleep(0)
    print(barrier, barrier.n_waiting)
    await barrier.reset()
    print(barrier)
    await asyncio.gather(*ps)
    print(barrier)
    ps = [asyncio.create_task(party(f'q{i}')) for i in range(3)]
    await asyncio.sleep(0)
    print(barrier)
    await asyncio.gather(*ps)
    await barrier.abort()
    print(barrier, barrier.broken)
    await party('late')
    try:
        asyncio.Barrier(0)
    except ValueError as e:
        print('ValueError:', e)

asyncio.run(main())
