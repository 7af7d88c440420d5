using System.Runtime.InteropServices;

namespace PyAsync;

/// <summary>
/// What may cancel a runner's main task from outside while <c>Runner.Run</c> runs it: Ctrl+C (CPython
/// 3.11's <c>Runner._on_sigint</c>), and the <see cref="CancellationToken"/> given to <c>Run</c>. Both
/// cancel the task on the loop's thread; afterwards <see cref="Raise"/> says what <c>Run</c> raises
/// instead of the task's <see cref="CancelledError"/>.
/// </summary>
internal sealed class MainTaskInterrupts : IDisposable
{
    private readonly EventLoop _loop;
    private readonly IPyTask _task;
    private readonly CancellationToken _token;
    // Installed before the run starts, as CPython's: a SIGINT sent once the program printed anything is its.
    private readonly PosixSignalRegistration? _sigint;
    private readonly CancellationTokenRegistration _tokenRegistration;
    // Written by the signal and token callbacks (other threads); read on the loop's thread after the run.
    private int _interrupts;
    private int _tokenCancelled;
    // The cancellations this made (on the loop's thread): Raise withdraws them, as CPython's uncancel().
    private int _cancelsMade;

    public MainTaskInterrupts(EventLoop loop, IPyTask task, CancellationToken token)
    {
        _loop = loop;
        _task = task;
        _token = token;
        // As CPython, only on the main thread: a loop on a worker thread leaves Ctrl+C to the program.
        if (UncaughtException.IsMainThread) _sigint = TryHandleSigint();
        if (token.IsCancellationRequested)
        {
            // Before the task's first step (already scheduled, ahead of anything posted now): it never runs.
            _tokenCancelled = 1;
            task.Cancel();
            _cancelsMade++;
        }
        else if (token.CanBeCanceled)
        {
            _tokenRegistration = token.Register(static state => ((MainTaskInterrupts)state!).OnToken(), this);
        }
    }

    private PosixSignalRegistration? TryHandleSigint()
    {
        try
        {
            return PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSigint);
        }
        catch (Exception e) when (e is PlatformNotSupportedException or IOException)
        {
            return null; // CPython too runs without the handler where signal.signal() fails
        }
    }

    /// <summary>CPython's <c>_on_sigint</c>: the first Ctrl+C cancels the main task; the next one is .NET's (it ends the process).</summary>
    private void OnSigint(PosixSignalContext context)
    {
        // The program handles SIGINT on its loop (AddSignalHandler): Ctrl+C is its, as in CPython, where
        // add_signal_handler replaces the runner's handler.
        if (_loop.HasSignalHandler(Signal.SIGINT)) return;
        if (Interlocked.Increment(ref _interrupts) != 1) return;
        context.Cancel = true;
        CancelOnLoop();
    }

    private void OnToken()
    {
        if (Interlocked.Exchange(ref _tokenCancelled, 1) != 0) return;
        CancelOnLoop();
    }

    private void CancelOnLoop()
    {
        try
        {
            _loop.CallSoonThreadsafe(static (MainTaskInterrupts state) =>
            {
                if (state._task.Done()) return;
                state._task.Cancel();
                state._cancelsMade++;
            }, this);
        }
        catch (RuntimeError)
        {
            // The loop closed meanwhile: the run is over.
        }
    }

    /// <summary>
    /// What <c>Run</c> raises for the main task's <paramref name="error"/>: <see cref="KeyboardInterrupt"/>
    /// after Ctrl+C, an <see cref="OperationCanceledException"/> for the token after it cancelled the task,
    /// each only if no other cancellation is left (<c>task.uncancel() == 0</c>); else null (the error itself).
    /// </summary>
    public Exception? Raise(CancelledError error)
    {
        if (_cancelsMade == 0) return null;
        int left = 0;
        for (int i = 0; i < _cancelsMade; i++) left = _task.Uncancel();
        if (left != 0) return null;
        if (Volatile.Read(ref _interrupts) > 0) return new KeyboardInterrupt();
        return new OperationCanceledException("The main task was cancelled through the CancellationToken given to Run.", error, _token);
    }

    public void Dispose()
    {
        _sigint?.Dispose();
        _tokenRegistration.Dispose();
    }
}
