import asyncio

def broken_callback(fut):
    print(f'broken_callback sees {fut.result()}')
    raise RuntimeError('callback blew up')

def next_callback(fut):
    print('next_callback still runs')

async def main():
    fut = asyncio.get_running_loop().create_future()
    fut.add_done_callback(broken_callback)
    fut.add_done_callback(next_callback)
    fut.set_result(7)
    print(await fut)
    await asyncio.sleep(0)
    print('main done')

asyncio.run(main())
