import asyncio

async def step(name, seconds):
    await asyncio.sleep(seconds)
    print(f'{name} at {asyncio.get_running_loop().time()}')
    return name

async def inner_group():
    async with asyncio.TaskGroup() as inner:
        a = inner.create_task(step('inner a', 1))
        b = inner.create_task(step('inner b', 2))
    print('inner group done')
    return a.result() + ' & ' + b.result()

async def main():
    async with asyncio.TaskGroup() as outer:
        t = outer.create_task(inner_group())
        u = outer.create_task(step('outer', 1.5))
        async with asyncio.TaskGroup() as body_group:
            v = body_group.create_task(step('body', 0.5))
        print('body group done')
    print('outer group done')
    print(t.result(), u.result(), v.result())

asyncio.run(main())
