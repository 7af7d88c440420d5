import asyncio

async def count(letter, n):
    for i in range(1, n + 1):
        print(f'{letter}{i}')
        await asyncio.sleep(0)

async def main():
    a = asyncio.create_task(count('A', 3))
    b = asyncio.create_task(count('B', 3))
    await a
    await b
    print(asyncio.get_running_loop().time())

asyncio.run(main())
