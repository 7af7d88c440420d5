using System.Runtime.InteropServices;

namespace PyAsync;

/// <summary>
/// An <c>epoll</c> selector for one event loop (Linux): CPython's <c>selectors.EpollSelector</c> as its selector event
/// loop uses it. File descriptors are registered for reading and/or writing, level-triggered, each with the callback
/// to queue when it is ready; <see cref="Poll"/> (<c>select(timeout)</c>) queues the callbacks of the ready ones, in the
/// order epoll reports them, reader before writer for one descriptor, as CPython's <c>_process_events</c>. An
/// <c>eventfd</c> in the set lets other threads wake a loop that waits here (<see cref="Wake"/>).
/// </summary>
/// <remarks>
/// <para>
/// Why it exists: .NET's own socket readiness completes on its thread pool, which must then hand each event to the
/// loop's thread (a wake-up and a context switch per readiness). With the selector the loop's thread itself waits in
/// <c>epoll_wait</c> and runs the ready callbacks, as CPython's and uvloop's loops do.
/// </para>
/// <para>
/// Invariants: only the loop's thread registers, unregisters and polls; <see cref="Wake"/> may come from any thread.
/// A descriptor must be unregistered before it is closed (a reused number would otherwise find a stale entry; a stale
/// entry is also repaired: <c>EPOLL_CTL_MOD</c> falling back to <c>EPOLL_CTL_ADD</c>). The P/Invokes take integers and
/// pointers only; <c>struct epoll_event</c> is written by offset (packed, 12 bytes, on x86-64; 16 elsewhere).
/// </para>
/// </remarks>
internal sealed class EpollSelector : IDisposable
{
    private const int EPOLLIN = 0x001, EPOLLOUT = 0x004, EPOLLERR = 0x008, EPOLLHUP = 0x010;
    private const int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    private const int EPOLL_CLOEXEC = 0x80000;
    private const int EFD_CLOEXEC = 0x80000, EFD_NONBLOCK = 0x800;
    private const int ENOENT = 2, EINTR = 4;
    private const int MaxEvents = 256;

    private static readonly int s_eventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int s_dataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    private readonly int _epfd;
    private readonly int _wakeFd;
    private readonly nint _events;
    private readonly nint _ctlEvent;
    private readonly nint _counter;
    private readonly Dictionary<int, Registration> _fds = new();
    // The 1 that Wake writes, at an address that does not move; Wake and Dispose take the lock, so that no write
    // reaches a closed (and maybe reused) descriptor number.
    private readonly long[] _one = GC.AllocateArray<long>(1, pinned: true);
    private readonly object _wakeLock = new();
    private bool _disposed;
    // Events a waiting Poll (no queue) found, kept for the loop's next Poll(0) instead of a second epoll_wait.
    private int _stashed;

    private sealed class Registration
    {
        public IReadyCallback? Reader;
        public object? ReaderArg;
        public IReadyCallback? Writer;
        public object? WriterArg;
    }

    private EpollSelector(int epfd, int wakeFd)
    {
        _epfd = epfd;
        _wakeFd = wakeFd;
        _events = Marshal.AllocHGlobal(MaxEvents * s_eventSize);
        _ctlEvent = Marshal.AllocHGlobal(16);
        _counter = Marshal.AllocHGlobal(8);
        _one[0] = 1;
        Control(EPOLL_CTL_ADD, wakeFd, EPOLLIN);
    }

    /// <summary>A selector, or null where epoll is not available (not Linux, or the calls fail).</summary>
    public static EpollSelector? TryCreate()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            int epfd = EpollCreate1(EPOLL_CLOEXEC);
            if (epfd < 0) return null;
            int wakeFd = EventFd(0, EFD_CLOEXEC | EFD_NONBLOCK);
            if (wakeFd < 0)
            {
                Close(epfd);
                return null;
            }
            return new EpollSelector(epfd, wakeFd);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Whether any descriptor is registered (besides the wake-up one).</summary>
    public bool HasRegistrations => _fds.Count > 0;

    /// <summary>CPython's <c>_add_reader(fd, callback)</c>: <paramref name="callback"/>(<paramref name="arg"/>) is queued by each poll that finds it readable.</summary>
    public void SetReader(int fd, IReadyCallback callback, object? arg)
    {
        bool known = _fds.TryGetValue(fd, out var registration);
        registration ??= new Registration();
        registration.Reader = callback;
        registration.ReaderArg = arg;
        _fds[fd] = registration;
        Update(fd, registration, known);
    }

    /// <summary>CPython's <c>_remove_reader(fd)</c>.</summary>
    public void ClearReader(int fd)
    {
        if (!_fds.TryGetValue(fd, out var registration) || registration.Reader is null) return;
        registration.Reader = null;
        registration.ReaderArg = null;
        Update(fd, registration, known: true);
    }

    /// <summary>CPython's <c>_add_writer(fd, callback)</c>.</summary>
    public void SetWriter(int fd, IReadyCallback callback, object? arg)
    {
        bool known = _fds.TryGetValue(fd, out var registration);
        registration ??= new Registration();
        registration.Writer = callback;
        registration.WriterArg = arg;
        _fds[fd] = registration;
        Update(fd, registration, known);
    }

    /// <summary>CPython's <c>_remove_writer(fd)</c>.</summary>
    public void ClearWriter(int fd)
    {
        if (!_fds.TryGetValue(fd, out var registration) || registration.Writer is null) return;
        registration.Writer = null;
        registration.WriterArg = null;
        Update(fd, registration, known: true);
    }

    private void Update(int fd, Registration registration, bool known)
    {
        // After the loop's close (a transport closing late): nothing is watched any more.
        if (_disposed) return;
        int mask = (registration.Reader is null ? 0 : EPOLLIN) | (registration.Writer is null ? 0 : EPOLLOUT);
        if (mask == 0)
        {
            _fds.Remove(fd);
            if (known) Control(EPOLL_CTL_DEL, fd, 0, ignoreMissing: true);
            return;
        }
        if (!known)
        {
            Control(EPOLL_CTL_ADD, fd, mask);
            return;
        }
        if (!Control(EPOLL_CTL_MOD, fd, mask, ignoreMissing: true)) Control(EPOLL_CTL_ADD, fd, mask);
    }

    // epoll_ctl; false when the descriptor was not in the set (ENOENT) and that was allowed.
    private bool Control(int op, int fd, int mask, bool ignoreMissing = false)
    {
        Marshal.WriteInt32(_ctlEvent, 0, mask);
        Marshal.WriteInt64(_ctlEvent, s_dataOffset, fd);
        if (EpollCtl(_epfd, op, fd, _ctlEvent) == 0) return true;
        int errno = Marshal.GetLastPInvokeError();
        if (ignoreMissing && (errno == ENOENT || errno == 9)) return false;
        throw OSErrors.Create(errno, OSErrors.Strerror(errno) ?? Marshal.GetPInvokeErrorMessage(errno), null, null);
    }

    /// <summary>
    /// CPython's <c>select(timeout)</c> and <c>_process_events</c>: waits up to <paramref name="timeoutMs"/> (0: not
    /// at all, -1: no limit) and queues into <paramref name="ready"/> the callbacks of the descriptors that are ready
    /// (an error or a hang-up counts as both readable and writable, as in CPython's selector). Returns how many
    /// callbacks it queued; a wake-up (<see cref="Wake"/>) is consumed and queues nothing. A wait with no queue (the
    /// loop's idle wait) keeps what it found for the next <c>Poll(0, ready)</c>, which then makes no system call.
    /// </summary>
    public int Poll(int timeoutMs, ReadyQueue? ready)
    {
        int n;
        if (ready is not null && timeoutMs == 0 && _stashed > 0)
        {
            // What the loop's wait just found (level-triggered: still so; nothing ran on the loop in between).
            n = _stashed;
            _stashed = 0;
        }
        else
        {
            while ((n = EpollWait(_epfd, _events, MaxEvents, timeoutMs)) < 0)
            {
                if (Marshal.GetLastPInvokeError() != EINTR) return 0;
            }
            _stashed = 0;
        }
        int queued = 0;
        for (int i = 0; i < n; i++)
        {
            nint e = _events + i * s_eventSize;
            int events = Marshal.ReadInt32(e, 0);
            int fd = (int)Marshal.ReadInt64(e, s_dataOffset);
            if (fd == _wakeFd)
            {
                Read(_wakeFd, _counter, 8);
                continue;
            }
            if (ready is null)
            {
                // A wait: the events are kept for the next Poll(0) (the wake-up fd, consumed, is not).
                _stashed = n;
                continue;
            }
            if (!_fds.TryGetValue(fd, out var registration)) continue;
            if ((events & (EPOLLIN | EPOLLERR | EPOLLHUP)) != 0 && registration.Reader is { } reader)
            {
                ready.Enqueue(reader, registration.ReaderArg);
                queued++;
            }
            if ((events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) != 0 && registration.Writer is { } writer)
            {
                ready.Enqueue(writer, registration.WriterArg);
                queued++;
            }
        }
        return queued;
    }

    /// <summary>Ends a <see cref="Poll"/> that waits, or the next one (any thread).</summary>
    public void Wake()
    {
        lock (_wakeLock)
        {
            if (_disposed) return;
            Write(_wakeFd, Marshal.UnsafeAddrOfPinnedArrayElement(_one, 0), 8);
        }
    }

    /// <summary>A loop dropped without <c>close()</c>: its descriptors are not leaked.</summary>
    ~EpollSelector() => Dispose();

    /// <summary>Closes the epoll and eventfd descriptors (the loop's close, on its thread).</summary>
    public void Dispose()
    {
        GC.SuppressFinalize(this);
        lock (_wakeLock)
        {
            if (_disposed) return;
            _disposed = true;
            Close(_epfd);
            Close(_wakeFd);
        }
        _fds.Clear();
        Marshal.FreeHGlobal(_events);
        Marshal.FreeHGlobal(_ctlEvent);
        Marshal.FreeHGlobal(_counter);
    }

#pragma warning disable SYSLIB1054 // blittable signatures (see the remarks)
    [DllImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static extern int EpollCreate1(int flags);

    [DllImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static extern int EpollCtl(int epfd, int op, int fd, nint @event);

    [DllImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static extern int EpollWait(int epfd, nint events, int maxEvents, int timeout);

    [DllImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static extern int EventFd(uint initval, int flags);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint Read(int fd, nint buffer, nint count);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    private static extern nint Write(int fd, nint buffer, nint count);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
#pragma warning restore SYSLIB1054
}
