using System.Runtime.InteropServices;

namespace PyAsync;

/// <summary>Mirrors the parts of Python's <c>os</c> module that asyncio programs use with signals: <c>getpid</c> and <c>kill</c>.</summary>
public static class Os
{
    /// <summary>Mirrors <c>os.getpid()</c>.</summary>
    public static int Getpid() => Environment.ProcessId;

    /// <summary>
    /// Mirrors <c>os.kill(pid, sig)</c>: sends <paramref name="sig"/> to the process <paramref name="pid"/>
    /// (POSIX <c>kill</c>). Sent to this process for a signal an event loop handles
    /// (<see cref="EventLoop.AddSignalHandler(Signal, Action)"/>), it returns once the loop has it, as in
    /// CPython, so the handler runs when CPython's would: two iterations later.
    /// </summary>
    /// <exception cref="ValueError"><paramref name="sig"/> is not a signal number (1 to 64).</exception>
    /// <exception cref="ProcessLookupError">No process has the pid: <c>[Errno 3] No such process</c>.</exception>
    /// <exception cref="PermissionError">Not allowed to signal it: <c>[Errno 1] Operation not permitted</c>.</exception>
    /// <exception cref="OSError">Another errno of <c>kill</c>.</exception>
    /// <exception cref="PlatformNotSupportedException">Not on Linux or macOS.</exception>
    public static void Kill(int pid, Signal sig)
    {
        int number = (int)sig;
        if (!SignalDelivery.IsValid(number)) throw new ValueError($"invalid signal number {number}");
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) throw new PlatformNotSupportedException("os.kill with a signal is for Linux and macOS.");
        bool toSelf = pid == Environment.ProcessId && SignalDelivery.IsHandled(number);
        long before = toSelf ? SignalDelivery.Count(number) : 0;
        if (SendSignal(pid, number) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw OSErrors.Create(errno, OSErrors.Strerror(errno) ?? Marshal.GetPInvokeErrorMessage(errno), null, null);
        }
        if (toSelf) SignalDelivery.WaitForDelivery(number, before);
    }

    // A blittable P/Invoke (ints only), so no marshalling code is generated and NativeAOT takes it as is;
    // LibraryImport would need unsafe code in the library.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int sig);
#pragma warning restore SYSLIB1054
}
