import asyncio

async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(1) as outer:
            try:
                async with asyncio.timeout(5) as inner:
                    await asyncio.sleep(10)
            except TimeoutError:
                print('inner caught a TimeoutError (wrong)')
            finally:
                print(f'inner block left at {loop.time()}')
            print('not reached')
    except TimeoutError:
        print(f'outer timed out at {loop.time()}')
    print(f'inner expired: {inner.expired()}, outer expired: {outer.expired()}')
    print(asyncio.current_task().cancelling())

asyncio.run(main())
