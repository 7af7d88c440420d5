import asyncio
import time

# The documentation's Semaphore example ("async with sem: # work with shared resource"), made into
# a whole program: five tasks share a resource that at most two may use at once.


async def use_resource(name, sem):
    async with sem:
        print(f'{time.monotonic():.1f} {name} works with the shared resource')
        await asyncio.sleep(1)
    print(f'{time.monotonic():.1f} {name} is done')


async def main():
    sem = asyncio.Semaphore(2)
    print(sem)
    tasks = [asyncio.create_task(use_resource(f'task-{i}', sem)) for i in range(5)]
    await asyncio.sleep(0)
    print(sem)
    await asyncio.gather(*tasks)
    print(sem)

    # The same, spelled out: acquire() and release()
    await sem.acquire()
    try:
        print('acquired, locked:', sem.locked())
    finally:
        sem.release()

    # A BoundedSemaphore refuses a release() without an acquire()
    bounded = asyncio.BoundedSemaphore(1)
    try:
        bounded.release()
    except ValueError as e:
        print('ValueError:', e)

    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print('ValueError:', e)


asyncio.run(main())
