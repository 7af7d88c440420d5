import asyncio

async def job():
    await asyncio.sleep(1)
    return 'job done'

async def main():
    try:
        await asyncio.wait([])
    except ValueError as e:
        print(f'ValueError: {e}')

    try:
        await asyncio.wait([job()])
    except TypeError as e:
        print(f'TypeError: {e}')

    # the same task twice counts once: wait works on a set
    task = asyncio.create_task(job())
    done, pending = await asyncio.wait([task, task])
    print(len(done), len(pending))
    print([t.result() for t in done])

asyncio.run(main())
