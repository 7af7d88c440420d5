import asyncio

async def waiter(name, fut):
    print(f'{name} waiting')
    value = await fut
    print(f'{name} got {value}')

def on_done(fut):
    print(f'on_done: {fut.result()}')

async def main():
    fut = asyncio.get_running_loop().create_future()
    first = asyncio.create_task(waiter('first', fut))
    second = asyncio.create_task(waiter('second', fut))
    await asyncio.sleep(0)
    print(fut)
    fut.add_done_callback(on_done)
    print(fut)
    print(first)
    fut.set_result('shared')
    print(fut)
    await first
    await second
    print(second)

asyncio.run(main())
