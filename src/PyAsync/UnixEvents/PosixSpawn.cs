using System.Collections;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace PyAsync;

/// <summary>
/// Starting a child process as CPython's <c>subprocess.Popen</c> does on POSIX (close_fds, restore_signals), with
/// <c>posix_spawnp</c>: the child's standard streams are the ends of socket pairs (for <c>PIPE</c>),
/// <c>/dev/null</c>, a file descriptor of the program's, or this process's own; every other descriptor is closed in
/// the child; SIGPIPE and SIGXFSZ are back to their default action (.NET ignores SIGPIPE) and no signal is blocked.
/// </summary>
/// <remarks>
/// <para>
/// A <c>PIPE</c> is a connected pair of Unix stream sockets, as libuv makes them for its children (and so uvloop):
/// the loop's end is then a <see cref="Socket"/> that .NET waits on without a thread. CPython uses <c>os.pipe()</c>.
/// A child sees the same bytes, the same end of file and the same EPIPE/SIGPIPE; only <c>fstat</c> tells a socket
/// from a pipe.
/// </para>
/// <para>
/// The P/Invokes take and return integers and pointers only (no marshalling code, as NativeAOT wants); the
/// structures are libc's opaque ones, allocated with room to spare for glibc's and macOS's sizes.
/// </para>
/// </remarks>
internal static class PosixSpawn
{
    private const int AF_UNIX = 1;
    private const int SOCK_STREAM = 1;
    private const int SOCK_CLOEXEC = 0x80000;
    private const int F_SETFD = 2;
    private const int FD_CLOEXEC = 1;
    private const short POSIX_SPAWN_SETSIGDEF = 0x04;
    private const short POSIX_SPAWN_SETSIGMASK = 0x08;
    private const int SIGPIPE = 13;
    private const int SIGXFSZ = 25;
    private const int EINTR = 4;

    /// <summary>
    /// A connected pair for one standard stream: the loop's end (a non-blocking <see cref="Socket"/>) and the
    /// child's end (a descriptor closed on exec until the child's <c>dup2</c> makes it 0, 1 or 2).
    /// </summary>
    /// <exception cref="OSError">socketpair failed (too many open files).</exception>
    public static (Socket Parent, int Child) Pipe()
    {
        var fds = new int[2];
        int type = SOCK_STREAM | (OperatingSystem.IsLinux() ? SOCK_CLOEXEC : 0);
        if (SocketPair(AF_UNIX, type, 0, fds) != 0) throw LastError(null);
        if (!OperatingSystem.IsLinux())
        {
            Fcntl(fds[0], F_SETFD, FD_CLOEXEC);
            Fcntl(fds[1], F_SETFD, FD_CLOEXEC);
        }
        try
        {
            var parent = new Socket(new SafeSocketHandle(fds[0], ownsHandle: true)) { Blocking = false };
            return (parent, fds[1]);
        }
        catch
        {
            Close(fds[0]);
            Close(fds[1]);
            throw;
        }
    }

    /// <summary>Closes a descriptor of ours (the child's end of a pair, once the child has it).</summary>
    public static void CloseFd(int fd) => Close(fd);

    /// <summary>
    /// <c>posix_spawnp(argv[0], ...)</c>: starts <paramref name="argv"/> with its standard streams dup'ed from
    /// <paramref name="stdio"/> (-1: this process's own), in <paramref name="cwd"/> (null: this process's), with
    /// .NET's view of the environment (which <see cref="Environment.SetEnvironmentVariable(string, string)"/> changes,
    /// as <c>os.environ</c> does Python's children's) or <paramref name="env"/>; returns the pid.
    /// </summary>
    /// <exception cref="FileNotFoundError">No such program: <c>[Errno 2] No such file or directory: 'x'</c>.</exception>
    /// <exception cref="PermissionError">The program is not executable (<c>[Errno 13] Permission denied: 'x'</c>).</exception>
    /// <exception cref="OSError">Another failure of posix_spawn.</exception>
    public static int Spawn(IReadOnlyList<string> argv, int[] stdio, string? cwd, IDictionary<string, string>? env)
    {
        var allocations = new List<nint>();
        nint actions = Alloc(allocations, 512);
        nint attributes = Alloc(allocations, 1024);
        nint signals = Alloc(allocations, 256);
        bool actionsReady = false, attributesReady = false;
        try
        {
            Check(FileActionsInit(actions));
            actionsReady = true;
            for (int target = 0; target < 3; target++)
                if (stdio[target] >= 0) Check(FileActionsAddDup2(actions, stdio[target], target));
            if (cwd is not null)
            {
                try
                {
                    Check(FileActionsAddChdir(actions, Utf8(allocations, cwd)));
                }
                catch (EntryPointNotFoundException)
                {
                    throw new NotImplementedError("cwd= needs posix_spawn_file_actions_addchdir_np (glibc 2.29, macOS 10.15)");
                }
            }
            try
            {
                // close_fds=True: what this process opened without O_CLOEXEC does not leak into the child either.
                Check(FileActionsAddCloseFrom(actions, 3));
            }
            catch (EntryPointNotFoundException)
            {
                // Before glibc 2.34 (and on macOS) only O_CLOEXEC keeps descriptors out; .NET opens all of its so.
            }

            Check(AttrInit(attributes));
            attributesReady = true;
            Check(SigEmptySet(signals));
            Check(SigAddSet(signals, SIGPIPE));
            Check(SigAddSet(signals, SIGXFSZ));
            Check(AttrSetSigDefault(attributes, signals));
            Check(SigEmptySet(signals));
            Check(AttrSetSigMask(attributes, signals));
            Check(AttrSetFlags(attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK));

            nint file = Utf8(allocations, argv[0]);
            nint argvBlock = Strings(allocations, argv);
            nint envBlock = Strings(allocations, Environ(env));
            int error = Spawnp(out int pid, file, actions, attributes, argvBlock, envBlock);
            if (error != 0) throw OSErrors.Create(error, OSErrors.Strerror(error) ?? Marshal.GetPInvokeErrorMessage(error), argv[0], null);
            return pid;
        }
        finally
        {
            if (actionsReady) FileActionsDestroy(actions);
            if (attributesReady) AttrDestroy(attributes);
            foreach (var block in allocations) Marshal.FreeHGlobal(block);
        }
    }

    /// <summary>
    /// <c>waitpid(pid, &amp;status, 0)</c>, blocking: the child's return code as <c>subprocess</c> gives it (its exit
    /// status, or minus the signal that killed it), or null when it is not this process's child any more (reaped
    /// elsewhere: CPython's watcher then reports 255).
    /// </summary>
    public static int? WaitPid(int pid)
    {
        while (true)
        {
            if (WaitPidNative(pid, out int status, 0) == pid) return ReturnCode(status);
            if (Marshal.GetLastPInvokeError() != EINTR) return null;
        }
    }

    /// <summary><c>os.kill(pid, signal)</c> for a child of ours, as <c>Popen.send_signal</c>: a child that is gone is not an error.</summary>
    /// <exception cref="PermissionError">Not allowed.</exception>
    public static void Kill(int pid, int signal)
    {
        if (KillNative(pid, signal) == 0) return;
        int errno = Marshal.GetLastPInvokeError();
        if (errno == OSErrors.ESRCH) return;
        throw OSErrors.Create(errno, OSErrors.Strerror(errno) ?? Marshal.GetPInvokeErrorMessage(errno), null, null);
    }

    /// <summary><c>os.waitstatus_to_exitcode(status)</c>: the exit status, or minus the signal that ended the process.</summary>
    public static int ReturnCode(int status)
    {
        int signal = status & 0x7f;
        return signal == 0 ? (status >> 8) & 0xff : -signal;
    }

    private static IEnumerable<string> Environ(IDictionary<string, string>? env)
    {
        if (env is not null)
        {
            foreach (var (key, value) in env) yield return key + "=" + value;
            yield break;
        }
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            yield return entry.Key + "=" + entry.Value;
    }

    private static nint Alloc(List<nint> allocations, int size)
    {
        nint block = Marshal.AllocHGlobal(size);
        allocations.Add(block);
        for (int i = 0; i < size; i += 8) Marshal.WriteInt64(block, i, 0);
        return block;
    }

    private static nint Utf8(List<nint> allocations, string text)
    {
        if (text.Contains('\0')) throw new ValueError("embedded null byte");
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
        nint block = Marshal.AllocHGlobal(bytes.Length + 1);
        allocations.Add(block);
        Marshal.Copy(bytes, 0, block, bytes.Length);
        Marshal.WriteByte(block, bytes.Length, 0);
        return block;
    }

    // A NULL-terminated array of C strings (argv, envp).
    private static nint Strings(List<nint> allocations, IEnumerable<string> items)
    {
        var pointers = items.Select(item => Utf8(allocations, item)).ToList();
        nint block = Marshal.AllocHGlobal((pointers.Count + 1) * nint.Size);
        allocations.Add(block);
        for (int i = 0; i < pointers.Count; i++) Marshal.WriteIntPtr(block, i * nint.Size, pointers[i]);
        Marshal.WriteIntPtr(block, pointers.Count * nint.Size, 0);
        return block;
    }

    private static void Check(int result)
    {
        // posix_spawn's functions return the error number; sigemptyset and sigaddset return -1 and set errno.
        if (result == 0) return;
        int errno = result > 0 ? result : Marshal.GetLastPInvokeError();
        throw OSErrors.Create(errno, OSErrors.Strerror(errno) ?? Marshal.GetPInvokeErrorMessage(errno), null, null);
    }

    private static Exception LastError(object? filename)
    {
        int errno = Marshal.GetLastPInvokeError();
        return OSErrors.Create(errno, OSErrors.Strerror(errno) ?? Marshal.GetPInvokeErrorMessage(errno), filename, null);
    }

#pragma warning disable SYSLIB1054 // blittable signatures: DllImport needs no marshalling code (see the remarks)
    [DllImport("libc", EntryPoint = "socketpair", SetLastError = true)]
    private static extern int SocketPair(int domain, int type, int protocol, int[] fds);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int fd, int command, int argument);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    private static extern int FileActionsInit(nint actions);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    private static extern int FileActionsDestroy(nint actions);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    private static extern int FileActionsAddDup2(nint actions, int fd, int newFd);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_addchdir_np")]
    private static extern int FileActionsAddChdir(nint actions, nint path);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_addclosefrom_np")]
    private static extern int FileActionsAddCloseFrom(nint actions, int lowFd);

    [DllImport("libc", EntryPoint = "posix_spawnattr_init")]
    private static extern int AttrInit(nint attributes);

    [DllImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    private static extern int AttrDestroy(nint attributes);

    [DllImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    private static extern int AttrSetFlags(nint attributes, short flags);

    [DllImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    private static extern int AttrSetSigDefault(nint attributes, nint signals);

    [DllImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    private static extern int AttrSetSigMask(nint attributes, nint signals);

    [DllImport("libc", EntryPoint = "sigemptyset", SetLastError = true)]
    private static extern int SigEmptySet(nint signals);

    [DllImport("libc", EntryPoint = "sigaddset", SetLastError = true)]
    private static extern int SigAddSet(nint signals, int signal);

    [DllImport("libc", EntryPoint = "posix_spawnp")]
    private static extern int Spawnp(out int pid, nint file, nint actions, nint attributes, nint argv, nint envp);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int KillNative(int pid, int signal);

    [DllImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static extern int WaitPidNative(int pid, out int status, int options);
#pragma warning restore SYSLIB1054
}
