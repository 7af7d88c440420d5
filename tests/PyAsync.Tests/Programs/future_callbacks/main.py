import asyncio

def callback(fut):
    print(f'callback got {fut.result()}')

def other(fut):
    print('other callback')

def last(fut):
    print('last callback')

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(callback)
    fut.add_done_callback(callback)
    print(fut.remove_done_callback(callback))
    print(fut.remove_done_callback(callback))
    fut.add_done_callback(other)
    fut.add_done_callback(callback)
    fut.add_done_callback(last)
    fut.set_result('value')
    print('result set')  # callbacks have not run yet
    await asyncio.sleep(0)
    print('after one iteration')
    # a callback added to a done future is scheduled at once
    fut.add_done_callback(last)
    print('added to done future')
    await asyncio.sleep(0)
    print('end')

asyncio.run(main())
