import asyncio

async def job(seconds, fail=False):
    await asyncio.sleep(seconds)
    if fail:
        raise ValueError(f'job {seconds} failed')
    return seconds

async def main():
    tasks = [asyncio.create_task(job(3)), asyncio.create_task(job(1, fail=True)), asyncio.create_task(job(2))]
    for coro in asyncio.as_completed(tasks):
        try:
            print(f'result {await coro}')
        except ValueError as e:
            print(f'error {e!r} at {asyncio.get_running_loop().time()}')
    print([t.done() for t in tasks])

asyncio.run(main())
