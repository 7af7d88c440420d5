import asyncio
import time

async def main():
    loop = asyncio.get_running_loop()
    print(time.time())
    print(time.monotonic(), loop.time())
    print(time.strftime('%Y-%m-%d %H:%M:%S'))
    await asyncio.sleep(90.5)
    print(time.time())
    print(time.monotonic(), loop.time())
    print(time.strftime('%Y-%m-%d %H:%M:%S'))
    time.sleep(0.25)  # a blocking sleep moves the clock too
    print(time.monotonic(), loop.time())
    print(time.strftime('%X'))

asyncio.run(main())
