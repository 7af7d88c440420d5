namespace PyAsync;

/// <summary>
/// A clock that only moves when the event loop has nothing to do: the loop then jumps it to the next
/// timer instead of sleeping, so a program that sleeps 10 s finishes in milliseconds and prints the
/// same lines. Pass it as <c>Run(Main(), clock: new VirtualClock())</c>, or install one for a whole
/// program with <see cref="ProgramContext.Enter"/>.
/// </summary>
/// <remarks>
/// <para>
/// The loop does not jump while work outside it is pending: a <c>RunInExecutor</c>/<c>ToThread</c> job,
/// or a .NET <see cref="Task"/> a coroutine awaits (unless that .NET code is itself waiting on the
/// loop). <see cref="Time.Sleep"/> (Python's blocking <c>time.sleep</c>) advances the clock by the
/// time it would have blocked.
/// </para>
/// <para>
/// Monotonic time (<c>loop.Time()</c>) starts at 0. Wall-clock time starts at
/// <see cref="DefaultStart"/> (2025-01-01 12:00:00, UTC) unless another start is given, so
/// <c>Time.Strftime("%X")</c> prints <c>12:00:00</c> at the start of every run. The clock only drives
/// PyAsync's loops: .NET timers created from it (<see cref="CreateTimer"/>) are not supported.
/// </para>
/// </remarks>
public sealed class VirtualClock : TimeProvider
{
    /// <summary>Where wall-clock time starts unless another start is given: 2025-01-01 12:00:00 UTC.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly DateTimeOffset _start;
    private long _secondsBits;

    /// <summary>Creates a clock at virtual second 0, wall time <see cref="DefaultStart"/>.</summary>
    public VirtualClock() : this(DefaultStart) { }

    /// <summary>Creates a clock at virtual second 0 whose wall time starts at <paramref name="start"/>.</summary>
    public VirtualClock(DateTimeOffset start) => _start = start;

    /// <summary>Virtual seconds elapsed since the clock was created: what <c>loop.Time()</c> returns.</summary>
    public double Seconds => BitConverter.Int64BitsToDouble(Volatile.Read(ref _secondsBits));

    /// <summary>Moves the clock forward by <paramref name="seconds"/> (thread-safe).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seconds"/> is negative or not a number.</exception>
    public void Advance(double seconds)
    {
        if (!(seconds >= 0)) throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "The clock cannot go backwards.");
        Update(current => current + seconds);
    }

    /// <summary>Moves the clock to <paramref name="seconds"/> if that is later than now.</summary>
    internal void AdvanceTo(double seconds) => Update(current => Math.Max(current, seconds));

    private void Update(Func<double, double> next)
    {
        while (true)
        {
            long old = Volatile.Read(ref _secondsBits);
            long updated = BitConverter.DoubleToInt64Bits(next(BitConverter.Int64BitsToDouble(old)));
            if (Interlocked.CompareExchange(ref _secondsBits, updated, old) == old) return;
        }
    }

    /// <summary>The virtual wall-clock time: the start plus <see cref="Seconds"/>.</summary>
    public override DateTimeOffset GetUtcNow() => _start + TimeSpan.FromSeconds(Seconds);

    /// <summary>Virtual nanoseconds.</summary>
    public override long GetTimestamp() => (long)(Seconds * TimestampFrequency);

    /// <summary>Nanoseconds: 1,000,000,000 ticks a second.</summary>
    public override long TimestampFrequency => 1_000_000_000;

    /// <summary>UTC, so that formatted times do not depend on the machine's time zone.</summary>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Not supported: the virtual clock drives PyAsync's event loops only.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException("VirtualClock only drives PyAsync event loops; use Sleep() or loop.CallLater() for timers.");
}
