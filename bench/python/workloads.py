"""The CPython column of PyAsync's benchmarks: the same workloads as bench/Workloads/*.cs.

Usage: python3 workloads.py [--uvloop] [--cold] WORKLOAD SIZE RUNS

With --uvloop, asyncio.run runs on uvloop's loop (uvloop.EventLoopPolicy), as a Python user who wants
speed would; without the uvloop module the script says so on stderr and exits with code 3.

With --cold, no warm-up: the first run is the first full-size run of a fresh process, as a ported
script meets it (the cold column of the table).

WORKLOAD is W1 to W10 (W9 and W10 over loopback TCP, through asyncio's streams), or a porter-shaped variant: W1P and W2P are W1's and W2's own programs (their C#
ports differ), W1C gathers the coroutines themselves.

Runs one warm-up at a tenth of SIZE, then RUNS measured runs, and prints one JSON object per run
on stdout: {"seconds": wall time, "value": the workload's check value, "bytes_per_task": W3 only,
"peak_working_set": bytes, the process's peak resident set so far}. The check value must equal
SIZE for W1 to W6 (the sum of the tasks' results, or the number of TimeoutErrors); W7's is the sum of
the items, SIZE * (SIZE - 1) / 2; W8's the counter, LOCK_TASKS * (SIZE // LOCK_TASKS); W9's the bytes
echoed, 16 * clients * (SIZE // clients); W10's the bytes received, SIZE.
"""

import asyncio
import gc
import json
import random
import resource
import sys
import time
import tracemalloc


# W1 spawn, W5 scale: SIZE tasks, each awaits sleep(0) once and returns 1; gathered.
async def one_yield():
    await asyncio.sleep(0)
    return 1


async def spawn(n):
    tasks = [asyncio.create_task(one_yield()) for _ in range(n)]
    return sum(await asyncio.gather(*tasks))


# W1C: the same, gathering the coroutines themselves (gather wraps each in a task).
async def spawn_coros(n):
    return sum(await asyncio.gather(*[one_yield() for _ in range(n)]))


# W2 await round trip: one task awaits SIZE fresh futures, each completed by a call_soon callback.
async def round_trips(n):
    loop = asyncio.get_running_loop()
    total = 0
    for _ in range(n):
        fut = loop.create_future()
        loop.call_soon(fut.set_result, 1)
        total += await fut
    return total


# W3 memory: SIZE tasks each waiting on one shared pending future; bytes per pending task.
async def wait_shared(shared):
    return await shared


async def pending_memory(n):
    loop = asyncio.get_running_loop()
    shared = loop.create_future()
    gc.collect()
    before = tracemalloc.get_traced_memory()[0]
    tasks = [asyncio.create_task(wait_shared(shared)) for _ in range(n)]
    await asyncio.sleep(0)  # every task has run its first step and waits on the shared future
    gc.collect()
    per_task = (tracemalloc.get_traced_memory()[0] - before) / n
    shared.set_result(1)
    return sum(await asyncio.gather(*tasks)), per_task


# W4 timers: SIZE concurrent sleeps of random length in [0, 0.2] s, gathered.
async def sleeper(delay):
    await asyncio.sleep(delay)
    return 1


async def timers(n):
    rng = random.Random(42)
    return sum(await asyncio.gather(*[sleeper(rng.uniform(0, 0.2)) for _ in range(n)]))


# W6 cancellation: SIZE tasks each in wait_for(sleep(10), 0.001); counts the TimeoutErrors.
async def guarded():
    try:
        await asyncio.wait_for(asyncio.sleep(10), 0.001)
        return 0
    except asyncio.TimeoutError:
        return 1


async def cancellations(n):
    tasks = [asyncio.create_task(guarded()) for _ in range(n)]
    return sum(await asyncio.gather(*tasks))


# W7 queue: SIZE items, 0 .. SIZE-1, through one bounded queue (maxsize 100) from one producer task
# to one consumer task; the check value is the sum of the items the consumer got.
QUEUE_MAXSIZE = 100


async def producer(q, n):
    for i in range(n):
        await q.put(i)


async def consumer(q, n):
    total = 0
    for _ in range(n):
        total += await q.get()
    return total


async def queue_pass(n):
    q = asyncio.Queue(maxsize=QUEUE_MAXSIZE)
    consuming = asyncio.create_task(consumer(q, n))
    producing = asyncio.create_task(producer(q, n))
    await producing
    return await consuming


# W8 lock: LOCK_TASKS tasks each take one lock SIZE // LOCK_TASKS times; each holds it across one
# yield to the loop (read the counter, sleep(0), write it back plus one), so the others queue on it.
# The check value is the counter: a lost update would show.
LOCK_TASKS = 100


async def locker(lock, counter, k):
    for _ in range(k):
        async with lock:
            value = counter[0]
            await asyncio.sleep(0)
            counter[0] = value + 1


async def lock_contention(n):
    lock = asyncio.Lock()
    counter = [0]
    k = n // LOCK_TASKS
    await asyncio.gather(*[asyncio.create_task(locker(lock, counter, k)) for _ in range(LOCK_TASKS)])
    return counter[0]


# W9 echo: one server (start_server) on 127.0.0.1 and echo_clients(SIZE) concurrent clients
# (open_connection), each sending SIZE // clients 16-byte lines one at a time and reading each echo before
# sending the next. The check value is the bytes echoed back to the clients.
ECHO_MESSAGE = b"0123456789abcde\n"


def echo_clients(n):
    return min(max(n // 50, 1), 100)


async def echo_handler(reader, writer):
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(line)
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def echo_client(port, count):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    total = 0
    for _ in range(count):
        writer.write(ECHO_MESSAGE)
        await writer.drain()
        total += len(await reader.readline())
    writer.close()
    await writer.wait_closed()
    return total


async def echo(n):
    clients = echo_clients(n)
    server = await asyncio.start_server(echo_handler, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    total = sum(await asyncio.gather(*[echo_client(port, n // clients) for _ in range(clients)]))
    server.close()
    await server.wait_closed()
    return total


# W10 bulk: one connection sends SIZE bytes in 64 KiB writes, draining after each; the server reads
# until EOF and counts. The check value is the server's count.
BULK_CHUNK = 64 * 1024


async def bulk(n):
    loop = asyncio.get_running_loop()
    received = loop.create_future()

    async def count(reader, writer):
        total = 0
        while True:
            data = await reader.read(BULK_CHUNK)
            if not data:
                break
            total += len(data)
        writer.close()
        await writer.wait_closed()
        received.set_result(total)

    server = await asyncio.start_server(count, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    _, writer = await asyncio.open_connection("127.0.0.1", port)
    chunk = bytes(BULK_CHUNK)
    sent = 0
    while sent < n:
        piece = chunk if n - sent >= BULK_CHUNK else chunk[:n - sent]
        writer.write(piece)
        await writer.drain()
        sent += len(piece)
    writer.close()
    await writer.wait_closed()
    total = await received
    server.close()
    await server.wait_closed()
    return total


WORKLOADS = {
    "W1": spawn,
    "W1P": spawn,
    "W1C": spawn_coros,
    "W2": round_trips,
    "W2P": round_trips,
    "W3": pending_memory,
    "W4": timers,
    "W5": spawn,
    "W6": cancellations,
    "W7": queue_pass,
    "W8": lock_contention,
    "W9": echo,
    "W10": bulk,
}


def measure(name, n):
    if name == "W3":
        tracemalloc.start()
    start = time.perf_counter()
    outcome = asyncio.run(WORKLOADS[name](n))
    seconds = time.perf_counter() - start
    if name == "W3":
        tracemalloc.stop()
    value, per_task = outcome if name == "W3" else (outcome, None)
    return {
        "seconds": seconds,
        "value": value,
        "bytes_per_task": per_task,
        "peak_working_set": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }


def main():
    args = sys.argv[1:]
    if args and args[0] == "--uvloop":
        args = args[1:]
        try:
            import uvloop
        except ImportError:
            print(f"{sys.executable} has no uvloop module (Debian: apt-get install python3-uvloop; "
                  "else: pip install uvloop)", file=sys.stderr)
            sys.exit(3)
        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    cold = bool(args) and args[0] == "--cold"
    if cold:
        args = args[1:]
    name, size, runs = args[0], int(args[1]), int(args[2])
    if name not in ("W3", "W5") and not cold:
        measure(name, max(1, size // 10))
    for _ in range(runs):
        gc.collect()
        print(json.dumps(measure(name, size)), flush=True)


if __name__ == "__main__":
    main()
