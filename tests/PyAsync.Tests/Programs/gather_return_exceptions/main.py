import asyncio

async def ok(value):
    await asyncio.sleep(1)
    return value

async def failing():
    await asyncio.sleep(2)
    raise RuntimeError('missing')

async def sleeper():
    await asyncio.sleep(10)

async def main():
    victim = asyncio.create_task(sleeper())
    asyncio.get_running_loop().call_later(3, victim.cancel)
    results = await asyncio.gather(ok('a'), failing(), victim, ok('b'), return_exceptions=True)
    for r in results:
        print(type(r).__name__, repr(r))
    print(asyncio.get_running_loop().time())

asyncio.run(main())
