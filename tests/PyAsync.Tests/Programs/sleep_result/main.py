import asyncio

async def main():
    value = await asyncio.sleep(1, 'morning')
    print(value)
    print(await asyncio.sleep(0.5))
    task = asyncio.create_task(asyncio.sleep(2, result=42))
    print(await task)
    print(asyncio.get_running_loop().time())

asyncio.run(main())
