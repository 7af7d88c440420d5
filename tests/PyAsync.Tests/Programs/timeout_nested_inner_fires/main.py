import asyncio

async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(10) as outer:
        try:
            async with asyncio.timeout(1) as inner:
                await asyncio.sleep(5)
        except TimeoutError:
            print(f'inner timed out at {loop.time()}')
        print(f'inner expired: {inner.expired()}, outer expired: {outer.expired()}')
        await asyncio.sleep(2)
        print(f'outer block still running at {loop.time()}')
    print(f'outer finished, expired: {outer.expired()}')

asyncio.run(main())
