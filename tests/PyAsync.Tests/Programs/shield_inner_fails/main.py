import asyncio

async def fragile(seconds):
    await asyncio.sleep(seconds)
    raise RuntimeError(f'broke after {seconds}')

async def main():
    # cancelling the shield detaches it: nobody retrieves this failure
    ignored = asyncio.create_task(fragile(1))
    outer = asyncio.shield(ignored)
    outer.cancel()
    await asyncio.sleep(2)
    print(ignored.done(), outer.cancelled())

    # this one is awaited directly after the shield was cancelled
    inner = asyncio.create_task(fragile(1))
    outer = asyncio.shield(inner)
    await asyncio.sleep(0)
    outer.cancel()
    try:
        await inner
    except RuntimeError as e:
        print(f'inner raised {e!r}')

    # a task nobody keeps fails: reported as soon as it is collected
    asyncio.create_task(fragile(1))
    await asyncio.sleep(2)
    print('end')

asyncio.run(main())
