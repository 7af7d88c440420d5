import asyncio
import contextvars

# asyncio.to_thread() runs a blocking function in a worker thread with a copy of the caller's
# context: the function sees the caller's context variables, and what it sets stays in the copy.

user = contextvars.ContextVar('user', default='anonymous')


def blocking_report(title):
    # runs in a worker thread
    line = f'{title}: made for {user.get()}'
    user.set('changed in the thread')
    return line


async def handle(name):
    user.set(name)
    report = await asyncio.to_thread(blocking_report, f'report for {name}')
    return f'{report}; {name} still sees {user.get()}'


async def main():
    print(await asyncio.to_thread(blocking_report, 'before login'))
    user.set('alice')
    print(await asyncio.to_thread(blocking_report, 'main'))
    print('main still sees', user.get())

    # run_in_executor copies no context: the worker thread has its own, with the default
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, blocking_report, 'run_in_executor'))

    # two handlers at once, each in its own task and its own worker thread
    for line in await asyncio.gather(handle('bob'), handle('carol')):
        print(line)
    print('main still sees', user.get())


asyncio.run(main())
