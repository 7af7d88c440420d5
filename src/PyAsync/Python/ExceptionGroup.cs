namespace PyAsync;

/// <summary>
/// Mirrors Python's built-in <c>ExceptionGroup</c> (3.11): several unrelated exceptions raised
/// together, as a <c>TaskGroup</c> does with the failures of its tasks.
/// </summary>
/// <remarks>
/// It derives from <see cref="AggregateException"/>. Port <c>except* ValueError as eg:</c> as
/// <c>catch (ExceptionGroup eg) when (eg.Subgroup(e =&gt; e is ValueError) is { } matched)</c>.
/// <c>str(eg)</c> is <c>message (N sub-exceptions)</c>, as in Python.
/// </remarks>
public class ExceptionGroup : AggregateException, IPyException
{
    private readonly string _message;

    /// <summary>Mirrors <c>ExceptionGroup(message, exceptions)</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> or <paramref name="exceptions"/> is null.</exception>
    /// <exception cref="ValueError"><paramref name="exceptions"/> is empty (Python: "second argument (exceptions) must be a non-empty sequence").</exception>
    public ExceptionGroup(string message, IEnumerable<Exception> exceptions)
        : base(message ?? throw new ArgumentNullException(nameof(message)), Validate(exceptions))
    {
        _message = message;
        Exceptions = new PyTuple<Exception>(InnerExceptions);
    }

    private static List<Exception> Validate(IEnumerable<Exception> exceptions)
    {
        ArgumentNullException.ThrowIfNull(exceptions);
        var list = exceptions.ToList();
        if (list.Count == 0) throw new ValueError("second argument (exceptions) must be a non-empty sequence");
        if (list.Any(e => e is null)) throw new ArgumentNullException(nameof(exceptions), "an exception in the group is null");
        return list;
    }

    /// <summary>Mirrors <c>eg.exceptions</c>: a tuple, as in Python.</summary>
    public PyTuple<Exception> Exceptions { get; }

    /// <summary>Mirrors <c>eg.args</c>: <c>(message, [exceptions])</c>.</summary>
    public PyTuple Args => new(_message, Exceptions.ToList());

    /// <summary>Python's <c>str(eg)</c>: <c>message (2 sub-exceptions)</c>.</summary>
    public override string Message => $"{_message} ({Exceptions.Count} sub-exception{(Exceptions.Count == 1 ? "" : "s")})";

    /// <summary>
    /// Mirrors <c>eg.subgroup(condition)</c>: a group of the leaf exceptions that match (nested groups
    /// keep their structure), or null if none match.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    public ExceptionGroup? Subgroup(Func<Exception, bool> condition) => Split(condition).Match;

    /// <summary>Mirrors <c>eg.split(condition)</c>: the matching and the remaining parts, each null if empty.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="condition"/> is null.</exception>
    public (ExceptionGroup? Match, ExceptionGroup? Remainder) Split(Func<Exception, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (condition(this)) return (this, null);
        var match = new List<Exception>();
        var rest = new List<Exception>();
        foreach (var e in Exceptions)
        {
            if (e is ExceptionGroup inner)
            {
                var (m, r) = inner.Split(condition);
                if (m is not null) match.Add(m);
                if (r is not null) rest.Add(r);
            }
            else if (condition(e)) match.Add(e);
            else rest.Add(e);
        }
        return (match.Count == 0 ? null : Derive(match), rest.Count == 0 ? null : Derive(rest));
    }

    /// <summary>Mirrors <c>eg.derive(excs)</c>: a group with the same message and other exceptions.</summary>
    public virtual ExceptionGroup Derive(IEnumerable<Exception> exceptions) => new(_message, exceptions);
}
