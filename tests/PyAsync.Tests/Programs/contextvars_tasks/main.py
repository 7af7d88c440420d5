import asyncio
import contextvars

request_id = contextvars.ContextVar('request_id', default='none')

async def handler(name):
    print(f'{name} sees {request_id.get()}')
    request_id.set(name)
    await asyncio.sleep(1)
    print(f'{name} now has {request_id.get()}')

async def main():
    request_id.set('main')
    first = asyncio.create_task(handler('first'))
    request_id.set('changed')
    second = asyncio.create_task(handler('second'))
    await first
    await second
    print(f'main still has {request_id.get()}')

asyncio.run(main())
