import asyncio

# Queue.shutdown() (new in Python 3.13): after it, put() raises QueueShutDown; get() hands out
# what is left and then raises QueueShutDown, so consumers can stop without being cancelled.
# shutdown(immediate=True) drops what is left too, and lets join() return at once.


async def consumer(name, queue):
    while True:
        try:
            item = await queue.get()
        except asyncio.QueueShutDown:
            print(f'{name}: queue shut down, stopping')
            return
        print(f'{name} got {item}')
        await asyncio.sleep(1)
        queue.task_done()


async def blocked_put(queue, item):
    try:
        await queue.put(item)
    except asyncio.QueueShutDown:
        print(f'put({item}) was waiting: QueueShutDown')


async def main():
    queue = asyncio.Queue()
    consumers = [asyncio.create_task(consumer(f'consumer-{i}', queue)) for i in range(2)]
    for i in range(5):
        await queue.put(i)
    queue.shutdown()  # no more puts; the consumers drain what is left
    print(queue)
    try:
        await queue.put(99)
    except asyncio.QueueShutDown:
        print('put after shutdown: QueueShutDown')
    await queue.join()
    print('joined')
    await asyncio.gather(*consumers)

    # A put() waiting on a full queue is woken by the shutdown, with QueueShutDown
    full = asyncio.Queue(maxsize=1)
    full.put_nowait('first')
    putter = asyncio.create_task(blocked_put(full, 'second'))
    await asyncio.sleep(0)
    full.shutdown()
    await putter
    print('still there:', full.get_nowait())

    # Immediate shutdown: the items left are dropped and join() returns
    queue = asyncio.Queue()
    for i in range(3):
        queue.put_nowait(i)
    joiner = asyncio.create_task(queue.join())
    await asyncio.sleep(0)
    queue.shutdown(immediate=True)
    print(queue, queue.qsize(), queue.empty())
    await joiner
    print('join() returned after shutdown(immediate=True)')
    try:
        queue.get_nowait()
    except asyncio.QueueShutDown:
        print('get_nowait: QueueShutDown')


asyncio.run(main())
