import asyncio

async def compute(name, seconds, value):
    await asyncio.sleep(seconds)
    print(f'{name} done at {asyncio.get_running_loop().time()}')
    return value

async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(compute('task', 2, 'from a task'))
    fut = loop.create_future()
    loop.call_later(3, fut.set_result, 'from a future')
    gathered = asyncio.gather(compute('coroutine', 1, 'from a coroutine'), task, fut)
    print(type(gathered), gathered.done())
    results = await gathered
    print(results)
    print(gathered.done(), gathered.result())
    print(task.result(), fut.result())

asyncio.run(main())
