import asyncio

async def show():
    print(f'running in {asyncio.current_task().get_name()}')

async def main():
    print(asyncio.current_task().get_name())
    first = asyncio.create_task(show())
    second = asyncio.create_task(show())
    # loop.create_task(name=...) uses up no Task-N number, in 3.11 as in 3.12+
    # (3.11's asyncio.create_task(name=...) does; PyAsync follows 3.12+)
    named = asyncio.get_running_loop().create_task(show(), name='worker')
    third = asyncio.create_task(show())
    print(first.get_name(), second.get_name(), named.get_name(), third.get_name())
    third.set_name('renamed')
    await first
    await second
    await named
    await third
    print(third.get_name())
    third.set_name(42)
    print(repr(third.get_name()))

asyncio.run(main())
