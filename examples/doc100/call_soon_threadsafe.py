import asyncio
import threading

# A plain thread talks to the loop with loop.call_soon_threadsafe(): it resolves a future the
# loop awaits, and its callbacks join the loop's ready queue in the order they were called.


def producer(loop, future, results):
    for i in range(3):
        loop.call_soon_threadsafe(results.append, i)
    loop.call_soon_threadsafe(future.set_result, 'data from the thread')


async def main():
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    results = []
    thread = threading.Thread(target=producer, args=(loop, future, results))
    thread.start()
    print('main: waiting for the thread')
    print('main: got', repr(await future))
    thread.join()
    print('main: results', results)

    # Callbacks queued from a thread run on the next loop turn, before a task step that is
    # already waiting behind them
    results = []
    thread = threading.Thread(target=lambda: [loop.call_soon_threadsafe(results.append, i) for i in range(3)])
    thread.start()
    thread.join()  # blocks the loop, briefly: the callbacks are queued meanwhile
    print('before a loop turn', results)
    await asyncio.sleep(0)
    print('after a loop turn', results)

    # The handle it returns can be cancelled before the loop runs it
    handle = loop.call_soon_threadsafe(print, 'never printed')
    handle.cancel()
    await asyncio.sleep(0)
    print('cancelled:', handle.cancelled())


asyncio.run(main())
