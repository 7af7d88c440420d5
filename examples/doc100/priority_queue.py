import asyncio

# A PriorityQueue hands out the smallest item first. Items are (priority, item) tuples, compared
# as tuples: equal priorities fall back to the next element. A payload that cannot be compared
# breaks on a tie, so tutorials add a counter between priority and payload.


class Job:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f'Job({self.name!r})'


async def main():
    queue = asyncio.PriorityQueue()
    for item in [(2, 'write report'), (1, 'fix bug'), (3, 'lunch'), (1, 'answer email'), (2, 'call bob')]:
        queue.put_nowait(item)
    print(queue)
    while not queue.empty():
        priority, task = await queue.get()
        print(priority, task)

    # Ties between payloads that cannot be compared
    jobs = asyncio.PriorityQueue()
    jobs.put_nowait((1, Job('backup')))
    try:
        jobs.put_nowait((1, Job('deploy')))
    except TypeError as e:
        print('TypeError:', e)

    # The fix: a sequence number breaks the tie, so the payloads are never compared
    jobs = asyncio.PriorityQueue()
    for seq, (priority, name) in enumerate([(2, 'report'), (1, 'backup'), (1, 'deploy'), (2, 'cleanup')]):
        await jobs.put((priority, seq, Job(name)))
    while not jobs.empty():
        print(await jobs.get())


asyncio.run(main())
