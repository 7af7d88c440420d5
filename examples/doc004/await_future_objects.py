import asyncio

def function_that_returns_a_future_object():
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    # callback-based code resolves the future in some other place
    loop.call_later(1, future.set_result, 'result of the future')
    return future

async def some_python_coroutine():
    await asyncio.sleep(2)
    return 'result of the coroutine'

async def main():
    print(await function_that_returns_a_future_object())

    # this is also valid
    print(await asyncio.gather(
        function_that_returns_a_future_object(),
        some_python_coroutine(),
    ))

asyncio.run(main())
