using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

namespace PyAsync.Tests;

/// <summary>
/// asyncio.Queue, LifoQueue and PriorityQueue as queues: put/get, their waiting and cancellation,
/// join/task_done and 3.13's shutdown (CPython: test_queues.py; src/PyAsync/Queues). The priority
/// queue's ordering and comparisons are in <see cref="PriorityQueueTests"/>.
/// </summary>
public class QueueTests
{
    /// <summary>The three queue classes, for the tests CPython runs on each (its _QueueJoinTestMixin and _QueueShutdownTestMixin).</summary>
    public static TheoryData<string> Kinds => new() { "Queue", "LifoQueue", "PriorityQueue" };

    private static PyQueue<T> Make<T>(string kind, int maxsize = 0) => kind switch
    {
        "Queue" => Queue<T>(maxsize),
        "LifoQueue" => LifoQueue<T>(maxsize),
        _ => PriorityQueue<T>(maxsize),
    };

    private static Coroutine<T> Catch<T>(Func<Coroutine> body) where T : Exception => CoroutineTests.Catch<T>(body);

    // ---------------------------------------------------------------- QueueBasicTests

    [Fact]
    public void Repr_shows_the_address_maxsize_waiting_getters_and_putters_and_the_items()
    {
        // test_queues.py: QueueBasicTests.test_repr (_test_repr_or_str with repr)
        PyRun.Main(async () =>
        {
            var q = Queue<int>();
            Repr(q).ShouldMatch(@"^<Queue at 0x[0-9a-f]+ maxsize=0>$");
            q.ToString().ShouldBe(Repr(q));

            await using (var tg = TaskGroup())
            {
                var getter = tg.CreateTask<int>(q.Get());
                await Sleep(0);
                Repr(q).ShouldContain("_getters[1]");
                q.PutNowait(0);
                (await getter).ShouldBe(0);
            }

            var bounded = Queue<int>(maxsize: 1);
            PyTask? putter;
            await using (var tg = TaskGroup())
            {
                bounded.PutNowait(1);
                putter = tg.CreateTask(bounded.Put(2));
                await Sleep(0);
                Repr(bounded).ShouldMatch(@"^<Queue at 0x[0-9a-f]+ maxsize=1 _queue=\[1\] _putters\[1\] tasks=1>$");
                bounded.GetNowait();
            }
            putter.Done().ShouldBeTrue();

            var items = Queue<object>();
            items.PutNowait(1);
            items.PutNowait("a");
            Repr(items).ShouldContain("_queue=[1, 'a'] tasks=2");
        });
    }

    [Fact]
    public void Str_is_the_repr_without_the_address()
    {
        // test_queues.py: QueueBasicTests.test_str (_test_repr_or_str with str)
        PyRun.Main(async () =>
        {
            var q = Queue<int>();
            Str(q).ShouldBe("<Queue maxsize=0>");
            var getter = CreateTask(q.Get());
            await Sleep(0);
            Str(q).ShouldBe("<Queue maxsize=0 _getters[1]>");
            q.PutNowait(0);
            (await getter).ShouldBe(0);
            q.PutNowait(1);
            Str(q).ShouldBe("<Queue maxsize=0 _queue=[1] tasks=2>");
            Print(q);
        }).Stdout.ShouldBe("<Queue maxsize=0 _queue=[1] tasks=2>\n");
    }

    [Fact]
    public void Empty_is_true_until_an_item_is_put_and_again_once_it_is_got()
    {
        // test_queues.py: QueueBasicTests.test_empty
        PyRun.Main(async () =>
        {
            var q = Queue<int>();
            q.Empty().ShouldBeTrue();
            await q.Put(1);
            q.Empty().ShouldBeFalse();
            (await q.Get()).ShouldBe(1);
            q.Empty().ShouldBeTrue();
        });
    }

    [Fact]
    public void Full_is_never_true_when_unbounded_and_true_at_maxsize()
    {
        // test_queues.py: QueueBasicTests.test_full
        PyRun.Main(async () =>
        {
            var q = Queue<int>();
            q.Full().ShouldBeFalse();
            var bounded = Queue<int>(maxsize: 1);
            await bounded.Put(1);
            bounded.Full().ShouldBeTrue();
        });
    }

    [Fact]
    public void A_queue_gives_its_items_in_the_order_they_were_put()
    {
        // test_queues.py: QueueBasicTests.test_order
        PyRun.Main(async () =>
        {
            var q = Queue<int>();
            foreach (var i in new[] { 1, 3, 2 }) await q.Put(i);
            var items = new List<int>();
            for (int i = 0; i < 3; i++) items.Add(await q.Get());
            items.ShouldBe([1, 3, 2]);
        });
    }

    [Fact]
    public void A_putter_blocks_at_maxsize_until_an_item_is_got()
    {
        // test_queues.py: QueueBasicTests.test_maxsize
        PyRun.Main(async () =>
        {
            var q = Queue<int>(maxsize: 2);
            q.Maxsize.ShouldBe(2);
            var haveBeenPut = new List<int>();

            async Coroutine<bool> Putter()
            {
                for (int i = 0; i < 3; i++)
                {
                    await q.Put(i);
                    haveBeenPut.Add(i);
                }
                return true;
            }

            var t = CreateTask(Putter());
            for (int i = 0; i < 2; i++) await Sleep(0);
            haveBeenPut.ShouldBe([0, 1]);
            (await q.Get()).ShouldBe(0);
            await Sleep(0);
            haveBeenPut.ShouldBe([0, 1, 2]);
            (await q.Get()).ShouldBe(1);
            (await q.Get()).ShouldBe(2);
            t.Done().ShouldBeTrue();
            t.Result().ShouldBeTrue();
        });
    }

    [Fact]
    public void A_maxsize_of_zero_or_less_means_unbounded()
    {
        // queues.py: Queue docstring ("If maxsize is less than or equal to zero, the queue size is infinite")
        var q = Queue<int>(maxsize: -1);
        for (int i = 0; i < 1000; i++) q.PutNowait(i);
        q.Full().ShouldBeFalse();
        q.QSize().ShouldBe(1000);
        q.Maxsize.ShouldBe(-1);
        Str(q).ShouldStartWith("<Queue maxsize=-1 _queue=[0, 1, 2");
    }

    [Fact]
    public void Queues_print_their_python_types_and_raise_exceptions_a_dotnet_developer_catches()
    {
        // queues.py: __all__ (Queue, PriorityQueue, LifoQueue, QueueFull, QueueEmpty, QueueShutDown)
        Str(Type(Queue<int>())).ShouldBe("<class 'asyncio.queues.Queue'>");
        Str(Type(PriorityQueue<int>())).ShouldBe("<class 'asyncio.queues.PriorityQueue'>");
        Str(Type(LifoQueue<int>())).ShouldBe("<class 'asyncio.queues.LifoQueue'>");
        LifoQueue<int>().ShouldBeAssignableTo<PyQueue<int>>();
        PriorityQueue<int>().ShouldBeAssignableTo<PyQueue<int>>();
        Str(Type(new QueueEmpty())).ShouldBe("<class 'asyncio.queues.QueueEmpty'>");
        Str(Type(new QueueShutDown())).ShouldBe("<class 'asyncio.queues.QueueShutDown'>");
        Repr(new QueueFull()).ShouldBe("QueueFull()");
        Str(new QueueEmpty()).ShouldBe("");
        new QueueEmpty().ShouldBeAssignableTo<InvalidOperationException>();
        new QueueFull().ShouldBeAssignableTo<InvalidOperationException>();
        new QueueShutDown().ShouldBeAssignableTo<InvalidOperationException>();
    }

    // ---------------------------------------------------------------- QueueGetTests

    [Fact]
    public void Get_returns_an_item_that_is_there()
    {
        // test_queues.py: QueueGetTests.test_blocking_get
        PyRun.Main(async () =>
        {
            var q = Queue<int>();
            q.PutNowait(1);
            (await q.Get()).ShouldBe(1);
        });
    }

    [Fact]
    public void Get_wakes_a_waiting_putter()
    {
        // test_queues.py: QueueGetTests.test_get_with_putters (a real blocked putter instead of a future appended to _putters)
        PyRun.Main(async () =>
        {
            var q = Queue<int>(1);
            await q.Put(1);
            var putter = CreateTask(q.Put(2));
            await Sleep(0);
            Str(q).ShouldContain("_putters[1]");
            (await q.Get()).ShouldBe(1);
            Str(q).ShouldNotContain("_putters");
            await Sleep(0);
            putter.Done().ShouldBeTrue();
            q.GetNowait().ShouldBe(2);
        });
    }

    [Fact]
    public void Get_waits_for_an_item_put_later()
    {
        // test_queues.py: QueueGetTests.test_blocking_get_wait
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var q = Queue<int>();
            var started = loop.CreateFuture<bool>();
            bool finished = false;

            async Coroutine<int> QueueGet()
            {
                started.SetResult(true);
                var res = await q.Get();
                finished = true;
                return res;
            }

            var task = CreateTask(QueueGet());
            await started;
            finished.ShouldBeFalse();
            loop.CallLater(0.01, () => q.PutNowait(1));
            var result = await task;
            finished.ShouldBeTrue();
            result.ShouldBe(1);
            loop.Time().ShouldBe(0.01, 1e-9);
        });
    }

    [Fact]
    public void GetNowait_returns_an_item_that_is_there()
    {
        // test_queues.py: QueueGetTests.test_nonblocking_get
        var q = Queue<int>();
        q.PutNowait(1);
        q.GetNowait().ShouldBe(1);
    }

    [Fact]
    public void GetNowait_on_an_empty_queue_raises_QueueEmpty()
    {
        // test_queues.py: QueueGetTests.test_nonblocking_get_exception
        Should.Throw<QueueEmpty>(() => Queue<int>().GetNowait());
    }

    [Fact]
    public void A_getter_cancelled_while_waiting_leaves_the_item_to_the_next_getter()
    {
        // test_queues.py: QueueGetTests.test_get_cancelled_race
        PyRun.Main(async () =>
        {
            var q = Queue<string>();
            var t1 = CreateTask(q.Get());
            var t2 = CreateTask(q.Get());
            await Sleep(0);
            t1.Cancel();
            await Sleep(0);
            t1.Done().ShouldBeTrue();
            await q.Put("a");
            await Sleep(0);
            (await t2).ShouldBe("a");
        });
    }

    [Fact]
    public void Get_takes_items_from_waiting_putters_in_order()
    {
        // test_queues.py: QueueGetTests.test_get_with_waiting_putters
        PyRun.Main(async () =>
        {
            var q = Queue<string>(maxsize: 1);
            _ = CreateTask(q.Put("a"));
            _ = CreateTask(q.Put("b"));
            (await q.Get()).ShouldBe("a");
            (await q.Get()).ShouldBe("b");
        });
    }

    [Fact]
    public void A_producer_and_a_consumer_on_a_queue_of_one_both_finish()
    {
        // test_queues.py: QueueGetTests.test_why_are_getters_waiting
        PyRun.Main(async () =>
        {
            async Coroutine Consumer(PyQueue<int> queue, int numExpected)
            {
                for (int i = 0; i < numExpected; i++) await queue.Get();
            }

            async Coroutine Producer(PyQueue<int> queue, int numItems)
            {
                for (int i = 0; i < numItems; i++) await queue.Put(i);
            }

            var q = Queue<int>(1);
            await using (var tg = TaskGroup())
            {
                _ = tg.CreateTask(Producer(q, 5));
                _ = tg.CreateTask(Consumer(q, 5));
            }
            q.Empty().ShouldBeTrue();
            Str(q).ShouldBe("<Queue maxsize=1 tasks=5>");
        });
    }

    [Fact]
    public void A_get_that_times_out_leaves_no_getter_behind()
    {
        // test_queues.py: QueueGetTests.test_cancelled_getters_not_being_held_in_self_getters
        PyRun.Main(async () =>
        {
            var queue = Queue<int>(maxsize: 5);
            await Catch<TimeoutError>(async () => await WaitFor(queue.Get(), 0.1));
            Str(queue).ShouldBe("<Queue maxsize=5>");
            GetRunningLoop().Time().ShouldBe(0.1, 1e-9);
        });
    }

    // ---------------------------------------------------------------- QueuePutTests

    [Fact]
    public void Put_on_an_unbounded_queue_does_not_block()
    {
        // test_queues.py: QueuePutTests.test_blocking_put
        PyRun.Main(async () =>
        {
            var q = Queue<int>();
            await q.Put(1);
            (await q.Get()).ShouldBe(1);
        });
    }

    [Fact]
    public void Put_waits_for_a_free_slot()
    {
        // test_queues.py: QueuePutTests.test_blocking_put_wait
        PyRun.Main(async () =>
        {
            var loop = GetRunningLoop();
            var q = Queue<int>(maxsize: 1);
            var started = loop.CreateFuture<bool>();
            bool finished = false;

            async Coroutine QueuePut()
            {
                started.SetResult(true);
                await q.Put(1);
                await q.Put(2);
                finished = true;
            }

            loop.CallLater(0.01, () => q.GetNowait());
            var task = CreateTask(QueuePut());
            await started;
            finished.ShouldBeFalse();
            await task;
            finished.ShouldBeTrue();
            loop.Time().ShouldBe(0.01, 1e-9);
            q.GetNowait().ShouldBe(2);
        });
    }

    [Fact]
    public void PutNowait_then_GetNowait_hands_the_item_over()
    {
        // test_queues.py: QueuePutTests.test_nonblocking_put
        var q = Queue<int>();
        q.PutNowait(1);
        q.GetNowait().ShouldBe(1);
    }

    [Fact]
    public void A_reader_cancelled_after_its_item_arrived_does_not_lose_it()
    {
        // test_queues.py: QueuePutTests.test_get_cancel_drop_one_pending_reader
        PyRun.Main(async () =>
        {
            var q = Queue<int>();
            var reader = CreateTask(q.Get());
            await Sleep(0);
            q.PutNowait(1);
            q.PutNowait(2);
            reader.Cancel();
            try
            {
                await reader;
            }
            catch (CancelledError)
            {
                reader = CreateTask(q.Get());
                await reader;
            }
            // If we get 2, it means 1 got dropped!
            reader.Result().ShouldBe(1);
        });
    }

    [Fact]
    public void Cancelling_one_of_many_woken_readers_drops_no_item()
    {
        // test_queues.py: QueuePutTests.test_get_cancel_drop_many_pending_readers
        PyRun.Main(async () =>
        {
            var q = Queue<int>();
            PyTask<int> reader2, reader3;
            await using (var tg = TaskGroup())
            {
                var reader1 = tg.CreateTask<int>(q.Get());
                reader2 = tg.CreateTask<int>(q.Get());
                reader3 = tg.CreateTask<int>(q.Get());
                await Sleep(0);
                q.PutNowait(1);
                q.PutNowait(2);
                reader1.Cancel();
                await Catch<CancelledError>(async () => await reader1);
                await reader3;
            }
            new[] { reader2.Result(), reader3.Result() }.ShouldBe([1, 2], ignoreOrder: true);
        });
    }

    [Fact]
    public void A_writer_cancelled_after_being_woken_can_put_again()
    {
        // test_queues.py: QueuePutTests.test_put_cancel_drop
        PyRun.Main(async () =>
        {
            var q = Queue<int>(1);
            q.PutNowait(1);
            var writer = CreateTask(q.Put(2));
            await Sleep(0);
            q.GetNowait().ShouldBe(1);
            writer.Cancel();
            try
            {
                await writer;
            }
            catch (CancelledError)
            {
                writer = CreateTask(q.Put(2));
                await writer;
            }
            q.GetNowait().ShouldBe(2);
            q.QSize().ShouldBe(0);
        });
    }

    [Fact]
    public void PutNowait_on_a_full_queue_raises_QueueFull()
    {
        // test_queues.py: QueuePutTests.test_nonblocking_put_exception
        var q = Queue<int>(maxsize: 1);
        q.PutNowait(1);
        Should.Throw<QueueFull>(() => q.PutNowait(2));
        q.QSize().ShouldBe(1);
    }

    [Fact]
    public void A_putter_task_finishes_once_its_item_is_in()
    {
        // test_queues.py: QueuePutTests.test_put_cancelled
        PyRun.Main(async () =>
        {
            var q = Queue<int>();

            async Coroutine<bool> QueuePut()
            {
                await q.Put(1);
                return true;
            }

            var t = CreateTask(QueuePut());
            (await q.Get()).ShouldBe(1);
            t.Done().ShouldBeTrue();
            t.Result().ShouldBeTrue();
        });
    }

    [Fact]
    public void A_putter_cancelled_while_waiting_leaves_the_slot_to_the_next_putter()
    {
        // test_queues.py: QueuePutTests.test_put_cancelled_race
        PyRun.Main(async () =>
        {
            var q = Queue<string>(maxsize: 1);
            var putA = CreateTask(q.Put("a"));
            var putB = CreateTask(q.Put("b"));
            var putC = CreateTask(q.Put("X"));
            await Sleep(0);
            putA.Done().ShouldBeTrue();
            putB.Done().ShouldBeFalse();
            putC.Cancel();
            await Sleep(0);
            putC.Done().ShouldBeTrue();
            q.GetNowait().ShouldBe("a");
            await Sleep(0);
            q.GetNowait().ShouldBe("b");
            await putB;
        });
    }

    [Fact]
    public void A_putter_cancelled_after_being_woken_passes_the_slot_to_the_next_putter()
    {
        // queues.py: put()'s except branch ("We were woken up by get_nowait(), but can't take the call. Wake up the next in line.")
        PyRun.Main(async () =>
        {
            var q = Queue<string>(maxsize: 1);
            q.PutNowait("x");
            var put1 = CreateTask(q.Put("1"));
            var put2 = CreateTask(q.Put("2"));
            await Sleep(0);
            Str(q).ShouldContain("_putters[2]");
            q.GetNowait().ShouldBe("x"); // wakes put1
            put1.Cancel();                // before it runs: its slot goes to put2
            await Catch<CancelledError>(async () => await put1);
            await Sleep(0);
            put2.Done().ShouldBeTrue();
            q.GetNowait().ShouldBe("2");
        });
    }

    [Fact]
    public void Put_wakes_a_waiting_getter()
    {
        // test_queues.py: QueuePutTests.test_put_with_waiting_getters
        PyRun.Main(async () =>
        {
            var q = Queue<string>();
            var t = CreateTask(q.Get());
            await Sleep(0);
            await q.Put("a");
            (await t).ShouldBe("a");
        });
    }

    [Fact]
    public void Putters_blocked_on_a_full_queue_all_finish_as_a_getter_drains_it()
    {
        // test_queues.py: QueuePutTests.test_why_are_putters_waiting
        PyRun.Main(async () =>
        {
            var queue = Queue<int>(2);
            var got = new List<int>();

            async Coroutine Putter(int item) => await queue.Put(item);

            async Coroutine Getter()
            {
                await Sleep(0);
                int num = queue.QSize();
                for (int i = 0; i < num; i++) got.Add(queue.GetNowait());
            }

            await using (var tg = TaskGroup())
            {
                _ = tg.CreateTask(Getter());
                _ = tg.CreateTask(Putter(0));
                _ = tg.CreateTask(Putter(1));
                _ = tg.CreateTask(Putter(2));
                _ = tg.CreateTask(Putter(3));
            }
            got.ShouldBe([0, 1]);
            Str(queue).ShouldBe("<Queue maxsize=2 _queue=[2, 3] tasks=4>");
        });
    }

    [Fact]
    public void A_putter_cancelled_while_waiting_leaves_no_putter_behind()
    {
        // test_queues.py: QueuePutTests.test_cancelled_puts_not_being_held_in_self_putters
        PyRun.Main(async () =>
        {
            var queue = Queue<int>(maxsize: 1);
            queue.PutNowait(1);
            var putTask = CreateTask(queue.Put(1));
            await Sleep(0);
            Str(queue).ShouldContain("_putters[1]");
            putTask.Cancel();
            await Catch<CancelledError>(async () => await putTask);
            Str(queue).ShouldNotContain("_putters");
        });
    }

    [Fact]
    public void A_putter_cancelled_after_GetNowait_removed_it_raises_CancelledError()
    {
        // test_queues.py: QueuePutTests.test_cancelled_put_silence_value_error_exception
        PyRun.Main(async () =>
        {
            var queue = Queue<int>(1);
            queue.PutNowait(1);
            var putTask = CreateTask(queue.Put(1));
            await Sleep(0);
            queue.GetNowait();
            putTask.Cancel();
            await Catch<CancelledError>(async () => await putTask);
            queue.Empty().ShouldBeTrue();
        });
    }

    // ---------------------------------------------------------------- LifoQueueTests

    [Fact]
    public void A_LifoQueue_gives_the_most_recent_item_first()
    {
        // test_queues.py: LifoQueueTests.test_order
        PyRun.Main(async () =>
        {
            var q = LifoQueue<int>();
            foreach (var i in new[] { 1, 3, 2 }) await q.Put(i);
            var items = new List<int>();
            for (int i = 0; i < 3; i++) items.Add(await q.Get());
            items.ShouldBe([2, 3, 1]);
        });
    }

    // ---------------------------------------------------------------- _QueueJoinTestMixin

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TaskDone_called_more_times_than_items_were_put_raises_ValueError(string kind)
    {
        // test_queues.py: _QueueJoinTestMixin.test_task_done_underflow
        var q = Make<int>(kind);
        Should.Throw<ValueError>(() => q.TaskDone()).Message.ShouldBe("task_done() called too many times");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Join_returns_once_workers_marked_every_item_done(string kind)
    {
        // test_queues.py: _QueueJoinTestMixin.test_task_done
        PyRun.Main(async () =>
        {
            var q = Make<int>(kind);
            for (int i = 0; i < 100; i++) q.PutNowait(i);
            int accumulator = 0;
            bool running = true;

            async Coroutine Worker()
            {
                while (running)
                {
                    var item = await q.Get();
                    accumulator += item;
                    q.TaskDone();
                }
            }

            await using (var tg = TaskGroup())
            {
                var tasks = new[] { tg.CreateTask(Worker()), tg.CreateTask(Worker()) };
                await q.Join();
                accumulator.ShouldBe(Enumerable.Range(0, 100).Sum());
                running = false;
                for (int i = 0; i < tasks.Length; i++) q.PutNowait(0);
            }
        });
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Join_on_a_queue_with_no_unfinished_task_returns_at_once(string kind)
    {
        // test_queues.py: _QueueJoinTestMixin.test_join_empty_queue
        PyRun.Main(async () =>
        {
            var q = Make<int>(kind);
            var other = CreateTask(Sleep(0));
            await q.Join();
            await q.Join();
            other.Done().ShouldBeFalse(); // no suspension: nothing else ran
            await other;
        });
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_format_shows_the_unfinished_tasks(string kind)
    {
        // test_queues.py: _QueueJoinTestMixin.test_format
        var q = Make<int>(kind);
        Str(q).ShouldBe($"<{kind} maxsize=0>");
        q.PutNowait(1);
        q.PutNowait(2);
        q.GetNowait();
        q.GetNowait();
        Str(q).ShouldBe($"<{kind} maxsize=0 tasks=2>");
    }

    [Fact]
    public void Join_waits_for_TaskDone_and_a_cancelled_join_leaves_no_waiter()
    {
        // queues.py: join() awaits self._finished.wait() (locks.py Event.wait removes its future in finally)
        PyRun.Main(async () =>
        {
            var q = Queue<int>();
            q.PutNowait(1);
            var cancelled = CreateTask(q.Join());
            var join = CreateTask(q.Join());
            await Sleep(0);
            cancelled.Cancel();
            await Catch<CancelledError>(async () => await cancelled);
            q.GetNowait();
            await Sleep(0);
            join.Done().ShouldBeFalse();
            q.TaskDone();
            await Sleep(0);
            join.Done().ShouldBeTrue();
            await join;
        });
    }

    // ---------------------------------------------------------------- _QueueShutdownTestMixin

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_format_shows_a_shut_down_queue(string kind)
    {
        // test_queues.py: _QueueShutdownTestMixin.test_format
        var q = Make<int>(kind);
        q.Shutdown();
        Str(q).ShouldBe($"<{kind} maxsize=0 shutdown>");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Shutting_down_an_empty_queue_wakes_getters_with_QueueShutDown(string kind)
    {
        // test_queues.py: _QueueShutdownTestMixin.test_shutdown_empty
        PyRun.Main(async () =>
        {
            var q = Make<string>(kind);
            var loop = GetRunningLoop();
            var getTask = loop.CreateTask(q.Get().AsCoroutine());
            await Sleep(0);
            q.Shutdown(immediate: false);
            q.QSize().ShouldBe(0);
            await q.Join();
            await Sleep(0);
            getTask.Done().ShouldBeTrue();
            await Catch<QueueShutDown>(async () => await getTask);

            await Catch<QueueShutDown>(async () => await q.Put("data"));
            Should.Throw<QueueShutDown>(() => q.PutNowait("data"));
            await Catch<QueueShutDown>(async () => await q.Get());
            Should.Throw<QueueShutDown>(() => q.GetNowait());
        });
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Shutting_down_a_non_empty_queue_lets_gets_drain_it_and_wakes_putters_with_QueueShutDown(string kind)
    {
        // test_queues.py: _QueueShutdownTestMixin.test_shutdown_nonempty
        PyRun.Main(async () =>
        {
            var q = Make<string>(kind, maxsize: 1);
            var loop = GetRunningLoop();
            q.PutNowait("data");
            var joinTask = loop.CreateTask(q.Join());
            var putTask = loop.CreateTask(q.Put("data2").AsCoroutine());
            await Sleep(0);
            putTask.Done().ShouldBeFalse();

            q.Shutdown(immediate: false);
            q.QSize().ShouldBe(1);
            await Sleep(0);
            putTask.Done().ShouldBeTrue();
            await Catch<QueueShutDown>(async () => await putTask);

            (await q.Get()).ShouldBe("data");
            await Sleep(0);
            joinTask.Done().ShouldBeFalse();

            await Catch<QueueShutDown>(async () => await q.Put("data"));
            Should.Throw<QueueShutDown>(() => q.PutNowait("data"));
            await Catch<QueueShutDown>(async () => await q.Get());
            Should.Throw<QueueShutDown>(() => q.GetNowait());

            q.TaskDone();
            await Sleep(0);
            joinTask.Done().ShouldBeTrue();
            await joinTask;
            Should.Throw<ValueError>(() => q.TaskDone());
        });
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Shutting_down_immediately_drops_the_items_and_releases_join(string kind)
    {
        // test_queues.py: _QueueShutdownTestMixin.test_shutdown_immediate
        PyRun.Main(async () =>
        {
            var q = Make<string>(kind);
            var loop = GetRunningLoop();
            q.PutNowait("data");
            var joinTask = loop.CreateTask(q.Join());
            q.Shutdown(immediate: true);
            q.QSize().ShouldBe(0);
            await Sleep(0);
            joinTask.Done().ShouldBeTrue();
            await joinTask;

            await Catch<QueueShutDown>(async () => await q.Put("data"));
            Should.Throw<QueueShutDown>(() => q.PutNowait("data"));
            await Catch<QueueShutDown>(async () => await q.Get());
            Should.Throw<QueueShutDown>(() => q.GetNowait());
            Should.Throw<ValueError>(() => q.TaskDone());
        });
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Shutting_down_immediately_marks_only_the_dropped_items_done(string kind)
    {
        // test_queues.py: _QueueShutdownTestMixin.test_shutdown_immediate_with_unfinished
        PyRun.Main(async () =>
        {
            var q = Make<string>(kind);
            var loop = GetRunningLoop();
            q.PutNowait("data");
            q.PutNowait("data");
            var joinTask = loop.CreateTask(q.Join());
            (await q.Get()).ShouldBe("data");

            q.Shutdown(immediate: true);
            q.QSize().ShouldBe(0);
            await Sleep(0);
            joinTask.Done().ShouldBeFalse();

            await Catch<QueueShutDown>(async () => await q.Put("data"));
            Should.Throw<QueueShutDown>(() => q.PutNowait("data"));
            await Catch<QueueShutDown>(async () => await q.Get());
            Should.Throw<QueueShutDown>(() => q.GetNowait());

            q.TaskDone();
            Should.Throw<ValueError>(() => q.TaskDone());
            await Sleep(0);
            joinTask.Done().ShouldBeTrue();
            await joinTask;
        });
    }

    [Fact]
    public void Shutdown_wakes_every_waiting_getter_and_putter_in_order()
    {
        // queues.py: shutdown() ("All getters need to re-check queue-empty to raise ShutDown")
        PyRun.Main(async () =>
        {
            var order = new List<string>();
            var q = Queue<int>();

            async Coroutine Getter(string name)
            {
                try { await q.Get(); }
                catch (QueueShutDown) { order.Add(name); }
            }

            var tasks = new[] { CreateTask(Getter("g1")), CreateTask(Getter("g2")), CreateTask(Getter("g3")) };
            await Sleep(0);
            Str(q).ShouldBe("<Queue maxsize=0 _getters[3]>");
            q.Shutdown();
            Str(q).ShouldBe("<Queue maxsize=0 shutdown>");
            await Gather(tasks);
            order.ShouldBe(["g1", "g2", "g3"]);
        });
    }

    // ---------------------------------------------------------------- awaiting, cancellation points, loops

    [Fact]
    public void Awaiting_Get_on_a_non_empty_queue_does_not_suspend_nor_deliver_a_pending_cancellation()
    {
        // queues.py: get() returns get_nowait() without awaiting when the queue is not empty
        PyRun.Main(async () =>
        {
            var q = Queue<int>();
            var trace = new List<string>();
            var other = CreateTask(Trace("other"));
            q.PutNowait(1);
            q.PutNowait(2);

            async Coroutine Trace(string name)
            {
                trace.Add(name);
                await Sleep(0);
            }

            async Coroutine<int> Consumer()
            {
                CurrentTask()!.Cancel(); // pending: delivered at the next suspension only
                int sum = await q.Get() + await q.Get();
                trace.Add("got both");
                await q.Put(3);
                trace.Add("put");
                try
                {
                    await Sleep(0);
                }
                catch (CancelledError)
                {
                    trace.Add("cancelled at sleep");
                }
                return sum;
            }

            (await CreateTask(Consumer())).ShouldBe(3);
            trace.ShouldBe(["other", "got both", "put", "cancelled at sleep"]);
            await other;
        });
    }

    [Fact]
    public void Awaiting_Put_on_a_full_queue_suspends_until_a_slot_frees()
    {
        // queues.py: put() awaits a putter future while the queue is full
        PyRun.Main(async () =>
        {
            var q = Queue<int>(maxsize: 1);
            var trace = new List<string>();

            async Coroutine Producer()
            {
                for (int i = 0; i < 3; i++)
                {
                    await q.Put(i);
                    trace.Add($"put {i}");
                }
            }

            async Coroutine Consumer()
            {
                for (int i = 0; i < 3; i++) trace.Add($"got {await q.Get()}");
            }

            await Gather(CreateTask(Producer()), CreateTask(Consumer()));
            trace.ShouldBe(["put 0", "got 0", "put 1", "got 1", "put 2", "got 2"]);
        });
    }

    [Fact]
    public void Get_and_Put_convert_to_coroutine_objects_that_are_reported_if_never_awaited()
    {
        // queues.py: get() and put() are coroutine functions (async def)
        var output = PyRun.Main(async () =>
        {
            var q = Queue<int>();
            Coroutine<int> get = q.Get();
            Repr(get).ShouldMatch(@"^<coroutine object Queue\.get at 0x[0-9a-f]+>$");
            Coroutine put = q.Put(1);
            Repr(put).ShouldMatch(@"^<coroutine object Queue\.put at 0x[0-9a-f]+>$");
            Repr(q.Join()).ShouldMatch(@"^<coroutine object Queue\.join at 0x[0-9a-f]+>$");
            await put;
            (await get).ShouldBe(1);
            _ = q.Put(2).AsCoroutine(); // never awaited
            await Sleep(0);
            await Sleep(0);
        });
        output.Stderr.ShouldContain("RuntimeWarning: coroutine 'Queue.put' was never awaited");
        output.Stderr.ShouldContain("RuntimeWarning: coroutine 'Queue.join' was never awaited");
    }

    [Fact]
    public void CreateTask_and_WaitFor_take_Get_and_Put_directly_with_the_item_type()
    {
        // test_queues.py: the create_task(q.get()) and wait_for(queue.get(), ...) idioms
        PyRun.Main(async () =>
        {
            var q = Queue<string>(maxsize: 1);
            PyTask<string> getter = CreateTask(q.Get());
            await Sleep(0);
            await WaitFor(q.Put("a"), 1);
            (await getter).ShouldBe("a");
            await q.Put("b");
            await Catch<TimeoutError>(async () => await WaitFor(q.Put("c"), 1));
            Str(q).ShouldBe("<Queue maxsize=1 _queue=['b'] tasks=2>");
            string item = await WaitFor(q.Get(), 1);
            item.ShouldBe("b");
        });
    }

    [Fact]
    public void DotNet_async_code_on_the_loop_can_await_Get_and_Put()
    {
        // queues.py: get()/put() awaited from outside any task (PyAsync's TPL bridge)
        var output = PyRun.Program(() => Run(async Task () =>
        {
            var q = Queue<int>(maxsize: 1);
            _ = CreateTask(Producer(q));
            int sum = 0;
            for (int i = 0; i < 3; i++) sum += await q.Get();
            await q.Put(10);
            Print(sum, q.QSize());
        }));
        output.Stdout.ShouldBe("3 1\n");

        static async Coroutine Producer(PyQueue<int> q)
        {
            for (int i = 0; i < 3; i++) await q.Put(i);
        }
    }

    [Fact]
    public void A_queue_used_on_one_loop_cannot_wait_on_another()
    {
        // mixins.py: _LoopBoundMixin._get_loop ("... is bound to a different event loop")
        PyRun.Program(() =>
        {
            var q = Queue<int>();
            Run(WaitOnce(q));
            var e = Should.Throw<RuntimeError>(() => Run(q.Get().AsCoroutine()));
            e.Message.ShouldMatch(@"^<Queue at 0x[0-9a-f]+ maxsize=0 tasks=1> is bound to a different event loop$");
        });

        static async Coroutine WaitOnce(PyQueue<int> q)
        {
            var getter = CreateTask(q.Get());
            await Sleep(0);
            q.PutNowait(1);
            await getter;
        }
    }

    [Fact]
    public void A_Get_value_is_not_a_coroutine_object_awaiting_it_twice_gets_two_items_and_an_unawaited_one_is_not_reported()
    {
        // A documented difference (README, "Locks, queues, threads and context"): CPython's queue.get() is a
        // coroutine object (awaited again: "cannot reuse already awaited coroutine"; never awaited: a
        // RuntimeWarning); PyAsync's Get() is a value that does its work when awaited.
        var output = PyRun.Main(async () =>
        {
            var q = Queue<int>();
            q.PutNowait(1);
            q.PutNowait(2);
            var get = q.Get();
            Print(await get, await get, q.QSize());
            _ = q.Get();
            _ = q.Put(3);
            await Sleep(0);
            Print(q.QSize());
        });
        output.Stdout.ShouldBe("1 2 0\n0\n");
        output.Stderr.ShouldBe("");
    }
}
