import asyncio

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result('ready')
    loop.call_soon(print, 'callback')
    # awaiting a future that is already done does not yield to the loop
    print(await fut)
    print(await fut)
    print('before sleep(0)')
    await asyncio.sleep(0)
    print('after sleep(0)')

    task = asyncio.create_task(asyncio.sleep(0, 'task result'))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(task.done())
    loop.call_soon(print, 'callback 2')
    print(await task)  # a done task does not yield either
    print('before second sleep(0)')
    await asyncio.sleep(0)

asyncio.run(main())
