using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace PyAsync.CompilerServices;

/// <summary>
/// Delivers a task's cancellation at the .NET <c>await</c> it interrupted, as CPython delivers it at the
/// future a task waits on: when a coroutine awaits a .NET task that ends cancelled by its own task's
/// <see cref="PyTask{T}.CancellationToken"/> (<c>Task.Delay(d, token)</c>, Nito's
/// <c>AsyncLock.LockAsync(token)</c>, <c>SemaphoreSlim.WaitAsync(token)</c>), that <c>await</c> raises
/// the task's <see cref="CancelledError"/>, with its message, instead of a
/// <see cref="TaskCanceledException"/> that a ported <c>catch (CancelledError)</c> would miss.
/// </summary>
/// <remarks>
/// <para>
/// How: the compiler keeps the awaiter of a suspended <c>await</c> in a field of the state machine
/// (one field per awaiter type: Roslyn shares an awaiter field among the awaits of one type), which it
/// reads back when it resumes and calls <c>GetResult()</c> on. Before the task resumes such a coroutine,
/// this puts in that field an awaiter of the same type over a task faulted with the
/// <see cref="CancelledError"/>, so <c>GetResult()</c> throws it at that <c>await</c>, inside the
/// coroutine's own <c>try</c> blocks.
/// </para>
/// <para>
/// Only for awaiters over a <see cref="Task"/> (<see cref="TaskAwaiter"/>, <see cref="TaskAwaiter{TResult}"/>
/// and their <c>ConfigureAwait</c> forms), whose <c>GetResult()</c> may be called more than once: the
/// awaited task is first checked to have ended cancelled by the task's own token, so a result or another
/// error is never replaced. Other awaiters (<see cref="ValueTask"/>s, custom ones) keep .NET's exception,
/// and the cancellation is raised at the coroutine's next PyAsync <c>await</c>, as before. Under
/// NativeAOT, a <see cref="TaskAwaiter{TResult}"/> of a value type other than <see cref="bool"/>,
/// <see cref="int"/>, <see cref="long"/> and <see cref="double"/> (whose code cannot be made at run time
/// there) is left alone the same way. Runs only on the cancellation path: an await that is not cancelled
/// costs nothing.
/// </para>
/// </remarks>
internal static class ForeignAwaitCancellation
{
    private static readonly ConcurrentDictionary<Type, TaskBackedAwaiter?> s_awaiters = new();

    /// <summary>
    /// If the await that <paramref name="stateMachine"/> is suspended at (on an awaiter of type
    /// <paramref name="awaiterType"/>) ended cancelled by <paramref name="ownToken"/>, makes it throw
    /// <paramref name="error"/>'s error when the coroutine resumes, and returns true.
    /// </summary>
    public static bool TryThrowAt<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.NonPublicFields)] TStateMachine>(
        ref TStateMachine stateMachine, Type awaiterType, CancellationToken ownToken, Func<Exception> error)
        where TStateMachine : IAsyncStateMachine
    {
        if (s_awaiters.GetOrAdd(awaiterType, TaskBackedAwaiter.For) is not { } kind) return false;
        if (AwaiterFields<TStateMachine>.Find(awaiterType) is not { } field) return false;
        object box = stateMachine!; // a copy for a struct (release builds), the object itself for a class
        object? awaiter = field.GetValue(box);
        if (awaiter is null || !kind.EndedByCancellationOf(awaiter, ownToken)) return false;
        field.SetValue(box, kind.Faulted(error()));
        stateMachine = (TStateMachine)box;
        return true;
    }

    /// <summary>The field a state machine keeps its suspended awaiter of one type in.</summary>
    private static class AwaiterFields<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.NonPublicFields)] TStateMachine>
    {
        private static readonly ConcurrentDictionary<Type, FieldInfo?> s_fields = new();

        public static FieldInfo? Find(Type awaiterType) => s_fields.GetOrAdd(awaiterType, static type =>
        {
            // Roslyn names them <>u__1, <>u__2, ...; exactly one per awaiter type, else leave it alone.
            FieldInfo? found = null;
            foreach (var field in typeof(TStateMachine).GetFields(BindingFlags.Instance | BindingFlags.NonPublic))
            {
                if (field.FieldType != type || !field.Name.StartsWith("<>u__", StringComparison.Ordinal)) continue;
                if (found is not null) return null;
                found = field;
            }
            return found;
        });
    }

    /// <summary>An awaiter type over a <see cref="Task"/>: what it awaits ended how, and one that throws.</summary>
    private abstract class TaskBackedAwaiter
    {
        public abstract bool EndedByCancellationOf(object awaiter, CancellationToken token);

        public abstract object Faulted(Exception error);

        /// <summary>Whether the completed await ended with an <see cref="OperationCanceledException"/> for <paramref name="token"/>.</summary>
        protected static bool CancelledBy(bool isCompleted, Action getResult, CancellationToken token)
        {
            // (It is, as the task resumes only once its continuation ran; a GetResult() that blocked would stop the loop.)
            if (!isCompleted) return false;
            try
            {
                getResult();
                return false;
            }
            catch (OperationCanceledException e)
            {
                return e.CancellationToken == token;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public static TaskBackedAwaiter? For(Type awaiterType)
        {
            if (awaiterType == typeof(TaskAwaiter)) return new TaskAwaiterKind();
            if (awaiterType == typeof(ConfiguredTaskAwaitable.ConfiguredTaskAwaiter)) return new ConfiguredTaskAwaiterKind();
            if (!awaiterType.IsGenericType) return null;
            var definition = awaiterType.GetGenericTypeDefinition();
            if (definition == typeof(TaskAwaiter<>)) return Common(awaiterType.GetGenericArguments()[0], configured: false) ?? Make(typeof(ResultTaskAwaiterKind<>), awaiterType.GetGenericArguments()[0]);
            if (definition == typeof(ConfiguredTaskAwaitable<>.ConfiguredTaskAwaiter)) return Common(awaiterType.GetGenericArguments()[0], configured: true) ?? Make(typeof(ConfiguredResultTaskAwaiterKind<>), awaiterType.GetGenericArguments()[0]);
            return null;
        }

        /// <summary>
        /// The value types .NET's awaitable APIs return most (<c>SemaphoreSlim.WaitAsync(timeout, token)</c>,
        /// counts, sizes), named here so that NativeAOT, which cannot make a value-type instantiation at run
        /// time, has them.
        /// </summary>
        private static TaskBackedAwaiter? Common(Type result, bool configured)
        {
            if (result == typeof(bool)) return configured ? new ConfiguredResultTaskAwaiterKind<bool>() : new ResultTaskAwaiterKind<bool>();
            if (result == typeof(int)) return configured ? new ConfiguredResultTaskAwaiterKind<int>() : new ResultTaskAwaiterKind<int>();
            if (result == typeof(long)) return configured ? new ConfiguredResultTaskAwaiterKind<long>() : new ResultTaskAwaiterKind<long>();
            if (result == typeof(double)) return configured ? new ConfiguredResultTaskAwaiterKind<double>() : new ResultTaskAwaiterKind<double>();
            return null;
        }

        [UnconditionalSuppressMessage("AOT", "IL3050", Justification =
            "Under NativeAOT an instantiation over a value type may be missing: the NotSupportedException is caught, and such an await keeps .NET's exception.")]
        [UnconditionalSuppressMessage("Trimming", "IL2055", Justification = "ResultTaskAwaiterKind<> and ConfiguredResultTaskAwaiterKind<> are kept by DynamicDependency.")]
        [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "ResultTaskAwaiterKind<> and ConfiguredResultTaskAwaiterKind<> are kept, with their constructors, by DynamicDependency.")]
        [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ResultTaskAwaiterKind<>))]
        [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ConfiguredResultTaskAwaiterKind<>))]
        private static TaskBackedAwaiter? Make(Type definition, Type result)
        {
            try
            {
                return (TaskBackedAwaiter?)Activator.CreateInstance(definition.MakeGenericType(result));
            }
            catch (Exception)
            {
                return null;
            }
        }
    }

    private sealed class TaskAwaiterKind : TaskBackedAwaiter
    {
        public override bool EndedByCancellationOf(object awaiter, CancellationToken token) =>
            CancelledBy(((TaskAwaiter)awaiter).IsCompleted, ((TaskAwaiter)awaiter).GetResult, token);

        public override object Faulted(Exception error) => Task.FromException(error).GetAwaiter();
    }

    private sealed class ConfiguredTaskAwaiterKind : TaskBackedAwaiter
    {
        public override bool EndedByCancellationOf(object awaiter, CancellationToken token) =>
            CancelledBy(((ConfiguredTaskAwaitable.ConfiguredTaskAwaiter)awaiter).IsCompleted, ((ConfiguredTaskAwaitable.ConfiguredTaskAwaiter)awaiter).GetResult, token);

        public override object Faulted(Exception error) => Task.FromException(error).ConfigureAwait(false).GetAwaiter();
    }

    private sealed class ResultTaskAwaiterKind<TResult> : TaskBackedAwaiter
    {
        public override bool EndedByCancellationOf(object awaiter, CancellationToken token) =>
            CancelledBy(((TaskAwaiter<TResult>)awaiter).IsCompleted, () => ((TaskAwaiter<TResult>)awaiter).GetResult(), token);

        public override object Faulted(Exception error) => Task.FromException<TResult>(error).GetAwaiter();
    }

    private sealed class ConfiguredResultTaskAwaiterKind<TResult> : TaskBackedAwaiter
    {
        public override bool EndedByCancellationOf(object awaiter, CancellationToken token) =>
            CancelledBy(((ConfiguredTaskAwaitable<TResult>.ConfiguredTaskAwaiter)awaiter).IsCompleted, () => ((ConfiguredTaskAwaitable<TResult>.ConfiguredTaskAwaiter)awaiter).GetResult(), token);

        public override object Faulted(Exception error) => Task.FromException<TResult>(error).ConfigureAwait(false).GetAwaiter();
    }
}
