import asyncio


async def worker(name, seconds):
    print(f'worker {name} - tardara {seconds} segundo(s)')
    await asyncio.sleep(seconds)
    print(f'worker {name} - termina')
    return seconds


async def main():
    # los resultados llegan en el orden de los parametros, no en el de finalizacion
    results = await asyncio.gather(worker('A', 3), worker('B', 1), worker('C', 2))
    print('main - resultados:', results)


asyncio.run(main())
