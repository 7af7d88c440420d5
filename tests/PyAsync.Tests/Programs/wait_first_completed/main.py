import asyncio

async def delay(seconds):
    await asyncio.sleep(seconds)
    return seconds

async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(delay(s), name=f'delay-{s}') for s in (3, 1, 2)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(f'at {loop.time()}: done={sorted(t.get_name() for t in done)}')
    print(f'pending={sorted(t.get_name() for t in pending)}')
    print([t.result() for t in done])

    done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
    print(f'at {loop.time()}: done={sorted(t.get_name() for t in done)}')

    done, pending = await asyncio.wait(tasks)
    print(f'at {loop.time()}: done={len(done)} pending={len(pending)}')
    print(sorted(t.result() for t in done))

asyncio.run(main())
