using PyAsync;
using PyAsync.Tests.Support;
using static PyAsync.Asyncio;

// Outside the PyAsync namespace, with the default implicit usings (System, System.Threading,
// System.Threading.Tasks, System.Collections.Generic, ...), as a user's port is: this file compiling is
// half the test. Before the factories existed, `Semaphore(2)` gave CS1955 and `Queue<double>()`
// compiled into .NET's Queue<T>.
namespace PortShapes;

/// <summary>
/// The names ports use for asyncio's classes (SURFACE.md, "Names and construction"): the factories win
/// over the .NET types of the same name that the implicit usings bring in, and give the Py-prefixed types.
/// </summary>
public class PortNamesTests
{
    [Fact]
    public void Factories_named_as_the_Python_classes_give_PyAsyncs_types_despite_the_implicit_usings()
    {
        // SURFACE.md: `Lock()` gives a PyLock; a file that says `using PyAsync;` compiles with the default implicit usings.
        PyRun.Main(async () =>
        {
            var lk = Lock();
            var sem = Semaphore(2);
            var bounded = BoundedSemaphore(2);
            var barrier = Barrier(3);
            var ev = Event();
            var cond = Condition();
            var queue = Queue<double>();
            var priority = PriorityQueue<(int, string)>();
            var lifo = LifoQueue<int>();
            lk.ShouldBeOfType<PyLock>();
            sem.ShouldBeOfType<PySemaphore>();
            bounded.ShouldBeOfType<BoundedSemaphore>();
            barrier.ShouldBeOfType<PyBarrier>();
            ev.ShouldBeOfType<PyAsync.Event>();
            cond.ShouldBeOfType<Condition>();
            queue.ShouldBeOfType<PyQueue<double>>();
            priority.ShouldBeOfType<PyPriorityQueue<(int, string)>>();
            lifo.ShouldBeOfType<PyLifoQueue<int>>();
            using (await lk.Acquire())
            using (await sem.Acquire())
            {
                await queue.Put(1.5);
                (await queue.Get()).ShouldBe(1.5);
            }
            Str(Type(queue)).ShouldBe("<class 'asyncio.queues.Queue'>");
            Str(Type(lk)).ShouldBe("<class 'asyncio.locks.Lock'>");
        });
    }
}
