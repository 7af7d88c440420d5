import asyncio


async def my_coroutine():
    await asyncio.sleep(1)
    raise ValueError('algo ha ido mal')


async def main():
    task = asyncio.create_task(my_coroutine())
    # esperamos a que la task acabe sin que su excepcion se propague
    await asyncio.wait([task])
    exception = task.exception()
    if exception is not None:
        print(f'La task lanzo una excepcion: {exception!r}')


asyncio.run(main())
