import asyncio


async def worker():
    print('worker - empieza')
    await asyncio.sleep(1)
    print('worker - termina')
    return 42


async def main():
    # create_task encapsula la corrutina en una Task y la agrega al event loop
    task = asyncio.create_task(worker())
    print('main - tipo de la tarea:', type(task))
    print('main - la tarea aun no ha empezado, done():', task.done())
    result = await task
    print('main - resultado:', result)
    print('main - done():', task.done())


asyncio.run(main())
