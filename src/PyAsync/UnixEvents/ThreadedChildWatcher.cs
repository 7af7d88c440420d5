using System.Globalization;

namespace PyAsync;

/// <summary>
/// CPython 3.11's default child watcher, <c>ThreadedChildWatcher</c> (asyncio/unix_events.py): one thread per child
/// process waits for it (<c>waitpid</c>) and hands its return code to the loop that started it, through
/// <c>call_soon_threadsafe</c>; the loop then runs the callback one iteration later, as CPython's
/// <c>_child_watcher_callback</c> does.
/// </summary>
/// <remarks>
/// While a child runs it is outside work of its loop: a virtual clock does not jump past a child that has not
/// ended (see <see cref="OutsideWork"/>). A thread per child is what CPython 3.11 does too; the children a
/// program waits for are few, and the thread only sleeps in the kernel.
/// </remarks>
internal static class ThreadedChildWatcher
{
    private static int s_counter = -1;

    /// <summary>
    /// CPython's <c>add_child_handler(pid, callback)</c>: <paramref name="exited"/>(return code) runs on
    /// <paramref name="loop"/> once the child has ended; <paramref name="reaped"/> runs on the watcher's thread as soon as
    /// <c>waitpid</c> returned (from then on the pid may be another process's).
    /// </summary>
    public static void AddChildHandler(EventLoop loop, int pid, Action reaped, Action<int> exited)
    {
        loop.OutsideWork.IoStarted();
        var thread = new Thread(() => DoWaitpid(loop, pid, reaped, exited))
        {
            IsBackground = true,
            Name = "asyncio-waitpid-" + Interlocked.Increment(ref s_counter).ToString(CultureInfo.InvariantCulture),
        };
        thread.Start();
    }

    private static void DoWaitpid(EventLoop loop, int pid, Action reaped, Action<int> exited)
    {
        int returnCode;
        int? status = PosixSpawn.WaitPid(pid);
        reaped();
        if (status is int code) returnCode = code;
        else
        {
            returnCode = 255;
            Logger.Warning(AsyncioLog.ChildProcessUnknown, $"Unknown child process pid {pid}, will report returncode 255",
                "Unknown child process pid {Pid}, will report returncode 255", Logger.Value("Pid", pid));
        }
        try
        {
            if (loop.IsClosed()) LoopClosed(loop, pid);
            // "Skip one iteration for callbacks to be executed" (CPython's _child_watcher_callback).
            else loop.CallSoonThreadsafe(() => loop.CallSoon(() => exited(returnCode)));
        }
        catch (RuntimeError)
        {
            LoopClosed(loop, pid);
        }
        finally
        {
            loop.OutsideWork.IoEnded();
        }
    }

    private static void LoopClosed(EventLoop loop, int pid) =>
        Logger.Warning(AsyncioLog.ChildLoopClosed, $"Loop {loop} that handles pid {pid} is closed",
            "Loop {Loop} that handles pid {Pid} is closed", Logger.Value("Loop", loop.ToString()), Logger.Value("Pid", pid));
}
