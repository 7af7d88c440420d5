namespace PyAsync;

/// <summary>
/// Mirrors Python's <c>signal.Signals</c>, the constants of the <c>signal</c> module (<c>signal.SIGINT</c>,
/// <c>signal.SIGUSR1</c>, ...): the POSIX signal numbers of Linux, as CPython has them there.
/// </summary>
/// <remarks>
/// <c>Print(Signal.SIGINT)</c> prints <c>2</c> and <c>Repr</c> gives <c>&lt;Signals.SIGINT: 2&gt;</c>, as CPython
/// 3.11's <c>IntEnum</c> does; <c>(int)Signal.SIGUSR1</c> is 10. On other systems the numbers of some
/// signals differ (SIGUSR1 is 30 on macOS): PyAsync's signal support is for Linux, where this is right.
/// </remarks>
public enum Signal
{
    /// <summary>Hangup (1).</summary>
    SIGHUP = 1,

    /// <summary>Interrupt, Ctrl+C (2).</summary>
    SIGINT = 2,

    /// <summary>Quit (3).</summary>
    SIGQUIT = 3,

    /// <summary>Abort (6).</summary>
    SIGABRT = 6,

    /// <summary>Kill (9): cannot be caught.</summary>
    SIGKILL = 9,

    /// <summary>User-defined signal 1 (10).</summary>
    SIGUSR1 = 10,

    /// <summary>User-defined signal 2 (12).</summary>
    SIGUSR2 = 12,

    /// <summary>Broken pipe (13).</summary>
    SIGPIPE = 13,

    /// <summary>Alarm clock (14).</summary>
    SIGALRM = 14,

    /// <summary>Termination (15).</summary>
    SIGTERM = 15,

    /// <summary>Child stopped or ended (17).</summary>
    SIGCHLD = 17,

    /// <summary>Continue (18).</summary>
    SIGCONT = 18,

    /// <summary>Stop (19): cannot be caught.</summary>
    SIGSTOP = 19,

    /// <summary>Terminal stop, Ctrl+Z (20).</summary>
    SIGTSTP = 20,

    /// <summary>Window size change (28).</summary>
    SIGWINCH = 28,
}
