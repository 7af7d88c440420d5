import asyncio


async def worker(name, seconds):
    await asyncio.sleep(seconds)
    print(f'worker {name} - termina tras {seconds} segundo(s)')
    return f'{name} ({seconds} s)'


async def main():
    aws = [worker('A', 3), worker('B', 1), worker('C', 2)]
    # as_completed entrega cada resultado en cuanto su tarea termina
    for coro in asyncio.as_completed(aws):
        result = await coro
        print('main - termino:', result)


asyncio.run(main())
