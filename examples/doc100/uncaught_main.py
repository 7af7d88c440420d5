import asyncio


async def fail(what, delay):
    await asyncio.sleep(delay)
    raise ValueError(what)


async def main():
    held = asyncio.create_task(fail("held", 1))
    asyncio.create_task(fail("dropped", 2))
    await asyncio.sleep(3)
    print("held is done:", held.done())
    raise RuntimeError("main failed")


asyncio.run(main())
