import asyncio


async def nest(n):
    if n == 0:
        await asyncio.sleep(0)
        return 0
    return 1 + await nest(n - 1)


async def main():
    print('shallow', await nest(500))
    try:
        await nest(200_000)
    except RecursionError as e:
        print('caught', repr(e))
    print('still running', await nest(500))
    task = asyncio.create_task(nest(200_000))
    await asyncio.wait([task])
    print('task', repr(task.exception()))
    return 'done'


print('run ->', asyncio.run(main()))
