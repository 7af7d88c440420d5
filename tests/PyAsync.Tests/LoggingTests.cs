using Microsoft.Extensions.Logging;
using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// The asyncio logger (CPython: logging.getLogger('asyncio'); src/PyAsync/Diagnostics/AsyncioLog.cs):
/// the loop's reports go to an <see cref="ILogger"/> when one is set, to stderr otherwise. Each test
/// sets its logger with <see cref="AsyncioLog.Use"/>, which reaches the program's thread through its
/// execution context, so these tests run in parallel with the others.
/// </summary>
public class LoggingTests
{
    [Fact]
    public void An_unretrieved_task_exception_goes_to_the_logger_with_the_exception_and_not_to_stderr()
    {
        var log = new CapturingLogger();
        ValueError? raised = null;
        Output output;
        using (AsyncioLog.Use(log))
        {
            output = PyRun.Main(async () =>
            {
                _ = CreateTask(Fails());
                await Sleep(0);
                await Sleep(0);
                Print("done");
            });
        }

        output.Stdout.ShouldBe("done\n");
        output.Stderr.ShouldBe("");
        var entry = log.Entries.ShouldHaveSingleItem();
        entry.Level.ShouldBe(LogLevel.Error);
        entry.Id.ShouldBe(AsyncioLog.ExceptionNeverRetrieved);
        entry.Id.Id.ShouldBe(2);
        entry.Id.Name.ShouldBe("ExceptionNeverRetrieved");
        entry.Message.ShouldBe(
            "Task exception was never retrieved\n" +
            "future: <Task finished name='Task-2' coro=<An_unretrieved_task_exception_goes_to_the_logger_with_the_exception_and_not_to_stderr.<locals>.Fails() done> exception=ValueError('boom')>");
        entry.Exception.ShouldBeSameAs(raised);
        entry.State["{OriginalFormat}"].ShouldBe("{Message}\nfuture: {future}");
        entry.State["Message"].ShouldBe("Task exception was never retrieved");
        ((string)entry.State["future"]!).ShouldStartWith("<Task finished name='Task-2'");

        async Coroutine Fails()
        {
            await Sleep(0);
            throw raised = new ValueError("boom");
        }
    }

    [Fact]
    public void Without_a_logger_the_report_stays_on_stderr_in_CPythons_words()
    {
        var output = PyRun.Main(async () =>
        {
            _ = CreateTask(Fails());
            await Sleep(0);
            await Sleep(0);
        });

        output.StderrLines[0].ShouldBe("Task exception was never retrieved");
        output.Stderr.ShouldContain("ValueError: boom");

        static async Coroutine Fails()
        {
            await Sleep(0);
            throw new ValueError("boom");
        }
    }

    [Fact]
    public void A_callback_that_raises_is_an_error_report_with_the_handle()
    {
        var log = new CapturingLogger();
        var boom = new InvalidOperationException("callback broke");
        using (AsyncioLog.Use(log))
        {
            PyRun.Main(async () =>
            {
                GetRunningLoop().CallSoon(() => throw boom);
                await Sleep(0);
            }).Stderr.ShouldBe("");
        }

        var entry = log.Entries.ShouldHaveSingleItem();
        entry.Level.ShouldBe(LogLevel.Error);
        entry.Id.ShouldBe(AsyncioLog.ExceptionHandlerReport);
        entry.Message.ShouldStartWith("Exception in callback ");
        entry.Exception.ShouldBeSameAs(boom);
        entry.State["{OriginalFormat}"].ShouldBe("{Message}\nhandle: {handle}");
        ((string)entry.State["handle"]!).ShouldStartWith("<Handle ");
    }

    [Fact]
    public void A_slow_step_in_debug_mode_is_a_warning_with_its_duration()
    {
        var log = new CapturingLogger();
        using (AsyncioLog.Use(log))
        {
            PyRun.Main(async () => Time.Sleep(3), debug: true).Stderr.ShouldBe("");
        }

        var entry = log.Entries.ShouldHaveSingleItem();
        entry.Level.ShouldBe(LogLevel.Warning);
        entry.Id.ShouldBe(AsyncioLog.SlowCallback);
        entry.Message.ShouldBe("Executing <Task finished name='Task-1' coro=<A_slow_step_in_debug_mode_is_a_warning_with_its_duration.<locals>.<lambda>() done> result=None> took 3.000 seconds");
        entry.Exception.ShouldBeNull();
        entry.State["{OriginalFormat}"].ShouldBe("Executing {Handle} took {Seconds} seconds");
        entry.State["Seconds"].ShouldBe(3.0);
        ((string)entry.State["Handle"]!).ShouldStartWith("<Task finished name='Task-1'");
    }

    [Fact]
    public void A_never_awaited_coroutine_is_a_warning()
    {
        var log = new CapturingLogger();
        Output output;
        using (AsyncioLog.Use(log))
        {
            output = PyRun.Main(async () =>
            {
#pragma warning disable CS4014 // the coroutine is left unawaited on purpose
                NeverAwaitedTests.Orphan();
#pragma warning restore CS4014
                await Sleep(0);
            });
        }

        output.Stderr.ShouldBe("");
        var entry = log.Entries.ShouldHaveSingleItem();
        entry.Level.ShouldBe(LogLevel.Warning);
        entry.Id.ShouldBe(AsyncioLog.CoroutineNeverAwaited);
        entry.Message.ShouldBe("RuntimeWarning: coroutine 'Orphan' was never awaited");
        entry.State["Coroutine"].ShouldBe("Orphan");
        entry.State["Category"].ShouldBe("RuntimeWarning");
    }

    [Fact]
    public void A_concurrent_futures_callback_that_raises_is_an_error_report()
    {
        var log = new CapturingLogger();
        var boom = new InvalidOperationException("callback broke");
        using (AsyncioLog.Use(log))
        {
            PyRun.Main(async () =>
            {
                var future = RunCoroutineThreadsafe(Answer(), GetRunningLoop());
                future.AddDoneCallback(_ => throw boom);
                await Sleep(0);
                await Sleep(0);
                await Sleep(0);
            }).Stderr.ShouldBe("");
        }

        var entry = log.Entries.ShouldHaveSingleItem();
        entry.Level.ShouldBe(LogLevel.Error);
        entry.Id.ShouldBe(AsyncioLog.ConcurrentFutureCallbackFailed);
        entry.Message.ShouldStartWith("exception calling callback for <Future at 0x");
        entry.Exception.ShouldBeSameAs(boom);

        static async Coroutine<int> Answer() => 42;
    }

    [Fact]
    public void A_logger_that_throws_does_not_stop_the_loop_and_the_report_falls_back_to_stderr()
    {
        Output output;
        using (AsyncioLog.Use(new ThrowingLogger()))
        {
            output = PyRun.Main(async () =>
            {
                GetRunningLoop().CallSoon(() => throw new InvalidOperationException("callback broke"));
                await Sleep(0);
                await Sleep(0);
                Print("still running");
            });
        }

        output.Stdout.ShouldBe("still running\n");
        output.StderrLines[0].ShouldBe("Exception ignored in: the asyncio logger (ThrowingLogger)");
        output.Stderr.ShouldContain("InvalidOperationException: logger broke\n");
        output.Stderr.ShouldContain("\nException in callback ");
        output.Stderr.ShouldContain("InvalidOperationException: callback broke\n");
    }

    [Fact]
    public void A_logger_not_enabled_for_the_level_drops_the_report()
    {
        var log = new CapturingLogger(LogLevel.Critical);
        Output output;
        using (AsyncioLog.Use(log))
        {
            output = PyRun.Main(async () =>
            {
                GetRunningLoop().CallSoon(() => throw new InvalidOperationException("callback broke"));
                await Sleep(0);
            });
        }

        log.Entries.ShouldBeEmpty();
        output.Stderr.ShouldBe("");
    }

    [Fact]
    public void Scopes_nest_and_a_null_scope_means_stderr()
    {
        var outer = new CapturingLogger();
        using (AsyncioLog.Use(outer))
        {
            AsyncioLog.Current.ShouldBeSameAs(outer);
            using (AsyncioLog.Use(null))
            {
                AsyncioLog.Current.ShouldBeNull();
                var output = PyRun.Main(async () =>
                {
                    GetRunningLoop().CallSoon(() => throw new InvalidOperationException("callback broke"));
                    await Sleep(0);
                });
                output.StderrLines[0].ShouldStartWith("Exception in callback ");
            }
            AsyncioLog.Current.ShouldBeSameAs(outer);
        }
        outer.Entries.ShouldBeEmpty();
    }

    /// <summary>An <see cref="ILogger"/> that keeps what it is given.</summary>
    internal sealed class CapturingLogger(LogLevel minimum = LogLevel.Trace) : ILogger
    {
        public sealed record Entry(LogLevel Level, EventId Id, string Message, Exception? Exception, Dictionary<string, object?> State);

        private readonly List<Entry> _entries = new();

        public IReadOnlyList<Entry> Entries
        {
            get { lock (_entries) return [.. _entries]; }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, object?>();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
                foreach (var (key, value) in pairs) values[key] = value;
            lock (_entries) _entries.Add(new Entry(logLevel, eventId, formatter(state, exception), exception, values));
        }
    }

    private sealed class ThrowingLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            throw new InvalidOperationException("logger broke");
    }
}

/// <summary>The process-wide logger: runs alone (with the other tests of global hooks), after the parallel tests.</summary>
[Collection(nameof(WarningsHook))]
public class ProcessWideLoggerTests
{
    [Fact]
    public void The_process_wide_logger_gets_the_reports_and_a_replaced_warnings_sink_keeps_the_warnings()
    {
        var log = new LoggingTests.CapturingLogger();
        var warnings = new List<(string, string)>();
        AsyncioLog.Logger = log;
        try
        {
            PyRun.Main(async () =>
            {
                GetRunningLoop().CallSoon(() => throw new InvalidOperationException("callback broke"));
                await Sleep(0);
            }).Stderr.ShouldBe("");
            WarningsHook.Capture(warnings, () => PyRun.Main(async () =>
            {
#pragma warning disable CS4014 // the coroutine is left unawaited on purpose
                NeverAwaitedTests.Orphan();
#pragma warning restore CS4014
                await Sleep(0);
            }));
        }
        finally
        {
            AsyncioLog.Logger = null;
        }

        log.Entries.ShouldHaveSingleItem().Id.ShouldBe(AsyncioLog.ExceptionHandlerReport);
        warnings.ShouldBe([("RuntimeWarning", "coroutine 'Orphan' was never awaited")]);
    }
}
