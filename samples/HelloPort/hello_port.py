import asyncio


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)
    return len(what)


async def main():
    task1 = asyncio.create_task(say_after(0.2, 'hello'))
    task2 = asyncio.create_task(say_after(0.1, 'world'))
    print(task1.get_name(), task2.get_name())
    results = await asyncio.gather(task1, task2)
    print(results)
    a, b = results
    try:
        await asyncio.wait_for(say_after(1, 'too late'), timeout=0.05)
    except TimeoutError:
        print('timed out')
    return a + b


print(asyncio.run(main()))
