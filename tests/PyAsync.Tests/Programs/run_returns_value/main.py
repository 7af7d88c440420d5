import asyncio

async def add_one(number):
    return number + 1

result = asyncio.run(add_one(1))
print(result)

# each run gets a new loop
print(asyncio.run(add_one(41)))
