import asyncio

async def delay(seconds):
    print(f'sleeping for {seconds} second(s)')
    await asyncio.sleep(seconds)
    print(f'finished sleeping for {seconds} second(s)')
    return seconds

async def main():
    sleep_for_three = asyncio.create_task(delay(3))
    sleep_again = asyncio.create_task(delay(3))
    sleep_once_more = asyncio.create_task(delay(3))

    # the three tasks sleep at the same time: 3 seconds in all, not 9
    await sleep_for_three
    await sleep_again
    await sleep_once_more

    print(asyncio.get_running_loop().time())

asyncio.run(main())
