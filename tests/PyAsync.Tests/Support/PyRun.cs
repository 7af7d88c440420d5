using PyAsync.Examples;

namespace PyAsync.Tests.Support;

/// <summary>What a ported program wrote.</summary>
public sealed record Output(string Stdout, string Stderr)
{
    public string[] StdoutLines => Lines(Stdout);

    public string[] StderrLines => Lines(Stderr);

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
}

/// <summary>
/// Runs code the way a ported program runs: in its own <see cref="ProgramContext"/> (captured stdout
/// and stderr, task names from Task-1, a fresh <see cref="VirtualClock"/>) on a thread of its own, so
/// tests can run in parallel. A run that does not finish within <see cref="Watchdog"/> fails the test
/// instead of hanging it; virtual time makes every legitimate run finish in milliseconds.
/// </summary>
public static class PyRun
{
    public static TimeSpan Watchdog => ProgramHost.Watchdog;

    /// <summary>Runs <paramref name="program"/> (module-level code, e.g. <c>Run(Main())</c>) and returns its output.</summary>
    public static Output Program(Action program, TimeProvider? clock = null)
    {
        var output = ProgramHost.Run(program, clock ?? new VirtualClock());
        return new Output(output.Stdout, output.Stderr);
    }

    /// <summary>Runs <c>Run(main())</c> on a virtual clock and returns the coroutine's result with the output.</summary>
    public static (T Result, Output Output) Main<T>(Func<Coroutine<T>> main, bool? debug = null)
    {
        T result = default!;
        var output = Program(() => result = Asyncio.Run(main(), debug));
        return (result, output);
    }

    /// <summary>Runs <c>Run(main())</c> on a virtual clock and returns the output.</summary>
    public static Output Main(Func<Coroutine> main, bool? debug = null) =>
        Program(() => Asyncio.Run(main(), debug));

    /// <summary>Runs <c>Run(main())</c> and returns the exception it raised (the test fails if none).</summary>
    public static TException Raises<TException>(Func<Coroutine> main) where TException : Exception
    {
        TException? caught = null;
        Program(() => caught = Should.Throw<TException>(() => Asyncio.Run(main())));
        return caught!;
    }
}
