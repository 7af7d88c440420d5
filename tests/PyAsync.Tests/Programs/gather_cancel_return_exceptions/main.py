import asyncio

async def child(name, seconds):
    try:
        await asyncio.sleep(seconds)
        return name
    except asyncio.CancelledError:
        print(f'{name} cancelled')
        raise

async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(child('a', 1))
    b = asyncio.create_task(child('b', 3))
    gathered = asyncio.gather(a, b, return_exceptions=True)
    loop.call_later(2, gathered.cancel, 'stop it')
    # return_exceptions=True does not stop the cancellation of the gather itself
    try:
        print(await gathered)
    except asyncio.CancelledError as e:
        print(f'gather raised {e!r} at {loop.time()}')
    print(gathered.done(), gathered.cancelled())
    print(a.result(), b.cancelled())

asyncio.run(main())
