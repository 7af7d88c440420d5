import asyncio


async def process_file(file_name):
    print(f'Procesando {file_name}')
    await asyncio.sleep(1)
    print(f'{file_name} procesado')
    return f'{file_name}: OK'


async def main():
    file_names = [f'fichero_{i}.txt' for i in range(1, 6)]
    # una task por fichero, para procesarlos todos de manera concurrente
    tasks = [asyncio.create_task(process_file(file_name)) for file_name in file_names]
    # en lugar de un await por cada task, esperamos la lista entera con gather
    results = await asyncio.gather(*tasks)
    print(results)


asyncio.run(main())
