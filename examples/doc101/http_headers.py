import asyncio
import urllib.parse


async def print_http_headers(url):
    url = urllib.parse.urlsplit(url)
    reader, writer = await asyncio.open_connection(
        url.hostname, url.port)

    query = (
        f"HEAD {url.path or '/'} HTTP/1.0\r\n"
        f"Host: {url.hostname}\r\n"
        f"\r\n"
    )

    writer.write(query.encode('latin-1'))
    while True:
        line = await reader.readline()
        if not line:
            break

        line = line.decode('latin1').rstrip()
        if line:
            print(f'HTTP header> {line}')

    # Ignore the body, close the socket
    writer.close()
    await writer.wait_closed()


# A small HTTP server to ask: it prints the request it gets and answers with fixed headers.
async def handle_request(reader, writer):
    while line := await reader.readline():
        line = line.decode('latin-1').rstrip()
        if not line:
            break
        print(f'server got> {line}')
    writer.write(b'HTTP/1.0 200 OK\r\n'
                 b'Server: tiny/0.1\r\n'
                 b'Date: Wed, 01 Jan 2025 12:00:00 GMT\r\n'
                 b'Content-Type: text/html; charset=utf-8\r\n'
                 b'Content-Length: 13\r\n'
                 b'\r\n')
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle_request, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        await print_http_headers(f'http://127.0.0.1:{port}/index.html')


asyncio.run(main())
