import asyncio

# The documentation's Condition example, made into a whole program: consumers wait on the
# condition inside `async with cond:`, a producer changes the shared state and notifies them.

items = []


async def consumer(name, cond):
    async with cond:
        print(f'{name} waits')
        await cond.wait()
        print(f'{name} woke up and takes {items.pop(0)}')


async def main():
    cond = asyncio.Condition()
    consumers = [asyncio.create_task(consumer(f'consumer-{i}', cond)) for i in range(3)]
    await asyncio.sleep(1)
    print(cond)

    async with cond:
        items.append('apple')
        cond.notify()          # wake one waiter
        print(cond)
    await asyncio.sleep(1)

    async with cond:
        items.extend(['banana', 'cherry'])
        cond.notify_all()      # wake the rest
    await asyncio.gather(*consumers)
    print('left over:', items)

    # notify() outside `async with cond:` is an error
    try:
        cond.notify()
    except RuntimeError as e:
        print('RuntimeError:', e)


asyncio.run(main())
