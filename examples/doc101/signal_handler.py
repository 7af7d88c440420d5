import asyncio
import os
import signal


def handler(event):
    print('got SIGUSR1')
    event.set()


async def main():
    loop = asyncio.get_running_loop()
    event = asyncio.Event()
    loop.add_signal_handler(signal.SIGUSR1, handler, event)

    print('sending SIGUSR1 to myself')
    os.kill(os.getpid(), signal.SIGUSR1)
    print('os.kill returned; the handler has not run yet')
    await event.wait()
    print('main saw the event')

    print('removed:', loop.remove_signal_handler(signal.SIGUSR1))
    print('removed again:', loop.remove_signal_handler(signal.SIGUSR1))


asyncio.run(main())
