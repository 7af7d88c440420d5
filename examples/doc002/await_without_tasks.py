import asyncio


async def my_task(name, steps):
    for i in range(1, steps + 1):
        print(f'{name}: paso {i} de {steps}')
        await asyncio.sleep(1)
    return f'{name} ha terminado'


async def main():
    # sin tasks: cada await espera a que la corutina termine, no se turnan
    print(await my_task('primera', 3))
    print(await my_task('segunda', 3))


asyncio.run(main())
