import asyncio

# Blocking code in another thread hands coroutines to the running loop with
# run_coroutine_threadsafe() and blocks on the concurrent.futures.Future it gets back.

started = []


async def add(a, b):
    print(f'loop: adding {a} + {b}')
    await asyncio.sleep(0)
    return a + b


async def fail():
    await asyncio.sleep(0)
    raise ValueError('bad input')


async def forever():
    started.append(asyncio.current_task())
    await asyncio.Event().wait()  # never set


def blocking_client(loop):
    print('thread: submitting add(2, 3)')
    future = asyncio.run_coroutine_threadsafe(add(2, 3), loop)
    print('thread: result', future.result(timeout=10))
    print('thread: done', future.done())

    future = asyncio.run_coroutine_threadsafe(fail(), loop)
    try:
        future.result(timeout=10)
    except ValueError as e:
        print('thread: ValueError:', e)
    print('thread: exception', repr(future.exception()))

    future = asyncio.run_coroutine_threadsafe(forever(), loop)
    try:
        future.result(timeout=0.05)
    except TimeoutError:
        print('thread: timed out waiting')
    # cancel() also cancels the task on the loop
    print('thread: cancel', future.cancel(), future.cancelled())
    return 'client finished'


async def main():
    loop = asyncio.get_running_loop()
    # the blocking client runs in a worker thread while the loop goes on
    print('main:', await asyncio.to_thread(blocking_client, loop))
    await asyncio.wait(started)
    print('main: forever() cancelled', started[0].cancelled())


asyncio.run(main())
