namespace PyAsync;

/// <summary>
/// What drives coroutines: a task, as the await protocol sees it. A coroutine that suspends tells
/// the driver of the running step what it waits on (CPython: the value a coroutine yields to
/// <c>Task.__step</c>); the driver registers its wake-up when the step is over.
/// </summary>
internal interface ICoroutineDriver
{
    /// <summary>
    /// The innermost coroutine of the running step suspended: on what, and which coroutine to resume
    /// (CPython's value yielded to <c>Task.__step</c>). Read when the step ends.
    /// </summary>
    void Yielded(YieldKind kind, Future? future, Coroutine? from);

    /// <summary>What the running step's innermost coroutine suspended on so far, if anything.</summary>
    YieldKind PendingYield { get; }

    /// <summary>Hands over the suspension recorded in the running step (to a driver that takes the coroutine over).</summary>
    (YieldKind Kind, Future? Future, Coroutine? From) TakeYield();

    /// <summary>A .NET awaitable (its awaiter of type <paramref name="awaiterType"/>) that the driver's innermost coroutine waits on has completed.</summary>
    void ResumeFromForeign(Coroutine from, Type awaiterType);
}

/// <summary>What the innermost coroutine of a task step suspended on.</summary>
internal enum YieldKind : byte
{
    None,
    /// <summary>A pending <see cref="Future"/>: the task wakes when it is done.</summary>
    Future,
    /// <summary>A bare yield (<c>Sleep(0)</c>): the task steps again on the next iteration.</summary>
    Bare,
    /// <summary>A .NET awaitable: its continuation resumes the task through the loop.</summary>
    Foreign,
}
