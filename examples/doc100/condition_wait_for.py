import asyncio
import time

# Producer/consumer over a shared buffer guarded by a Condition: consumers wait_for() the buffer
# to be non-empty, the producer waits_for() room in it; each notifies the other side.

CAPACITY = 2
buffer = []


async def producer(cond, count):
    for i in range(count):
        async with cond:
            await cond.wait_for(lambda: len(buffer) < CAPACITY)
            buffer.append(i)
            print(f'{time.monotonic():.1f} produced {i} -> {buffer}')
            cond.notify_all()
        await asyncio.sleep(0.1)
    async with cond:
        await cond.wait_for(lambda: len(buffer) < CAPACITY)
        buffer.append(None)      # one end marker per consumer
        buffer.append(None)
        cond.notify_all()


async def consumer(name, cond):
    taken = []
    while True:
        async with cond:
            await cond.wait_for(lambda: buffer)
            item = buffer.pop(0)
            cond.notify_all()
        if item is None:
            print(f'{name} stops after {taken}')
            return taken
        print(f'{time.monotonic():.1f} {name} consumed {item}')
        taken.append(item)
        await asyncio.sleep(0.5)


async def main():
    cond = asyncio.Condition()
    results = await asyncio.gather(producer(cond, 6), consumer('c1', cond), consumer('c2', cond))
    print('consumed:', sorted(results[1] + results[2]))
    print(cond)

    # wait_for returns the predicate's value (at once when it already holds)
    async with cond:
        print('wait_for returned', await cond.wait_for(lambda: not buffer))


asyncio.run(main())
