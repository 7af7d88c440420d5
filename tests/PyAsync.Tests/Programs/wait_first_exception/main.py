import asyncio

async def ok(seconds):
    await asyncio.sleep(seconds)
    return seconds

async def failing(seconds):
    await asyncio.sleep(seconds)
    raise ValueError(f'bad after {seconds}')

async def main():
    loop = asyncio.get_running_loop()
    tasks = [
        asyncio.create_task(ok(1), name='ok-1'),
        asyncio.create_task(failing(2), name='failing-2'),
        asyncio.create_task(ok(5), name='ok-5'),
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print(f'at {loop.time()}')
    for t in sorted(done, key=lambda t: t.get_name()):
        print(t.get_name(), repr(t.exception()))
    print(sorted(t.get_name() for t in pending))
    for t in pending:
        t.cancel()
    done, pending = await asyncio.wait(pending)
    print(f'at {loop.time()}: {[t.cancelled() for t in done]} {pending}')

    # without any exception, FIRST_EXCEPTION waits for all of them
    more = [asyncio.create_task(ok(s)) for s in (1, 2)]
    done, pending = await asyncio.wait(more, return_when=asyncio.FIRST_EXCEPTION)
    print(f'at {loop.time()}: {sorted(t.result() for t in done)} {len(pending)}')

asyncio.run(main())
