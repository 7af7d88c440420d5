using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace PyAsync;

/// <summary>The tasks' side of <see cref="TaskFactory"/>: how coroutines below reach tasks.</summary>
internal sealed class PyTaskFactory : TaskFactory
{
    /// <summary>Installs the factory when the assembly loads, before any coroutine can need it.</summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "It wires the coroutine layer to the task layer above it, inside this library; it has no effect outside it.")]
    internal static void Install()
    {
        Install(new PyTaskFactory());
        // A contextvars token remembers the task it was created in when no Context is entered.
        Context.UseImplicitOwner(static () => (EventLoop.Running?.Step.Driver as Future)?.ContextOwner);
    }

    public override Future CreateTask<T>(Coroutine<T> coroutine, EventLoop loop) => loop.CreateTask(coroutine);

    public override Future CreateTask(Coroutine coroutine, EventLoop loop) => loop.CreateTask(coroutine);

    public override Future Adopt(Coroutine coroutine, EventLoop loop, ICoroutineDriver current)
    {
        var adopted = new PyTask(coroutine, loop, name: null, context: null, adopt: true);
        adopted.AdoptSuspended(loop, current);
        return adopted;
    }
}
