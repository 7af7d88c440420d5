import asyncio


async def send_five_bytes(reader, writer):
    writer.write(b'hello')
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(send_five_bytes, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection('127.0.0.1', port)
        try:
            data = await reader.readexactly(10)
        except asyncio.IncompleteReadError as e:
            print(f'{type(e).__name__}: {e}')
            print('partial:', e.partial)
            print('expected:', e.expected)
            print('at_eof:', reader.at_eof())
        writer.close()
        await writer.wait_closed()


asyncio.run(main())
