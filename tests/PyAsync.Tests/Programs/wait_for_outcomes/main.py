import asyncio

async def value_after(delay, value):
    await asyncio.sleep(delay)
    return value

async def fails_after(delay):
    await asyncio.sleep(delay)
    raise ValueError('inner failed')

async def main():
    loop = asyncio.get_running_loop()
    print(await asyncio.wait_for(value_after(1, 'in time'), 2))
    try:
        await asyncio.wait_for(value_after(3, 'late'), 2)
    except TimeoutError as e:
        print(f'TimeoutError at {loop.time()}, cause {type(e.__cause__).__name__}')
    try:
        await asyncio.wait_for(fails_after(1), 2)
    except ValueError as e:
        print(f'ValueError: {e}')
    fut = loop.create_future()
    loop.call_later(1, fut.set_result, 'future value')
    print(await asyncio.wait_for(fut, 5))
    slow = loop.create_future()
    try:
        await asyncio.wait_for(slow, 1)
    except TimeoutError:
        print(f'future timed out, cancelled: {slow.cancelled()}')
    done = loop.create_future()
    done.set_result('already done')
    print(await asyncio.wait_for(done, 0))
    print(await asyncio.wait_for(value_after(0, 'no timeout'), None))
    results = await asyncio.gather(*[asyncio.wait_for(value_after(i, i), 2.5) for i in range(4)], return_exceptions=True)
    print([type(r).__name__ if isinstance(r, BaseException) else r for r in results])
    print(f'end at {loop.time()}')

asyncio.run(main())
