import asyncio

async def level_three():
    await asyncio.sleep(1)
    raise RuntimeError('deep failure')

async def level_two():
    print('level two')
    await level_three()
    print('not reached')

async def level_one():
    print('level one')
    await level_two()
    print('not reached')

async def main():
    try:
        await level_one()
    except RuntimeError as e:
        print(f'caught in main: {e}')
        print(repr(e))

asyncio.run(main())
