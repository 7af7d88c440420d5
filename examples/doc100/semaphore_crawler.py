import asyncio
import time

# A crawler that fetches at most three pages at a time: a semaphore limits the concurrent
# "downloads", each of which takes a while (a sleep stands for the network).

PAGES = {
    'https://example.com/': 1.5,
    'https://example.com/about': 0.5,
    'https://example.com/blog': 2.0,
    'https://example.com/blog/1': 1.0,
    'https://example.com/blog/2': 0.75,
    'https://example.com/contact': 0.25,
    'https://example.com/shop': 1.25,
}

active = 0
peak = 0


async def fetch(url, sem):
    global active, peak
    async with sem:
        active += 1
        peak = max(peak, active)
        print(f'{time.monotonic():5.2f} GET  {url} ({active} active)')
        await asyncio.sleep(PAGES[url])
        active -= 1
        print(f'{time.monotonic():5.2f} DONE {url}')
        return len(url)


async def main():
    sem = asyncio.Semaphore(3)
    tasks = [asyncio.create_task(fetch(url, sem)) for url in PAGES]
    await asyncio.sleep(0)
    print(sem)
    sizes = await asyncio.gather(*tasks)
    print(f'fetched {len(sizes)} pages, {sum(sizes)} bytes, at most {peak} at once, '
          f'in {time.monotonic():.2f} s')


asyncio.run(main())
