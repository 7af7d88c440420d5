import asyncio

log = []

async def child(i, steps):
    for _ in range(steps):
        await asyncio.sleep(0)
    log.append(f'child {i} done')
    return i

def tick(loop, n):
    log.append(f'tick {n}')
    if n < 7:
        loop.call_soon(tick, loop, n + 1)

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(tick, loop, 0)
    g = asyncio.gather(child(0, 3), child(1, 1), child(2, 2))
    g.add_done_callback(lambda f: log.append('gather done callback'))
    results = await g
    log.append(f'results {results}')
    bad = asyncio.gather(child(3, 1), asyncio.sleep(0, 'x'), return_exceptions=True)
    log.append(f'second {await bad}')
    for line in log:
        print(line)

asyncio.run(main())
