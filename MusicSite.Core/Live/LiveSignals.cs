using System.Collections.Concurrent;

namespace MusicSite.Live;

/// <summary>
/// The in-process signal hub of live updates: a save that changes what a topic shows pulses it, and every stream
/// waiting on that topic wakes up and re-reads from the database what its viewer may see. A signal carries no data,
/// so it can never leak any. Another node's saves do not pulse this hub: streams also wake on a timeout and re-read.
/// It also counts open streams, so their number stays bounded.
/// </summary>
public sealed class LiveSignals
{
    /// <summary>How many streams may be open at once on this node; more are refused (the page falls back to polling).</summary>
    public const int MaxStreams = 500;

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);
    private int _open;

    /// <summary>Streams open now.</summary>
    public int OpenStreams => Volatile.Read(ref _open);

    /// <summary>Wakes every stream waiting on <paramref name="topic"/>.</summary>
    public void Pulse(string topic)
    {
        if (_waiting.TryRemove(topic, out var signal))
        {
            signal.TrySetResult();
        }
    }

    /// <summary>Waits until <paramref name="topic"/> is pulsed, <paramref name="timeout"/> passes or the token is
    /// cancelled (then it throws). True when pulsed.</summary>
    public async Task<bool> WaitAsync(string topic, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var signal = _waiting.GetOrAdd(topic, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await signal.Task.WaitAsync(timeout, time, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Takes one of the <see cref="MaxStreams"/> places, or returns null when all are taken.
    /// Disposing the returned lease gives the place back.</summary>
    public IDisposable? TryOpen()
    {
        if (Interlocked.Increment(ref _open) > MaxStreams)
        {
            Interlocked.Decrement(ref _open);
            return null;
        }
        return new Lease(this);
    }

    private sealed class Lease(LiveSignals owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._open);
            }
        }
    }
}

/// <summary>The names of the topics, one place for the pulsing and the waiting side.</summary>
public static class LiveTopics
{
    public static string Notifications(int userId) => $"user:{userId}:notifications";
    public static string Uploads(int userId) => $"user:{userId}:uploads";
    public static string Comments(int trackId) => $"track:{trackId}:comments";
    public static string Progress(int trackId) => $"track:{trackId}:progress";
}
