import asyncio

async def worker(lock, name, log):
    log.append(f'{name} waits')
    async with lock:
        log.append(f'{name} holds')
        await asyncio.sleep(1)
    log.append(f'{name} done')

async def main():
    lock = asyncio.Lock()
    log = []
    print(lock)
    print(type(lock))
    tasks = [asyncio.create_task(worker(lock, n, log)) for n in 'abcd']
    await asyncio.sleep(0)
    print(lock)
    tasks[1].cancel()
    await asyncio.sleep(0.5)
    print(lock)
    await asyncio.gather(*tasks, return_exceptions=True)
    print(log)
    print(lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print('RuntimeError:', e)
    await lock.acquire()
    t = asyncio.create_task(lock.acquire())
    await asyncio.sleep(0)
    print(t)
    lock.release()
    print(await t, lock)
    try:
        await asyncio.wait_for(lock.acquire(), 0.25)
    except TimeoutError:
        print('timed out', lock)

asyncio.run(main())
