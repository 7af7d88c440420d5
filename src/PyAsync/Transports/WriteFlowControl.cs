using System.Globalization;

namespace PyAsync;

/// <summary>
/// CPython's <c>transports._FlowControlMixin</c>: a write transport's high and low water marks (64 KiB and 16 KiB by
/// default), and the calls to its protocol's <c>pause_writing()</c> when the buffer goes above the high one and
/// <c>resume_writing()</c> when it comes down to the low one. A protocol method that raises is reported to the loop's
/// exception handler (<paramref name="report"/>), as CPython's, and never leaves the transport.
/// </summary>
internal sealed class WriteFlowControl(Action pauseWriting, Action resumeWriting, Action<string, Exception> report)
{
    private int _highWater = 64 * 1024;
    private int _lowWater = 16 * 1024;
    private bool _protocolPaused;

    /// <summary>CPython's <c>get_write_buffer_limits()</c>.</summary>
    public (int Low, int High) Limits => (_lowWater, _highWater);

    /// <summary>CPython's <c>set_write_buffer_limits(high, low)</c>, then <c>_maybe_pause_protocol()</c>.</summary>
    /// <exception cref="ValueError">Not <c>high &gt;= low &gt;= 0</c>.</exception>
    public void SetLimits(int? high, int? low, int bufferSize)
    {
        int h = high ?? (low is { } l ? 4 * l : 64 * 1024);
        int lo = low ?? h / 4;
        if (!(h >= lo && lo >= 0))
            throw new ValueError($"high ({h.ToString(CultureInfo.InvariantCulture)}) must be >= low ({lo.ToString(CultureInfo.InvariantCulture)}) must be >= 0");
        _highWater = h;
        _lowWater = lo;
        MaybePause(bufferSize);
    }

    /// <summary>CPython's <c>_maybe_pause_protocol()</c>.</summary>
    public void MaybePause(int bufferSize)
    {
        if (bufferSize <= _highWater || _protocolPaused) return;
        _protocolPaused = true;
        try
        {
            pauseWriting();
        }
        catch (Exception e)
        {
            report("protocol.pause_writing() failed", e);
        }
    }

    /// <summary>CPython's <c>_maybe_resume_protocol()</c>.</summary>
    public void MaybeResume(int bufferSize)
    {
        if (!_protocolPaused || bufferSize > _lowWater) return;
        _protocolPaused = false;
        try
        {
            resumeWriting();
        }
        catch (Exception e)
        {
            report("protocol.resume_writing() failed", e);
        }
    }
}
