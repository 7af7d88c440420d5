import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    reader = asyncio.StreamReader(limit=16)
    print(repr(reader))

    # What a peer sends, chunk by chunk, as a transport would feed it.
    loop.call_later(0.1, reader.feed_data, b'hello wor')
    loop.call_later(0.2, reader.feed_data, b'ld\nsecond line\nHEAD')
    loop.call_later(0.3, reader.feed_data, b'ER--body')
    loop.call_later(0.4, reader.feed_data, b'-this line is far too long for the limit\nxyz')
    loop.call_later(0.5, reader.feed_eof)

    line = await reader.readline()
    print(round(loop.time() - t0, 1), line.decode().rstrip())
    print(repr(reader))
    line = await reader.readline()
    print(round(loop.time() - t0, 1), line.decode().rstrip())
    header = await reader.readuntil(b'--')
    print(round(loop.time() - t0, 1), header.decode())
    body = await reader.readexactly(4)
    print(round(loop.time() - t0, 1), body.decode(), reader.at_eof())

    try:
        await reader.readline()
    except ValueError as e:
        print(round(loop.time() - t0, 1), repr(e))
    print(repr(reader))

    waiting = asyncio.create_task(reader.readexactly(5))
    await asyncio.sleep(0)
    try:
        await reader.read()
    except RuntimeError as e:
        print('RuntimeError:', e)

    try:
        await waiting
    except asyncio.IncompleteReadError as e:
        print(round(loop.time() - t0, 1), repr(e))
        print(e.partial.decode(), e.expected, isinstance(e, EOFError))
    print(reader.at_eof(), repr(reader))
    print(len(await reader.read()), len(await reader.readline()))


asyncio.run(main())
