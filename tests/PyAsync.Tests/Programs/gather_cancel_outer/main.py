import asyncio

async def child(name, seconds):
    try:
        await asyncio.sleep(seconds)
        print(f'{name} finished')
    except asyncio.CancelledError:
        print(f'{name} cancelled at {asyncio.get_running_loop().time()}')
        raise

async def main():
    a = asyncio.create_task(child('a', 1))
    b = asyncio.create_task(child('b', 5))
    gathered = asyncio.gather(a, b)
    await asyncio.sleep(2)
    print(gathered.cancel())
    print(gathered.cancelled(), a.cancelled(), b.cancelled())
    try:
        await gathered
    except asyncio.CancelledError:
        print('gather cancelled')
    print(gathered.cancelled(), a.cancelled(), b.cancelled())
    print(a.result())
    print(gathered.cancel())

asyncio.run(main())
