import asyncio
import contextvars

var = contextvars.ContextVar('var', default='unset')

def setter(tag):
    var.set(tag)
    print(f'{tag}: set, sees {var.get()}')

def reader(tag):
    print(f'{tag}: sees {var.get()}')

async def worker():
    print(f'task sees {var.get()}')
    var.set('task')
    await asyncio.sleep(0)
    print(f'task still sees {var.get()}')

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(setter, 'callback')
    loop.call_soon(reader, 'next callback')
    await asyncio.sleep(0)
    print(f'main sees {var.get()}')
    fut = loop.create_future()
    fut.add_done_callback(lambda f: setter('done callback'))
    fut.add_done_callback(lambda f: reader('second done callback'))
    fut.set_result(1)
    await asyncio.sleep(0)
    await asyncio.create_task(worker())
    print(f'main finally sees {var.get()}')

asyncio.run(main())
