using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace PyAsync;

/// <summary>
/// The bookkeeping that lets a virtual clock wait for I/O between two sockets of this process: bytes (and
/// ends of streams) sent but not yet received, and connections made but not yet accepted. CPython's selector
/// sees loopback data at once, in the kernel's buffers; .NET hands it to the loop only when an asynchronous
/// receive completes on the thread pool, microseconds later. Without this, the loop could find nothing ready
/// in between and jump its virtual clock past data already on its way (a reply that beats a timeout in CPython).
/// </summary>
/// <remarks>
/// <para>
/// A TCP connection between IP endpoints is a <see cref="LoopbackLink"/>, shared by its two ends whichever registers
/// first (the key is the pair of endpoints, in a fixed order), so no end depends on the other existing. A
/// sender counts what it sends towards the other end before it hands it to the kernel; the receiving end
/// subtracts what it receives, and forgets the rest at the end of the stream or an error. A connection to a
/// listening socket of this process counts on that socket until it is accepted. The counts only ever make a
/// loop wait (and a loop waits at most its grace period for I/O that does not come): a count that is off can
/// slow a program down, never change what it prints.
/// </para>
/// <para>
/// Thread-safe: senders and receivers run on their loops' threads, the accept and connect completions on
/// the thread pool. Unix-domain sockets (unnamed ends) are not tracked: I/O between them does not hold a
/// virtual clock.
/// </para>
/// </remarks>
internal static class LocalLinks
{
    private static readonly ConcurrentDictionary<(string, string), LoopbackLink> s_links = new();
    private static readonly ConcurrentDictionary<string, LoopbackListener> s_listeners = new();

    /// <summary>The end of <paramref name="sock"/>'s connection, or null for a socket that is not a connected TCP socket.</summary>
    public static LoopbackEnd? Attach(Socket sock)
    {
        if (Endpoints(sock) is not var (local, remote)) return null;
        var key = string.CompareOrdinal(local, remote) < 0 ? (local, remote) : (remote, local);
        var link = s_links.GetOrAdd(key, static k => new LoopbackLink(k));
        link.AddEnd();
        return new LoopbackEnd(link, isFirst: key.Item1 == local);
    }

    /// <summary>A listening socket of this process: connections to it are in flight until accepted.</summary>
    public static LoopbackListener Listen(Socket listening)
    {
        var listener = new LoopbackListener(listening.LocalEndPoint?.ToString() ?? "");
        if (listening.LocalEndPoint is IPEndPoint) s_listeners[listener.Endpoint] = listener;
        return listener;
    }

    /// <summary>A client's connect completed (thread pool, before its completion is posted): count it on the listener of this process it reached, if any.</summary>
    public static void Connected(Socket client)
    {
        if (Endpoints(client) is not var (local, remote) || !s_listeners.TryGetValue(remote, out var listener)) return;
        var key = string.CompareOrdinal(local, remote) < 0 ? (local, remote) : (remote, local);
        s_links.GetOrAdd(key, static k => new LoopbackLink(k)).AwaitAccept(listener);
    }

    /// <summary>A listener accepted <paramref name="conn"/> (thread pool, before the accept is posted).</summary>
    public static void Accepted(Socket conn)
    {
        if (Endpoints(conn) is not var (local, remote)) return;
        var key = string.CompareOrdinal(local, remote) < 0 ? (local, remote) : (remote, local);
        s_links.GetOrAdd(key, static k => new LoopbackLink(k)).MarkAccepted();
    }

    private static (string Local, string Remote)? Endpoints(Socket sock)
    {
        try
        {
            return sock.LocalEndPoint is IPEndPoint local && sock.RemoteEndPoint is IPEndPoint remote
                ? (local.ToString(), remote.ToString())
                : null;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return null;
        }
    }

    /// <summary>A listening socket's connections from this process not accepted yet.</summary>
    public sealed class LoopbackListener(string endpoint)
    {
        private int _awaiting;

        /// <summary>The listening socket's address, as the key.</summary>
        public string Endpoint => endpoint;

        /// <summary>A connection from this process is on its way to an accept.</summary>
        public bool InFlight => Volatile.Read(ref _awaiting) > 0;

        /// <summary>The listening socket closed.</summary>
        public void Close()
        {
            s_listeners.TryRemove(new KeyValuePair<string, LoopbackListener>(endpoint, this));
            Volatile.Write(ref _awaiting, 0);
        }

        public void Awaited() => Interlocked.Increment(ref _awaiting);

        public void Arrived() => Interlocked.Decrement(ref _awaiting);
    }

    /// <summary>One TCP connection between two sockets, seen from both ends.</summary>
    public sealed class LoopbackLink((string, string) key)
    {
        private readonly object _gate = new();
        private long _towardsFirst;
        private long _towardsSecond;
        private int _ends;
        private bool _accepted;
        private LoopbackListener? _awaitedBy;

        public void AddEnd() => Interlocked.Increment(ref _ends);

        public void RemoveEnd()
        {
            if (Interlocked.Decrement(ref _ends) <= 0) s_links.TryRemove(new KeyValuePair<(string, string), LoopbackLink>(key, this));
        }

        public void AwaitAccept(LoopbackListener listener)
        {
            lock (_gate)
            {
                if (_accepted || _awaitedBy is not null) return;
                _awaitedBy = listener;
                listener.Awaited();
            }
        }

        public void MarkAccepted()
        {
            lock (_gate)
            {
                _accepted = true;
                _awaitedBy?.Arrived();
                _awaitedBy = null;
            }
        }

        public void Add(bool towardsFirst, long count) => Interlocked.Add(ref towardsFirst ? ref _towardsFirst : ref _towardsSecond, count);

        public long Pending(bool towardsFirst) => Volatile.Read(ref towardsFirst ? ref _towardsFirst : ref _towardsSecond);

        public void Take(bool towardsFirst, long count)
        {
            ref long counter = ref towardsFirst ? ref _towardsFirst : ref _towardsSecond;
            long current, next;
            do
            {
                current = Volatile.Read(ref counter);
                next = Math.Max(0, current - count);
            }
            while (Interlocked.CompareExchange(ref counter, next, current) != current);
        }

        public void Clear(bool towardsFirst) => Volatile.Write(ref towardsFirst ? ref _towardsFirst : ref _towardsSecond, 0);
    }

    /// <summary>One end of a <see cref="LoopbackLink"/>: what it sends goes towards the other end.</summary>
    public sealed class LoopbackEnd(LoopbackLink link, bool isFirst)
    {
        private bool _detached;

        /// <summary>Bytes (or 1 for the end of the stream) about to go to the peer.</summary>
        public void Sending(long count) => link.Add(towardsFirst: !isFirst, count);

        /// <summary>Bytes counted by <see cref="Sending"/> that the kernel did not take after all.</summary>
        public void NotSent(long count) => link.Take(towardsFirst: !isFirst, count);

        /// <summary>Bytes received by this end.</summary>
        public void Received(long count) => link.Take(towardsFirst: isFirst, count);

        /// <summary>The end of the stream, or an error, reached this end: nothing more is on its way.</summary>
        public void Ended() => link.Clear(towardsFirst: isFirst);

        /// <summary>Something is on its way to this end.</summary>
        public bool InFlight => link.Pending(towardsFirst: isFirst) > 0;

        /// <summary>This end closed.</summary>
        public void Detach()
        {
            if (_detached) return;
            _detached = true;
            link.RemoveEnd();
        }
    }
}
