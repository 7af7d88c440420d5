import asyncio


def function_to_call(task):
    # el primer parametro es la Task que ha acabado
    print(f'function_to_call: {task.get_name()} ha acabado con resultado {task.result()}')


async def my_coroutine():
    print('my_coroutine: empieza')
    await asyncio.sleep(1)
    print('my_coroutine: termina')
    return 42


async def main():
    task = asyncio.create_task(my_coroutine())
    # se pasa la funcion, sin llamarla
    task.add_done_callback(function_to_call)
    await task
    print('main: fin')


asyncio.run(main())
