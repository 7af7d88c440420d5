import asyncio

def report(what):
    loop = asyncio.get_running_loop()
    print(f'{what} at {loop.time()}')

def chain():
    report('chain')
    # scheduled from a callback: runs on the next loop iteration
    asyncio.get_running_loop().call_soon(report, 'chained soon')

async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(2, report, 'later 2 (first)')
    loop.call_at(loop.time() + 1, report, 'at 1')
    loop.call_later(2, report, 'later 2 (second)')
    loop.call_at(loop.time() + 2, report, 'at 2')
    loop.call_later(0, report, 'later 0')
    loop.call_soon(chain)
    loop.call_soon(report, 'soon')
    print('scheduled')
    await asyncio.sleep(3)
    print(f'done at {loop.time()}')

asyncio.run(main())
