import asyncio

async def nested():
    print('nested runs')  # does not suspend
    return 1

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(print, 'callback')
    result = await nested()  # runs inline: the loop does not get a turn
    print(f'nested returned {result}')
    await asyncio.sleep(0)  # first real suspension: now the callback runs
    print('after sleep(0)')

    loop.call_soon(print, 'callback 2')
    task = asyncio.create_task(nested())  # a task runs on a later iteration
    print('task created')
    result = await task
    print(f'task returned {result}')

asyncio.run(main())
