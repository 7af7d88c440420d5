// One run of a bench workload in this fresh process, as a ported script meets it: prints the workload,
// its size and the seconds of the run (`Felt W1P 100000`). Published ahead of time, it gives the cold
// figures without a JIT (BENCHMARKS.md, "Cold runs").
using System.Globalization;
using PyAsync.Bench.Workloads;

var workload = Workload.Get(args[0]);
int n = int.Parse(args[1], CultureInfo.InvariantCulture);
var m = PyAsyncWorkloads.Run(workload, n);
if (!m.IsRight) throw new InvalidOperationException($"{workload.Id}: {m.Value}, expected {m.Expected}");
Console.WriteLine(FormattableString.Invariant($"{workload.Id} {n} {m.Seconds:F4}"));
