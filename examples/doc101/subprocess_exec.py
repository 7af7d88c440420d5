import asyncio
import sys
import time


async def get_date():
    code = ('import datetime, sys; '
            'print(datetime.datetime.fromtimestamp(float(sys.argv[1]), datetime.timezone.utc))')

    # Create the subprocess; redirect the standard output
    # into a pipe.
    proc = await asyncio.create_subprocess_exec(
        sys.executable, '-c', code, str(time.time()),
        stdout=asyncio.subprocess.PIPE)

    # Read one line of output.
    data = await proc.stdout.readline()
    line = data.decode('ascii').rstrip()

    # Wait for the subprocess exit.
    await proc.wait()
    return line

date = asyncio.run(get_date())
print(f"Current date: {date}")
