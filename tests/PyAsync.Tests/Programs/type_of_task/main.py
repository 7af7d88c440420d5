import asyncio

async def delay(seconds):
    await asyncio.sleep(seconds)
    return seconds

async def main():
    sleep_for_three = asyncio.create_task(delay(3))
    print(type(sleep_for_three))
    result = await sleep_for_three
    print(result)
    print(type(result))

asyncio.run(main())
