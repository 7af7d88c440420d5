import asyncio

background_tasks = set()

async def some_coro(param):
    await asyncio.sleep(1)
    print(f'some_coro(param={param}) done')

async def main():
    for i in range(10):
        task = asyncio.create_task(some_coro(param=i))

        # Add task to the set. This creates a strong reference
        background_tasks.add(task)

        # To prevent keeping references to finished tasks forever,
        # make each task remove its own reference from the set after completion:
        task.add_done_callback(background_tasks.discard)

    print(f'{len(background_tasks)} background tasks')
    await asyncio.sleep(2)
    print(f'{len(background_tasks)} background tasks')

asyncio.run(main())
