import asyncio

async def square(n):
    await asyncio.sleep(5 - n)
    print(f'square({n}) at {asyncio.get_running_loop().time()}')
    return n * n

async def main():
    tasks = [asyncio.create_task(square(n)) for n in range(5)]
    print([t.get_name() for t in tasks])
    results = await asyncio.gather(*tasks)
    print(results)
    print(sum(results))
    print(all(t.done() for t in tasks))

asyncio.run(main())
