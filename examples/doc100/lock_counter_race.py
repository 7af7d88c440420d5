import asyncio

# The race-condition chapter: tasks read a shared counter, await, then write it back. Without a
# lock, every task reads the same old value and increments are lost; with one, none are.

counter = 0


async def increment_unsafe(name):
    global counter
    for _ in range(3):
        value = counter
        await asyncio.sleep(0.1)      # another task runs here and reads the same value
        counter = value + 1


async def increment_safe(name, lock):
    global counter
    for _ in range(3):
        async with lock:
            value = counter
            await asyncio.sleep(0.1)  # the others wait for the lock
            counter = value + 1


async def main():
    global counter
    await asyncio.gather(*(increment_unsafe(f'task-{i}') for i in range(4)))
    print(f'without a lock: counter = {counter} (expected 12)')

    counter = 0
    lock = asyncio.Lock()
    print(lock)
    tasks = [asyncio.create_task(increment_safe(f'task-{i}', lock)) for i in range(4)]
    await asyncio.sleep(0.05)
    print(lock)
    await asyncio.gather(*tasks)
    print(f'with a lock:    counter = {counter} (expected 12)')
    print(lock)

    # acquire() and release() by hand, and the error for a lock nobody holds
    await lock.acquire()
    print('locked:', lock.locked())
    lock.release()
    print('locked:', lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print('RuntimeError:', e)


asyncio.run(main())
