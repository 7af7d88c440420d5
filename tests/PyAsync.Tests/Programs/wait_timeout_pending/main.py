import asyncio

async def job(seconds):
    await asyncio.sleep(seconds)
    print(f'job {seconds} finished at {asyncio.get_running_loop().time()}')
    return seconds

async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(job(s)) for s in (1, 4, 2, 6)]
    done, pending = await asyncio.wait(tasks, timeout=3)
    print(f'timeout at {loop.time()}')
    print('done:', sorted(t.result() for t in done))
    # the timeout cancelled nothing: the pending ones go on
    print('pending:', len(pending), any(t.cancelled() for t in pending))
    done, pending = await asyncio.wait(pending, timeout=10, return_when=asyncio.ALL_COMPLETED)
    print(f'all done at {loop.time()}')
    print('done:', sorted(t.result() for t in done), 'pending:', pending)

asyncio.run(main())
