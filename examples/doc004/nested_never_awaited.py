import asyncio

async def nested():
    return 42

async def main():
    nested()  # will raise a "RuntimeWarning": coroutine 'nested' was never awaited
    # Nothing happens if we just call "nested()"
    # A coroutine object is created but not awaited,
    # so it *won't run at all*

    # Let's do it differently now and await it.
    print(await nested())  # will print 42

asyncio.run(main())
