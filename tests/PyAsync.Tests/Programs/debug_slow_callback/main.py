import asyncio
import time

def slow_callback():
    print('slow callback')
    time.sleep(0.5)

def quick_callback():
    print('quick callback')
    time.sleep(0.05)  # under slow_callback_duration (0.1 s): not reported

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(slow_callback)
    loop.call_soon(quick_callback)
    await asyncio.sleep(1)
    print(f'done at {loop.time()}')

asyncio.run(main(), debug=True)
