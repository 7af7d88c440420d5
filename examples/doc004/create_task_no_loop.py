import asyncio

async def nested():
    return 42

try:
    task = asyncio.create_task(nested())
except RuntimeError as e:
    print(f'RuntimeError: {e}')
