import asyncio


async def my_coroutine():
    ...


# Llamar a una corutina devuelve un objeto corutina: todavia no se ejecuta
coro = my_coroutine()
print(type(coro))
# asyncio.run() inicia el bucle de eventos y ejecuta la corutina
asyncio.run(coro)
