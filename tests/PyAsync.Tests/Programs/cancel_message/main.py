import asyncio

async def sleeper():
    await asyncio.sleep(10)

async def main():
    task = asyncio.create_task(sleeper())
    await asyncio.sleep(1)
    print(task.cancel('bye'))
    try:
        await task
    except asyncio.CancelledError as e:
        print(f'first await: {e!r} args={e.args}')
    try:
        await task
    except asyncio.CancelledError as e:
        print(f'second await: {e!r} args={e.args}')
    try:
        task.result()
    except asyncio.CancelledError as e:
        print(f'result(): {e!r}')
    print(task.cancelled())
    print(task.cancel('again'))

asyncio.run(main())
