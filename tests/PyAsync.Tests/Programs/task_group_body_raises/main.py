import asyncio

async def child(name):
    try:
        await asyncio.sleep(5)
        print(f'{name} finished')
    except asyncio.CancelledError:
        print(f'{name} cancelled')
        raise

async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child('first'))
            await asyncio.sleep(1)
            tg.create_task(child('second'))
            raise ValueError('body failed')
    except* ValueError as eg:
        print(f'caught {eg.exceptions!r}')
    print(asyncio.get_running_loop().time())

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child('third'))
            raise RuntimeError('before any await')
    except* RuntimeError as eg:
        print(f'caught {eg.exceptions!r}')
    print(asyncio.get_running_loop().time())

asyncio.run(main())
