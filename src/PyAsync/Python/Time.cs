using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PyAsync;

/// <summary>
/// Mirrors the parts of Python's <c>time</c> module that ports use. Every function reads the clock
/// of the event loop running on this thread (else the current <see cref="ProgramContext"/>'s clock,
/// else the system clock), so under a <see cref="VirtualClock"/> they print virtual times.
/// </summary>
/// <remarks>C# forbids a member named like its class, so Python's <c>time.time()</c> is <see cref="Now"/>.</remarks>
public static class Time
{
    // The clock of the event loop running on this thread, or of the loop whose executor job runs here.
    [ThreadStatic] private static TimeProvider? t_clock;

    private static TimeProvider Clock => t_clock ?? ProgramContext.DefaultClock();

    /// <summary>
    /// Makes <paramref name="clock"/> the one this thread's time functions read (a loop starting to
    /// run, or an executor job of a loop) and returns the previous one, to put back afterwards.
    /// </summary>
    internal static TimeProvider? UseClock(TimeProvider? clock)
    {
        var previous = t_clock;
        t_clock = clock;
        return previous;
    }

    /// <summary>Seconds on <paramref name="clock"/>'s monotonic scale: virtual seconds from 0 on a <see cref="VirtualClock"/>.</summary>
    internal static double MonotonicSeconds(TimeProvider clock) =>
        clock is VirtualClock v ? v.Seconds : clock.GetTimestamp() / (double)clock.TimestampFrequency;

    /// <summary>
    /// Mirrors the blocking <c>time.sleep(seconds)</c>: blocks the thread, and with it the event loop
    /// when called from a coroutine, as in Python. Under a <see cref="VirtualClock"/> it advances the
    /// clock instead of waiting; under another <see cref="TimeProvider"/> than the system's (such as
    /// FakeTimeProvider) it blocks until that clock's time has moved on by <paramref name="seconds"/>.
    /// </summary>
    /// <exception cref="ValueError"><paramref name="seconds"/> is negative or not a number.</exception>
    public static void Sleep(double seconds)
    {
        if (!(seconds >= 0)) throw new ValueError("sleep length must be non-negative");
        var clock = Clock;
        if (clock is VirtualClock virtualClock) virtualClock.Advance(seconds);
        else if (clock == TimeProvider.System) Thread.Sleep(TimeSpan.FromSeconds(seconds));
        // Another clock (FakeTimeProvider, say): block until its own time has passed, however it moves.
        else Task.Delay(TimeSpan.FromSeconds(seconds), clock).GetAwaiter().GetResult();
    }

    /// <summary>Mirrors <c>time.time()</c>: seconds since the Unix epoch, as a float.</summary>
    public static double Now() => (Clock.GetUtcNow() - DateTimeOffset.UnixEpoch).TotalSeconds;

    /// <summary>Mirrors <c>time.monotonic()</c>: on the running loop's clock, the same as <c>loop.Time()</c>.</summary>
    public static double Monotonic() => MonotonicSeconds(Clock);

    /// <summary>Mirrors <c>time.perf_counter()</c>; the same clock as <see cref="Monotonic"/>.</summary>
    public static double PerfCounter() => Monotonic();

    /// <summary>Mirrors <c>time.strftime(format)</c> for the current local time (UTC on a <see cref="VirtualClock"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="format"/> is null.</exception>
    public static string Strftime(string format)
    {
        var clock = Clock;
        return Strftime(format, TimeZoneInfo.ConvertTime(clock.GetUtcNow(), clock.LocalTimeZone));
    }

    /// <summary>
    /// Mirrors <c>time.strftime(format, t)</c> in the C locale: <c>%a %A %b %B %c %d %H %I %j %m %M
    /// %p %S %U %w %W %x %X %y %Y %z %Z %%</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="format"/> is null.</exception>
    public static string Strftime(string format, DateTimeOffset t)
    {
        ArgumentNullException.ThrowIfNull(format);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        for (int i = 0; i < format.Length; i++)
        {
            char c = format[i];
            if (c != '%' || i + 1 == format.Length)
            {
                sb.Append(c);
                continue;
            }
            char code = format[++i];
            sb.Append(code switch
            {
                'a' => t.ToString("ddd", inv),
                'A' => t.ToString("dddd", inv),
                'b' or 'h' => t.ToString("MMM", inv),
                'B' => t.ToString("MMMM", inv),
                'c' => t.ToString("ddd MMM ", inv) + t.Day.ToString(inv).PadLeft(2) + t.ToString(" HH:mm:ss yyyy", inv),
                'd' => t.ToString("dd", inv),
                'e' => t.Day.ToString(inv).PadLeft(2),
                'H' => t.ToString("HH", inv),
                'I' => t.ToString("hh", inv),
                'j' => t.DayOfYear.ToString("000", inv),
                'm' => t.ToString("MM", inv),
                'M' => t.ToString("mm", inv),
                'p' => t.Hour < 12 ? "AM" : "PM",
                'S' => t.ToString("ss", inv),
                'U' => ((t.DayOfYear + 6 - (int)t.DayOfWeek) / 7).ToString("00", inv),
                'w' => ((int)t.DayOfWeek).ToString(inv),
                'W' => ((t.DayOfYear + 6 - ((int)t.DayOfWeek + 6) % 7) / 7).ToString("00", inv),
                'x' => t.ToString("MM/dd/yy", inv),
                'X' => t.ToString("HH:mm:ss", inv),
                'y' => t.ToString("yy", inv),
                'Y' => t.Year.ToString(inv),
                'z' => (t.Offset < TimeSpan.Zero ? "-" : "+") + t.Offset.ToString("hhmm", inv),
                'Z' => t.Offset == TimeSpan.Zero ? "UTC" : TimeZoneInfo.Local.StandardName,
                '%' => "%",
                _ => "%" + code,
            });
        }
        return sb.ToString();
    }

}
