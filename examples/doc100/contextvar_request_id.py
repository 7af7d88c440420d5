import asyncio
import contextvars

# A request-id logger: each request handler sets a ContextVar, and log() reads it, however deep
# the call and whatever other requests run meanwhile. Each task runs in a copy of the context of
# the code that created it, so a value set in one task never leaks into another.

request_id = contextvars.ContextVar('request_id', default='none')


def log(message):
    print(f'[{request_id.get()}] {message}')


async def query_database(sql):
    log(f'query: {sql}')
    await asyncio.sleep(0.1)
    return 42


async def handle_request(rid, path, delay):
    token = request_id.set(rid)
    log(f'start {path}')
    await asyncio.sleep(delay)
    rows = await query_database(f'SELECT * FROM t WHERE path = {path!r}')
    # a sub-task inherits the handler's request id
    await asyncio.create_task(audit(path))
    log(f'done {path}: {rows} rows')
    request_id.reset(token)
    log('after reset')


async def audit(path):
    log(f'audit {path}')


async def main():
    log('server starting')
    await asyncio.gather(
        handle_request('req-1', '/home', 0.3),
        handle_request('req-2', '/about', 0.1),
        handle_request('req-3', '/shop', 0.2),
    )
    log('server idle')

    # Set in main before creating a task: the task sees it; set later: it does not
    request_id.set('main')
    task = asyncio.create_task(audit('/late'))
    request_id.set('changed')
    await task

    # copy_context() and Context.run()
    ctx = contextvars.copy_context()
    request_id.set('after copy')
    ctx.run(log, 'inside ctx.run')
    log('outside')
    print(ctx.run(request_id.get))


asyncio.run(main())
