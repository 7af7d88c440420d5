import asyncio

def on_done(fut):
    print(f'on_done: {fut}')

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(fut)
    fut.add_done_callback(on_done)
    print(fut)
    fut.cancel('stop')
    print(fut)
    print(fut.cancelled(), fut.done())
    await asyncio.sleep(0)

    fut = loop.create_future()
    fut.set_exception(RuntimeError('failed'))
    print(fut)
    print(repr(fut.exception()))

    fut = loop.create_future()
    fut.set_result([1, 'two', None])
    print(fut)
    print(await fut)

asyncio.run(main())
