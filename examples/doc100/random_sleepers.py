import asyncio
import random
import time

# Tutorials' workers sleep a random time. Seeded, the run is the same every time, and the port
# draws CPython's very numbers: random.seed(42) then random.random() is 0.6394267984578837.


async def worker(name, delay):
    print(name, 'sleeps', delay)
    await asyncio.sleep(delay)
    print(f'{time.monotonic():.3f} {name} wakes')
    return name


async def main():
    random.seed(42)
    names = ['ant', 'bee', 'cat', 'dog']
    random.shuffle(names)
    delays = [random.random() for _ in names]
    woke = await asyncio.gather(*(worker(n, d) for n, d in zip(names, delays)))
    print(woke)
    rng = random.Random(2024)
    print('dice:', [rng.randint(1, 6) for _ in range(10)])
    pause = rng.uniform(0.5, 1.5)
    print('winner:', rng.choice(names), 'pause:', pause)
    await asyncio.sleep(pause)
    print(f'total {time.monotonic():.3f} s')


asyncio.run(main())
