import asyncio
import socket
from asyncio import AbstractEventLoop


async def echo(connection: socket, loop: AbstractEventLoop) -> None:
    while data := await loop.sock_recv(connection, 1024):
        await loop.sock_sendall(connection, data)
    print('Client closed the connection')
    connection.close()


async def listen_for_connection(server_socket: socket, loop: AbstractEventLoop):
    while True:
        connection, address = await loop.sock_accept(server_socket)
        connection.setblocking(False)
        print(f"Got a connection from {address[0]}")
        asyncio.create_task(echo(connection, loop))


async def client(name, messages, port, loop: AbstractEventLoop):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setblocking(False)
    await loop.sock_connect(sock, ('127.0.0.1', port))
    for message in messages:
        await loop.sock_sendall(sock, message.encode())
        data = await loop.sock_recv(sock, 1024)
        print(f'{name} sent {message!r}, got back {data!r}')
    sock.shutdown(socket.SHUT_WR)
    data = await loop.sock_recv(sock, 1024)
    print(f'{name} read {data!r}: the server closed too')
    sock.close()


async def main():
    server_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server_socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server_address = ('127.0.0.1', 0)
    server_socket.setblocking(False)
    server_socket.bind(server_address)
    server_socket.listen()
    port = server_socket.getsockname()[1]

    loop = asyncio.get_event_loop()
    server = asyncio.create_task(listen_for_connection(server_socket, loop))
    await client('first', ['hello\n', 'world\n'], port, loop)
    await client('second', ['ping\n'], port, loop)
    server.cancel()
    server_socket.close()
    print('Server closed')


asyncio.run(main())
