import asyncio

def broken(value):
    print(f'broken called with {value}')
    raise ValueError(f'bad {value}')

def fine():
    print('fine still runs')

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(broken, 1)
    loop.call_soon(fine)
    loop.call_later(1, broken, 2)
    await asyncio.sleep(2)
    print('main done')

asyncio.run(main())
