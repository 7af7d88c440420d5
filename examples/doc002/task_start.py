import asyncio


async def my_task():
    print('my_task: se ejecuta')


async def main():
    task = asyncio.create_task(my_task())
    print('main: task creada, pero todavia no se ha ejecutado')
    print('main: task.done():', task.done())
    # al suspenderse main, el event loop tiene la oportunidad de ejecutar la task
    await asyncio.sleep(0)
    print('main: task.done():', task.done())


asyncio.run(main())
