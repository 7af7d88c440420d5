import asyncio

async def child(name, seconds):
    await asyncio.sleep(seconds)
    print(f'{name} finished at {asyncio.get_running_loop().time()}')
    return name

async def main():
    a = asyncio.create_task(child('a', 5))
    b = asyncio.create_task(child('b', 3))
    gathered = asyncio.gather(a, b)
    asyncio.get_running_loop().call_later(2, a.cancel)
    try:
        await gathered
    except asyncio.CancelledError:
        print(f'gather raised CancelledError at {asyncio.get_running_loop().time()}')
    print(gathered.done(), gathered.cancelled())
    print(a.done(), a.cancelled())
    print(b.done(), b.cancelled())
    print(await b)

asyncio.run(main())
