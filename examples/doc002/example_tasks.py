import asyncio


async def my_task(name, steps):
    for i in range(1, steps + 1):
        print(f'{name}: paso {i} de {steps}')
        # sin este await la task se ejecutaria hasta terminar antes que la otra
        await asyncio.sleep(1)
    return f'{name} ha terminado'


async def main():
    task1 = asyncio.create_task(my_task('primera', 3))
    task2 = asyncio.create_task(my_task('segunda', 3))
    await task1
    await task2
    print(f'{task1.get_name()}: {task1.result()}')
    print(f'{task2.get_name()}: {task2.result()}')


asyncio.run(main())
