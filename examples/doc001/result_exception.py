import asyncio


async def worker():
    print('worker - empieza')
    await asyncio.sleep(1)
    raise ValueError('algo salio mal')


async def main():
    task = asyncio.create_task(worker())
    # result() antes de que la tarea termine
    try:
        task.result()
    except asyncio.InvalidStateError as e:
        print('main - task.result():', repr(e))
    try:
        await task
    except ValueError:
        print('main - la tarea lanzo ValueError')
    # exception() de una tarea que fallo
    print('main - task.exception():', repr(task.exception()))
    # result() de una tarea que fallo vuelve a lanzar su error
    try:
        task.result()
    except ValueError as e:
        print('main - task.result():', repr(e))


asyncio.run(main())
