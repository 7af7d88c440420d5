import asyncio

async def main():
    g = asyncio.gather(asyncio.sleep(0, 86))
    g.add_done_callback(lambda f: print('cb', f.result()))
    await asyncio.sleep(0)
    return 0

print('run ->', asyncio.run(main()))
