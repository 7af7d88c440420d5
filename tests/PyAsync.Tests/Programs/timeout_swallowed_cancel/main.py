import asyncio

async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(1) as cm:
        print(cm)
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            print(f'body caught the cancellation at {loop.time()}')
        print(cm)
        await asyncio.sleep(1)
        print(f'body goes on until {loop.time()}')
    # the block swallowed the cancellation: no TimeoutError
    print(cm, cm.expired())
    print(asyncio.current_task().cancelling())
    try:
        cm.reschedule(loop.time() + 10)
    except RuntimeError as e:
        print(f'RuntimeError: {e}')

    async with asyncio.timeout(None) as cm:
        pass
    print(cm, cm.expired())

asyncio.run(main())
