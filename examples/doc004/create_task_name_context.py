import asyncio
import contextvars

request_id = contextvars.ContextVar('request_id')

async def handle(what):
    name = asyncio.current_task().get_name()
    print(f'{name} handles {what} for {request_id.get()}')

async def main():
    request_id.set('request-1')
    context = contextvars.copy_context()
    request_id.set('request-2')

    task = asyncio.create_task(handle('a'), name='handler-a', context=context)
    print(task.get_name())
    await task

    # no context: the task runs in a copy of the current one
    task = asyncio.create_task(handle('b'), name='handler-b')
    await task

asyncio.run(main())
