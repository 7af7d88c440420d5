import asyncio

async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(1) as cm:
        print(f'deadline {cm.when()}')
        cm.reschedule(loop.time() + 3)
        print(f'new deadline {cm.when()}')
        await asyncio.sleep(2)
    print(f'survived until {loop.time()}, expired: {cm.expired()}')

    # timeout(None) never expires until it is given a deadline
    try:
        async with asyncio.timeout(None) as cm:
            print(f'deadline {cm.when()}')
            await asyncio.sleep(1)
            cm.reschedule(loop.time() + 0.5)
            print(f'deadline now {cm.when()}')
            await asyncio.sleep(60)
    except TimeoutError:
        print(f'timed out at {loop.time()}, expired: {cm.expired()}')

asyncio.run(main())
