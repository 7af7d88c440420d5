import asyncio

async def compute():
    await asyncio.sleep(1)
    return 'the answer'

def print_it(task):
    print(f'callback: {task.result()}')

async def main():
    task = asyncio.create_task(compute())
    task.add_done_callback(print_it)
    await task
    print('after await')
    # the callback runs on a later loop iteration, not inside the await
    await asyncio.sleep(0)
    print(task.cancelled())
    print(task.done())
    print(task.result())
    print(task.exception())

asyncio.run(main())
