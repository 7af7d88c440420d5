import asyncio

async def background():
    try:
        print('background: started')
        await asyncio.sleep(3600)
        print('background: woke up')  # never printed
    except asyncio.CancelledError:
        print('background: cancelled')
        raise
    finally:
        print('background: cleaning up')

async def main():
    asyncio.create_task(background())
    await asyncio.sleep(1)
    print('main: returning')

asyncio.run(main())
print('after run')
