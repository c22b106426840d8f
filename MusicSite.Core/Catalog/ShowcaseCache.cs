using System.Collections.Concurrent;
using MusicSite.Live;

namespace MusicSite.Catalog;

/// <summary>
/// Briefly kept results of aggregates that no index can answer: the showcase pages' weekly play ranking, popular
/// genres and a genre's related genres (decision 0048); the totals and facets of filtered and searched lists for
/// viewers who see the listed tracks only, and the head of a search's ranking (decision 0050). An entry lives until public content changes
/// (<see cref="ContentVersion"/>: a track made private, deleted, retagged ...) or until its lifetime ends, whichever
/// comes first; plays do not move the version, so play-based rankings lag by at most their lifetime. What is kept is
/// never trusted for visibility: a ranking of track ids is checked against the tracks the viewer may see at read time.
/// At most <see cref="MaxEntries"/> are kept: past that, outdated entries go first, then all of them.
/// </summary>
public sealed class ShowcaseCache(ContentVersion version, TimeProvider clock)
{
    /// <summary>How long a ranking by plays is kept.</summary>
    public static readonly TimeSpan PlaysLifetime = TimeSpan.FromSeconds(30);

    /// <summary>How long what depends on content alone is kept (it is dropped at once when content changes).</summary>
    public static readonly TimeSpan ContentLifetime = TimeSpan.FromMinutes(10);

    /// <summary>How long a filtered list's total and facets, and a search's best matches, are kept. Content changes
    /// drop them at once on this node; another node's changes show here after at most this long (its version does not
    /// move here).</summary>
    public static readonly TimeSpan ListLifetime = TimeSpan.FromSeconds(30);

    /// <summary>The most entries kept. Every key a list query can make (one per distinct filter set) is bounded by
    /// this, so arbitrary queries cannot grow the cache.</summary>
    public const int MaxEntries = 4096;

    private sealed record Entry(long Version, DateTimeOffset Until, object Value);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The kept value of <paramref name="key"/>, or a new one from <paramref name="compute"/>, kept for
    /// <paramref name="lifetime"/> at most. Two requests that miss at once may both compute; the later one is kept.</summary>
    public async Task<T> GetAsync<T>(string key, TimeSpan lifetime, Func<Task<T>> compute) where T : class
    {
        // The version before computing: a change while computing leaves the value outdated at once.
        var now = clock.GetUtcNow();
        var current = version.Current;
        if (TryGet<T>(key) is { } kept)
        {
            return kept;
        }
        var value = await compute();
        if (_entries.Count >= MaxEntries && !_entries.ContainsKey(key))
        {
            MakeRoom(current, now);
        }
        _entries[key] = new Entry(current, now + lifetime, value);
        return value;
    }

    /// <summary>The kept value of <paramref name="key"/> if it is still current, else null (nothing is computed).</summary>
    public T? TryGet<T>(string key) where T : class =>
        _entries.TryGetValue(key, out var entry) && entry.Version == version.Current && entry.Until > clock.GetUtcNow() && entry.Value is T kept
            ? kept
            : null;

    /// <summary>How many entries are kept now.</summary>
    public int Count => _entries.Count;

    private void MakeRoom(long current, DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.Version != current || entry.Until <= now)
            {
                _entries.TryRemove(key, out _);
            }
        }
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
    }
}
