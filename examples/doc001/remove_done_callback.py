import asyncio


async def worker():
    print('worker - will take some time')
    await asyncio.sleep(1)
    print('worker - Done it')
    return 42


def print_it(task):
    print('print_it result:', task.result())


def never_called(task):
    print('never_called - esto no se imprime')


async def main():
    task = asyncio.create_task(worker())
    task.add_done_callback(print_it)
    task.add_done_callback(never_called)
    # remove_done_callback quita el callback y devuelve cuantos quito
    print('main - callbacks quitados:', task.remove_done_callback(never_called))
    await task
    print('main - fin')


asyncio.run(main())
