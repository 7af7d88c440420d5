import asyncio


async def waiter(event):
    print('waiting for it ...')
    await event.wait()
    print('... got it!')


async def main():
    # Create an Event object.
    event = asyncio.Event()
    print(event)

    # Spawn a Task to wait until 'event' is set.
    waiter_task = asyncio.create_task(waiter(event))

    # Sleep for 1 second and set the event.
    await asyncio.sleep(1)
    print(event)
    event.set()
    print(event)

    # Wait until the waiter task is finished.
    await waiter_task

    # A set event lets every later waiter through at once, until it is cleared.
    await event.wait()
    print('is_set:', event.is_set())
    event.clear()
    print('is_set:', event.is_set())


asyncio.run(main())
