using PyAsync.Bench.Harness;
using PyAsync.Bench.Workloads;

// PyAsync's benchmarks: the workloads of BENCHMARKS.md in every column, then the W2 round trip under
// BenchmarkDotNet's memory diagnoser, and one table. W1 to W8 are the core and the synchronization
// primitives; W9 (echo: 100 loopback clients x 10,000 16-byte lines) and W10 (bulk: 1 GiB in 64 KiB
// writes) are streams over TCP on 127.0.0.1, in PyAsync, CPython, CPython+uvloop and hand-written .NET
// sockets on the thread pool (TplThreadPool) only.
//
//   dotnet run -c Release --project bench [-- options]      (-- --help lists them; Spectre.Console.Cli, bench/Harness/BenchCli.cs)
//     --rounds R        rounds over the columns, interleaved so that machine noise spreads evenly (default 3)
//     --runs N          measured runs per round, in one process per column (default 5; CPython 2; W5 1)
//     --only W1,W4      only these workloads (W1 … W10; W1P, W1C and W2P are W1 and W2 written as porters
//                       write them: a List to Gather, coroutines to Gather, a closure in CallSoon)
//     --no-cold         skip the cold figures (each round otherwise also runs every column once in a fresh
//                       process without any warm-up: the first full-size run, as a ported script meets it)
//     --tiny            every workload at its smoke-test size (checks results; figures mean nothing)
//     --no-python       skip the CPython columns (CPython, and CPython+uvloop: the system python3 with
//                       Debian's python3-uvloop, or PYASYNC_UVLOOP_PYTHON; skipped with a message if missing)
//     --columns A,B     only these columns: PyAsync, CPython, CPythonUvloop, TplSingleThread, TplAsyncContext
//                       (Nito.AsyncEx's AsyncContext.Run), TplThreadPool,
//                       AsyncLockSingleThread, AsyncLockThreadPool, AsyncLockAsyncContext (W8 only),
//                       OneThreadBound (W10 only: one thread, non-blocking sockets, no allocation), Baseline
//     --no-micro        skip BenchmarkDotNet
//     --markdown FILE   also write the table as Markdown
//     --baseline PATH   A/B: add the Baseline column, the PyAsync column of another build of this bench
//                       (PATH: its PyAsync.Bench.dll or the directory holding it, typically the Release
//                       build of an older commit), run as `dotnet PATH child PyAsync W n runs` in every
//                       round; the table then shows it next to PyAsync, with "PyAsync vs baseline"
//                       ratios and the W2 bytes allocated per await of both. bench/ab.sh does it all.
//     --baseline-label TEXT   its heading in the table (default: the short commit in PATH, else "baseline")
//
// --help prints the usage and exits with 0; a missing or wrong option value prints what is wrong on one
// line (stderr) and exits with code 2.
//
//   dotnet run -c Release --project bench -- unretrieved [N]
//     issue 9's case for "Task exception was never retrieved" (bench/Workloads/UnretrievedCase.cs):
//     N failures (default 1,000; a positive whole number) retrieved at once, later, and later while printing.
//
//   dotnet run -c Release --project bench -- startup [--runs N] [--markdown FILE] [--republish] [--no-aot]
//     issue 12's start-up figures (bench/Startup/StartupBench.cs): hello-world (bench/Startup/hello.py)
//     in python3 and its port (bench/Startup/Hello) published as JIT, ReadyToRun and NativeAOT into
//     bench/obj/startup (again only when stale, or with --republish), next to plain .NET; N runs each
//     (default 20), round robin: time to the first line and to exit, ratios against python3, sizes.
//
// `child ...` and `unretrieved child ...` are the bench's protocol with the processes it starts (and with
// the older builds that --baseline runs), read by hand before the command line proper.

if (args is ["child", ..]) return Measurer.ChildMain(args);
if (args is ["unretrieved", "child", _, _]) return UnretrievedCase.ChildMain(args);
return BenchCli.Run(args);
