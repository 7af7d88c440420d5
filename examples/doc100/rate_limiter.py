import asyncio
import time

# The rate-limiter chapter: at most 2 requests start per second. Each request takes a token
# from a semaphore and gives it back one second later with loop.call_later(), however long the
# request itself takes.


class RateLimiter:
    def __init__(self, rate, per):
        self._sem = asyncio.BoundedSemaphore(rate)
        self._per = per

    async def __aenter__(self):
        await self._sem.acquire()
        asyncio.get_running_loop().call_later(self._per, self._sem.release)

    async def __aexit__(self, *exc):
        pass


async def request(limiter, i):
    async with limiter:
        print(f'{time.monotonic():.2f} request {i} starts')
        await asyncio.sleep(0.25)
    return i * i


async def main():
    limiter = RateLimiter(2, 1.0)
    results = await asyncio.gather(*(request(limiter, i) for i in range(7)))
    print(results)
    print(f'7 requests in {time.monotonic():.2f} s')


asyncio.run(main())
