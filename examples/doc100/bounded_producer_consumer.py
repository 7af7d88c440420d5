import asyncio
import time

# The producer/consumer chapter: two producers fill a bounded queue faster than two consumers
# empty it, so put() blocks while the queue is full. join() waits until every item is
# task_done(); then the consumers, still waiting in get(), are cancelled.


async def producer(name, queue, count):
    for i in range(count):
        item = f'{name}-{i}'
        await queue.put(item)
        print(f'{time.monotonic():.1f} {name} put {item} (size {queue.qsize()}, full {queue.full()})')
        await asyncio.sleep(0.2)


async def consumer(name, queue):
    try:
        while True:
            item = await queue.get()
            print(f'{time.monotonic():.1f} {name} got {item}')
            await asyncio.sleep(0.5)
            queue.task_done()
    except asyncio.CancelledError:
        print(f'{name} cancelled')
        raise


async def main():
    queue = asyncio.Queue(maxsize=3)
    print(repr(queue), queue.maxsize, queue.empty())
    producers = [asyncio.create_task(producer(p, queue, 4)) for p in ('a', 'b')]
    await asyncio.sleep(0.3)
    print(queue)
    consumers = [asyncio.create_task(consumer(f'consumer-{i}', queue)) for i in range(2)]

    await asyncio.gather(*producers)
    print(f'{time.monotonic():.1f} producers done')
    await queue.join()
    print(f'{time.monotonic():.1f} all items processed')
    print(queue)

    for c in consumers:
        c.cancel()
    results = await asyncio.gather(*consumers, return_exceptions=True)
    print([type(r).__name__ for r in results])

    # the non-blocking forms raise instead of waiting
    try:
        queue.get_nowait()
    except asyncio.QueueEmpty:
        print('QueueEmpty')
    for i in range(3):
        queue.put_nowait(str(i))
    try:
        queue.put_nowait('3')
    except asyncio.QueueFull:
        print('QueueFull')
    for i in range(3):
        queue.get_nowait()
        queue.task_done()
    try:
        queue.task_done()
    except ValueError as e:
        print('ValueError:', e)


asyncio.run(main())
