import asyncio
import socket


async def main():
    # A port nobody listens on: bind one, note it, close it.
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.bind(('127.0.0.1', 0))
    port = probe.getsockname()[1]
    probe.close()

    loop = asyncio.get_running_loop()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setblocking(False)
    try:
        await loop.sock_connect(sock, ('127.0.0.1', port))
    except ConnectionError as e:
        print(type(e).__name__, e.errno)
        print('refused:', isinstance(e, ConnectionRefusedError))
    finally:
        sock.close()


asyncio.run(main())
