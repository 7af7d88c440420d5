import asyncio

async def precious():
    await asyncio.sleep(3)
    print(f'precious work done at {asyncio.get_running_loop().time()}')
    return 'saved'

async def main():
    loop = asyncio.get_running_loop()
    inner = asyncio.create_task(precious())
    outer = asyncio.shield(inner)
    print(outer is inner)
    await asyncio.sleep(1)
    print(outer.cancel())
    try:
        await outer
    except asyncio.CancelledError:
        print(f'outer cancelled at {loop.time()}')
    print(outer.cancelled(), inner.cancelled(), inner.done())
    print(await inner)

    # a shield under wait_for: the timeout cancels the shield, not the task
    task = asyncio.create_task(precious())
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=1)
    except asyncio.TimeoutError:
        print(f'timeout at {loop.time()}, task still running: {not task.done()}')
    print(await task)

asyncio.run(main())
