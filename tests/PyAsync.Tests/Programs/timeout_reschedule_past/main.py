import asyncio

async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(5)
    try:
        async with asyncio.timeout(10) as cm:
            await asyncio.sleep(1)
            cm.reschedule(loop.time() - 3)  # a deadline already past fires at once
            print(f'rescheduled to {cm.when()}')
            await asyncio.sleep(1)
            print('not reached')
    except TimeoutError:
        print(f'expired at {loop.time()}')

    for delay in (0, -1):
        try:
            async with asyncio.timeout(delay):
                print(f'timeout({delay}) body runs')
                await asyncio.sleep(0)
                print('not reached')
        except TimeoutError:
            print(f'timeout({delay}) expired at {loop.time()}')

asyncio.run(main())
