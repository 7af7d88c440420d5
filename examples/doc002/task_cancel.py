import asyncio


async def my_coroutine():
    print('my_coroutine: empieza')
    await asyncio.sleep(10)
    print('my_coroutine: termina')


async def quick_coroutine():
    return 'hecho'


async def main():
    task = asyncio.create_task(my_coroutine())
    await asyncio.sleep(1)
    print('task.cancel() devuelve', task.cancel())
    try:
        await task
    except asyncio.CancelledError:
        print('La task ha recibido un CancelledError')
    # si la task ya ha acabado, cancel() devuelve False
    finished = asyncio.create_task(quick_coroutine())
    await finished
    print('task.cancel() de una task acabada devuelve', finished.cancel())


asyncio.run(main())
