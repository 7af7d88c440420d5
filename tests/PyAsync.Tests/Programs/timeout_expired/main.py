import asyncio

async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(2) as cm:
            print(f'deadline {cm.when()}, expired: {cm.expired()}')
            await asyncio.sleep(10)
            print('not reached')
    except TimeoutError as e:
        print(f'TimeoutError {e!r} at {loop.time()}')
    print(f'expired: {cm.expired()}')

    async with asyncio.timeout(5) as cm:
        await asyncio.sleep(1)
    print(f'in time at {loop.time()}, expired: {cm.expired()}')

asyncio.run(main())
