import asyncio

async def work(seconds):
    await asyncio.sleep(seconds)
    return seconds

async def main():
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 3
    results = []
    try:
        async with asyncio.timeout_at(deadline) as cm:
            print(f'when: {cm.when()}')
            for s in (1, 1, 2):
                results.append(await work(s))
                print(f'finished {s} at {loop.time()}')
    except TimeoutError:
        print(f'deadline {deadline} passed at {loop.time()}')
    print(results)

asyncio.run(main())
