import asyncio
import time

# A crawler that fetches at most two pages at a time (an asyncio.Semaphore) from a small HTTP server
# started in the same program. Each page takes the server a while to make (a sleep on the clock), so
# the fetches start and finish in a fixed order; the results are printed in the order of PATHS.

PAGES = {
    '/': (0.5, '<h1>Home</h1>'),
    '/about': (0.2, '<p>About us</p>'),
    '/blog': (0.8, '<ul><li>Post 1</li></ul>'),
    '/blog/1': (0.3, '<article>First post</article>'),
    '/contact': (0.1, '<p>Write to us</p>'),
}
PATHS = ['/', '/about', '/blog', '/blog/1', '/contact', '/missing']
start = 0.0  # when main started, on the loop's clock


async def handle_request(reader, writer):
    request = (await reader.readline()).decode()
    while (await reader.readline()) not in (b'\r\n', b''):
        pass  # skip the headers
    method, path, version = request.split()
    delay, body = PAGES.get(path, (0.4, 'Not Found'))
    await asyncio.sleep(delay)
    status = '200 OK' if path in PAGES else '404 Not Found'
    writer.write(f'HTTP/1.0 {status}\r\n'
                 f'Content-Type: text/html\r\n'
                 f'Content-Length: {len(body)}\r\n'
                 f'\r\n'
                 f'{body}'.encode())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def fetch(path, port, sem):
    async with sem:
        print(f'{time.monotonic() - start:.1f} GET  {path}')
        reader, writer = await asyncio.open_connection('127.0.0.1', port)
        writer.write(f'GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n'.encode())
        await writer.drain()
        status_line = (await reader.readline()).decode().rstrip()
        headers = {}
        while (line := await reader.readline()) != b'\r\n':
            name, value = line.decode().rstrip().split(': ', 1)
            headers[name] = value
        body = await reader.read()
        writer.close()
        await writer.wait_closed()
        status = int(status_line.split()[1])
        print(f'{time.monotonic() - start:.1f} DONE {path} {status}')
        return status, headers['Content-Type'], body


async def main():
    global start
    start = time.monotonic()
    server = await asyncio.start_server(handle_request, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    sem = asyncio.Semaphore(2)
    async with server:
        results = await asyncio.gather(*(fetch(path, port, sem) for path in PATHS))
    for path, (status, content_type, body) in zip(PATHS, results):
        print(f'{path:10} {status} {content_type} {len(body):2} bytes {body[:20]!r}')
    print(f'fetched {len(results)} pages in {time.monotonic() - start:.1f} s')


asyncio.run(main())
