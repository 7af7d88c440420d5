import asyncio

async def fire_and_forget():
    await asyncio.sleep(1)
    raise ValueError('boom')

async def main():
    asyncio.create_task(fire_and_forget())
    await asyncio.sleep(2)
    print('end')

asyncio.run(main())
