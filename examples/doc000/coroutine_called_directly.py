import asyncio


async def coroutine_add_one(number: int) -> int:
    return number + 1


def add_one(number: int) -> int:
    return number + 1


function_result = add_one(1)
coroutine_result = coroutine_add_one(1)

print(f'El resultado de la funcion es {function_result} y el tipo es {type(function_result)}')
print(f'El resultado de la corrutina es {coroutine_result} y el tipo es {type(coroutine_result)}')
