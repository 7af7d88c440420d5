import asyncio


async def my_second_coroutine():
    print('my_second_coroutine: empieza')
    await asyncio.sleep(1)
    print('my_second_coroutine: termina')
    return 'resultado de my_second_coroutine'


async def my_first_coroutine():
    print('my_first_coroutine: empieza')
    # se suspende my_first_coroutine hasta que termine my_second_coroutine
    result = await my_second_coroutine()
    print(f'my_first_coroutine: continua con "{result}"')


asyncio.run(my_first_coroutine())
