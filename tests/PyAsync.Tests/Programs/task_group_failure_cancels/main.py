import asyncio

async def sibling(name, seconds):
    try:
        await asyncio.sleep(seconds)
        print(f'{name} finished')
    except asyncio.CancelledError:
        print(f'{name} cancelled at {asyncio.get_running_loop().time()}')
        raise
    finally:
        print(f'{name} finally')

async def failing():
    await asyncio.sleep(1)
    raise ValueError('child failed')

async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sibling('quick', 0.5))
            tg.create_task(sibling('slow', 5))
            tg.create_task(failing())
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                print('body cancelled')
                raise
            print('not reached')
    except* ValueError as eg:
        print(f'caught {eg!r}')
        for e in eg.exceptions:
            print(f'  {type(e).__name__}: {e}')
    print(f'end at {asyncio.get_running_loop().time()}')

asyncio.run(main())
