import asyncio
import time

# A chat server: every line a client sends goes to all the other clients, and the others hear when
# someone joins or leaves. Three clients follow a script on the clock (a sleep stands for the time a
# person takes to type), so everything happens in a fixed order. Each client keeps what it hears and
# prints it at the end.

clients = {}  # name -> StreamWriter
start = 0.0  # when main started, on the loop's clock


def log(text):
    print(f'{time.monotonic() - start:4.1f}s {text}')


async def broadcast(sender, text):
    for name, writer in list(clients.items()):
        if name != sender:
            writer.write(f'{text}\n'.encode())
            await writer.drain()


async def handle_client(reader, writer):
    name = (await reader.readline()).decode().strip()
    clients[name] = writer
    log(f'server: {name} joined')
    await broadcast(name, f'* {name} joined')
    while line := await reader.readline():
        message = line.decode().strip()
        log(f'server: {name} says {message!r}')
        await broadcast(name, f'{name}: {message}')
    del clients[name]
    log(f'server: {name} left')
    await broadcast(name, f'* {name} left')
    writer.close()
    await writer.wait_closed()


async def client(name, port, join, says, leave):
    await asyncio.sleep(join)
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    writer.write(f'{name}\n'.encode())
    heard = []

    async def listen():
        while line := await reader.readline():
            heard.append(line.decode().rstrip())

    listener = asyncio.create_task(listen())
    for at, message in says:
        await asyncio.sleep(start + at - time.monotonic())
        log(f'{name}> {message}')
        writer.write(f'{message}\n'.encode())
        await writer.drain()
    await asyncio.sleep(start + leave - time.monotonic())
    log(f'{name} leaves')
    writer.write_eof()
    await listener  # the server closes its side once it has seen ours
    writer.close()
    await writer.wait_closed()
    return heard


async def main():
    global start
    start = time.monotonic()
    server = await asyncio.start_server(handle_client, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        heard = await asyncio.gather(
            client('alice', port, join=0, says=[(3, 'hi all')], leave=6),
            client('bob', port, join=1, says=[(4, 'hello alice')], leave=7),
            client('carol', port, join=2, says=[(5, 'hey'), (5.5, 'bye')], leave=8),
        )
    for name, lines in zip(['alice', 'bob', 'carol'], heard):
        print(f'{name} heard:')
        for line in lines:
            print(f'  {line}')


asyncio.run(main())
