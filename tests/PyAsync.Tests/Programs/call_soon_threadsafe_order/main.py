import asyncio
import threading

async def main():
    loop = asyncio.get_running_loop()
    lst = []

    def worker():
        for i in range(3):
            loop.call_soon_threadsafe(lst.append, i)

    t = threading.Thread(target=worker)
    t.start()
    t.join()  # blocks the loop: the callbacks are posted before the next loop turn
    await asyncio.sleep(0)
    print('after a loop turn', lst)

    # Interleaved with the loop's own call_soon, they keep the order of the calls.
    order = []
    loop.call_soon(order.append, 'a')
    t = threading.Thread(target=lambda: [loop.call_soon_threadsafe(order.append, i) for i in range(3)])
    t.start()
    t.join()
    loop.call_soon(order.append, 'b')
    await asyncio.sleep(0)
    print('in call order', order)

asyncio.run(main())
