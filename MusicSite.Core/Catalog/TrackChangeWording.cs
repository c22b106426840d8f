namespace MusicSite.Catalog;

/// <summary>
/// The one place that says a logged change in words ("Made private", "Title changed from “A” to “B”",
/// "Genres: added Ambient"). <see cref="TrackEditor"/> logs names, not ids, so this needs no lookups.
/// </summary>
public static class TrackChangeWording
{
    /// <summary>How the editor joins a list field (tags, genres) into one logged value.</summary>
    public const string ListSeparator = ", ";

    public static string Describe(string field, string? oldValue, string? newValue) => field switch
    {
        "title" => $"Title changed from “{oldValue}” to “{newValue}”",
        "artist" => $"Artist changed from “{oldValue}” to “{newValue}”",
        "description" => Optional("Description", oldValue is null ? null : "", newValue is null ? null : ""),
        "bpm" => Optional("BPM", oldValue, newValue),
        "key" => Optional("Key", oldValue, newValue),
        "license" => $"License changed from {oldValue} to {newValue}",
        "trackNumber" => Optional("Track number", oldValue, newValue),
        "isPublic" => newValue == "true" ? "Made public" : "Made private",
        "isDownloadable" => newValue == "true" ? "Downloads allowed" : "Downloads turned off",
        "album" => (oldValue, newValue) switch
        {
            (null, _) => $"Added to the album “{newValue}”",
            (_, null) => $"Removed from the album “{oldValue}”",
            _ => $"Moved from the album “{oldValue}” to “{newValue}”",
        },
        "tags" => ListChange("Tags", oldValue, newValue),
        "genres" => ListChange("Genres", oldValue, newValue),
        _ => $"{field} changed",
    };

    /// <summary>A field a track may lack: set, changed or removed. An empty value stands for "changed, not shown".</summary>
    private static string Optional(string label, string? oldValue, string? newValue) => (oldValue, newValue) switch
    {
        (null, "") => $"{label} added",
        (null, _) => $"{label} set to {newValue}",
        (_, null) => $"{label} removed",
        ("", "") => $"{label} changed",
        _ => $"{label} changed from {oldValue} to {newValue}",
    };

    private static string ListChange(string label, string? oldValue, string? newValue)
    {
        var before = Split(oldValue);
        var after = Split(newValue);
        var added = after.Except(before, StringComparer.Ordinal).ToList();
        var removed = before.Except(after, StringComparer.Ordinal).ToList();
        var parts = new List<string>();
        if (added.Count > 0)
        {
            parts.Add("added " + string.Join(ListSeparator, added));
        }
        if (removed.Count > 0)
        {
            parts.Add("removed " + string.Join(ListSeparator, removed));
        }
        return parts.Count == 0 ? $"{label} changed" : $"{label}: {string.Join("; ", parts)}";
    }

    private static string[] Split(string? value) =>
        string.IsNullOrEmpty(value) ? [] : value.Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
