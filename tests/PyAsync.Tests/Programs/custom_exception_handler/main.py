import asyncio

def handler(loop, context):
    print(f"handler: {context['message']}")
    print(f"exception: {context['exception']!r}")

def broken():
    raise RuntimeError('callback failed')

async def failing():
    raise ValueError('nobody looks at me')

async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    loop.call_soon(broken)
    asyncio.create_task(failing())
    await asyncio.sleep(1)
    print('main done')

asyncio.run(main())
