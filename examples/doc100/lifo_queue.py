import asyncio

# A LifoQueue hands out the most recently added item first, like a stack: here a depth-first
# walk of a small tree, each worker step pushing the children of the node it took.

TREE = {
    'root': ['a', 'b'],
    'a': ['a1', 'a2'],
    'b': ['b1'],
    'a1': [], 'a2': [], 'b1': [],
}


async def main():
    stack = asyncio.LifoQueue()
    for i in range(1, 4):
        await stack.put(i)
    print(stack)
    popped = []
    while not stack.empty():
        popped.append(stack.get_nowait())
        stack.task_done()
    print(popped)

    await stack.put('root')
    order = []
    while not stack.empty():
        node = await stack.get()
        order.append(node)
        for child in TREE[node]:
            await stack.put(child)
        stack.task_done()
    print(' -> '.join(order))
    await stack.join()
    print('joined:', stack.qsize(), stack.empty())


asyncio.run(main())
