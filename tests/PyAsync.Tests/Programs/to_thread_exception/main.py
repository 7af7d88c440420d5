import asyncio
import time

def parse(text):
    time.sleep(1)
    return int(text)

async def main():
    loop = asyncio.get_running_loop()
    print(await asyncio.to_thread(parse, '42'))
    print(loop.time())
    try:
        await asyncio.to_thread(parse, 'forty-two')
    except ValueError as e:
        print(f'ValueError: {e}')
    print(loop.time())

asyncio.run(main())
