using System.Collections.Concurrent;
using MusicSite.Live;

namespace MusicSite.Catalog;

/// <summary>
/// Briefly kept results of the showcase pages' aggregates that no index can answer (decision 0048): a weekly play
/// ranking, the popular genres, a genre's related genres. An entry lives until public content changes
/// (<see cref="ContentVersion"/>: a track made private, deleted, retagged ...) or until its lifetime ends, whichever
/// comes first; plays do not move the version, so play-based rankings lag by at most their lifetime. What is kept is
/// never trusted for visibility: a ranking of track ids is checked against the tracks the viewer may see at read time.
/// </summary>
public sealed class ShowcaseCache(ContentVersion version, TimeProvider clock)
{
    /// <summary>How long a ranking by plays is kept.</summary>
    public static readonly TimeSpan PlaysLifetime = TimeSpan.FromSeconds(30);

    /// <summary>How long what depends on content alone is kept (it is dropped at once when content changes).</summary>
    public static readonly TimeSpan ContentLifetime = TimeSpan.FromMinutes(10);

    private sealed record Entry(long Version, DateTimeOffset Until, object Value);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The kept value of <paramref name="key"/>, or a new one from <paramref name="compute"/>, kept for
    /// <paramref name="lifetime"/> at most. Two requests that miss at once may both compute; the later one is kept.</summary>
    public async Task<T> GetAsync<T>(string key, TimeSpan lifetime, Func<Task<T>> compute) where T : class
    {
        var now = clock.GetUtcNow();
        var current = version.Current;
        if (_entries.TryGetValue(key, out var entry) && entry.Version == current && entry.Until > now && entry.Value is T kept)
        {
            return kept;
        }
        var value = await compute();
        _entries[key] = new Entry(current, now + lifetime, value);
        return value;
    }
}
