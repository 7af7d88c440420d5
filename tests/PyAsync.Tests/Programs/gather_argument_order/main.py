import asyncio

async def delay(seconds):
    print(f'sleeping for {seconds} second(s)')
    await asyncio.sleep(seconds)
    print(f'finished sleeping for {seconds} second(s)')
    return seconds

async def main():
    # three delays run at the same time: 3 seconds in all, not 6
    results = await asyncio.gather(delay(3), delay(1), delay(2))
    print(results)
    print(asyncio.get_running_loop().time())

    first, second = await asyncio.gather(delay(2), delay(2))
    print(first + second)
    print(asyncio.get_running_loop().time())

asyncio.run(main())
