import asyncio


async def worker():
    print('worker - empieza, tardara 10 segundos')
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('worker - recibio CancelledError')
        raise
    print('worker - termina')


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(1)
    print('main - task.cancelled() antes de cancel():', task.cancelled())
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print('main - la tarea fue cancelada')
    print('main - task.cancelled():', task.cancelled())


asyncio.run(main())
