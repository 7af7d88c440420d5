import asyncio
import contextvars

user = contextvars.ContextVar('user', default='anonymous')

def whoami(where):
    print(f'{where}: {user.get()}')

async def handler(name):
    whoami(f'{name} starts')
    user.set(name)
    await asyncio.sleep(0.1)
    whoami(f'{name} ends')

async def main():
    token = user.set('alice')
    ctx = contextvars.copy_context()
    user.set('bob')
    ctx.run(whoami, 'in the copy')
    ctx.run(user.set, 'carol')
    print('the copy now has', ctx[user], 'and main has', user.get())

    await asyncio.create_task(handler('dave'), context=ctx)
    print('after the task the copy has', ctx[user])
    await asyncio.gather(handler('erin'), handler('frank'))
    whoami('main')
    user.reset(token)
    whoami('after reset')
    try:
        user.reset(token)
    except RuntimeError as e:
        print('RuntimeError:', str(e).split(' var=')[0] + '>', str(e).split('>')[-1].strip())
    print(user in ctx, len(ctx) >= 1, ctx.get(user))

asyncio.run(main())
