import asyncio
import time

async def worker():
    print('worker: blocking the loop')
    time.sleep(3)  # blocks the whole event loop for 3 seconds
    print('worker: done')

async def main():
    print(f'before at {time.strftime("%X")}')
    await asyncio.create_task(worker())
    print(f'after at {time.strftime("%X")}')

# debug mode reports the slow task step on stderr
asyncio.run(main(), debug=True)
