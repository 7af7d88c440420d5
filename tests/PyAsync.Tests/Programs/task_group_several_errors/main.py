import asyncio

async def fail_with(exc, seconds):
    await asyncio.sleep(seconds)
    raise exc

async def sleeper():
    try:
        await asyncio.sleep(10)
    finally:
        print('sleeper cleaning up')
        await asyncio.sleep(1)
        print('sleeper cleaned up')

async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail_with(ValueError('bad value'), 1))
            tg.create_task(fail_with(RuntimeError('no key'), 1))
            tg.create_task(sleeper())
            tg.create_task(fail_with(TypeError('too late'), 1.5))
    except ExceptionGroup as eg:
        print(f'{type(eg).__name__}: {eg}')
        print(repr(eg.args[0]), len(eg.exceptions))
        for e in eg.exceptions:
            print(f'  {e!r}')
    print(asyncio.get_running_loop().time())

asyncio.run(main())
