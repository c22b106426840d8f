using System.Collections.Concurrent;

namespace MusicSite.Uploads;

/// <summary>
/// One request at a time per resumable upload: a second chunk sent while one is being written is refused at
/// once (tus answers 423 Locked), never interleaved into the same file. Held in memory: one site process owns
/// its uploads folder.
/// </summary>
public sealed class UploadLocks
{
    private readonly ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);

    /// <summary>The lock on <paramref name="uploadId"/>, or null while another request holds it.</summary>
    public IDisposable? TryTake(string uploadId) => _held.TryAdd(uploadId, 0) ? new Held(this, uploadId) : null;

    public bool IsHeld(string uploadId) => _held.ContainsKey(uploadId);

    private sealed class Held(UploadLocks owner, string uploadId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner._held.TryRemove(uploadId, out _);
            }
        }
    }
}
