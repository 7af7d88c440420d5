import asyncio

async def failing():
    await asyncio.sleep(1)
    raise ValueError('child failed')

async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            t = tg.create_task(failing())
            try:
                await t
            except BaseException as e:
                # the group cancels the body before it sees the child's error
                print(f'body got {e!r}')
                raise
    except* ValueError as eg:
        print(f'caught {len(eg.exceptions)}: {eg.exceptions[0]!r}')
    print(asyncio.get_running_loop().time())

asyncio.run(main())
