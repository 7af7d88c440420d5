import asyncio

# A reader with a small limit (8 bytes): a longer line makes readline() raise ValueError (the line is
# dropped and the next one reads fine), and readuntil() raise LimitOverrunError, which leaves the data
# in the buffer for the program to take.


async def talk(reader, writer):
    writer.write(b'x' * 20 + b'\nok\n')
    await reader.readline()  # the client asks for more
    writer.write(b'y' * 20)
    await reader.readline()  # the client is done
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(talk, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        reader, writer = await asyncio.open_connection('127.0.0.1', port, limit=8)
        try:
            await reader.readline()
        except ValueError as e:
            print(f'{type(e).__name__}: {e}')
        print('next line:', await reader.readline())

        writer.write(b'more\n')
        try:
            await reader.readuntil(b'\n')
        except asyncio.LimitOverrunError as e:
            print(f'{type(e).__name__}: {e}')
            print('consumed:', e.consumed)
            print('still there:', await reader.readexactly(e.consumed))

        writer.write(b'bye\n')
        print('then:', await reader.read())
        writer.close()
        await writer.wait_closed()


asyncio.run(main())
