import asyncio

# Several shell commands run at the same time (the slowest takes half a second of real time), gathered;
# then each one's exit code and output, in the order they were given.

COMMANDS = [
    'sleep 0.5; echo "slow"',
    'echo "fast"',
    'seq 3 | sort -r',
    'echo "to stderr" >&2; exit 1',
]


async def run(cmd):
    proc = await asyncio.create_subprocess_shell(
        cmd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    stdout, stderr = await proc.communicate()
    return proc.returncode, stdout.decode(), stderr.decode()


async def main():
    results = await asyncio.gather(*(run(cmd) for cmd in COMMANDS))
    for cmd, (returncode, stdout, stderr) in zip(COMMANDS, results):
        print(f'[{cmd!r} exited with {returncode}]')
        if stdout:
            print(f'[stdout]\n{stdout}', end='')
        if stderr:
            print(f'[stderr]\n{stderr}', end='')


asyncio.run(main())
