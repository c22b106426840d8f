using System.Globalization;
using MusicSite.Common;

namespace MusicSite.Catalog;

public enum TrackSort
{
    Relevance,
    CreatedAt,
    UpdatedAt,
    Title,
    Artist,
    Duration,
    Plays,
    Likes,
    Popularity,
}

/// <summary>The catalog's filters, sort and page, as /tracks and GET /api/music/tracks take them.</summary>
public sealed record TrackQuery
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public string? Search { get; init; }
    public string? Artist { get; init; }
    public string? Genre { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public double? MinDuration { get; init; }
    public double? MaxDuration { get; init; }
    /// <summary>A length range by name ("2-5"), beside or instead of the seconds.</summary>
    public DurationPreset? Duration { get; init; }
    public int? BpmMin { get; init; }
    public int? BpmMax { get; init; }
    /// <summary>Normalized by <see cref="MusicalKey"/>; matches every spelling of the same key.</summary>
    public string? Key { get; init; }
    public string? License { get; init; }
    public int? UploaderId { get; init; }
    /// <summary>Null: relevance when searching, else newest first.</summary>
    public TrackSort? Sort { get; init; }
    public bool? Descending { get; init; }
    public int Page { get; init; } = 1;
    public int Limit { get; init; } = DefaultLimit;
    /// <summary>A keyset position (the <c>cursor</c> parameter): when set, the page starts there and <see cref="Page"/> is not used.</summary>
    public TrackCursor? Cursor { get; init; }

    public bool IsSearching => !string.IsNullOrWhiteSpace(Search);

    /// <summary>True when anything but the search narrows the list (what the page shows as chips).</summary>
    public bool HasFilters => Artist is not null || Genre is not null || Tags.Count > 0 || MinDuration is not null || MaxDuration is not null
                              || Duration is not null || BpmMin is not null || BpmMax is not null || Key is not null || License is not null
                              || UploaderId is not null;

    /// <summary>True when FTS5's relevance orders the list: a search with words in it, sorted by relevance. That
    /// order pages by number only.</summary>
    public bool RanksByRelevance => EffectiveSort == TrackSort.Relevance && CatalogSearch.Terms(Search).Count > 0;

    /// <summary>The order of a list not ranked by relevance (relevance without words is newest first).</summary>
    public TrackSort ListSort => EffectiveSort == TrackSort.Relevance ? TrackSort.CreatedAt : EffectiveSort;

    public TrackSort EffectiveSort => Sort ?? (string.IsNullOrWhiteSpace(Search) ? TrackSort.CreatedAt : TrackSort.Relevance);

    /// <summary>Newest, most played, most relevant first; names A to Z; shortest first.</summary>
    public bool EffectiveDescending => Descending ?? EffectiveSort is not (TrackSort.Title or TrackSort.Artist or TrackSort.Duration);

    public static readonly IReadOnlyDictionary<string, TrackSort> SortNames = new Dictionary<string, TrackSort>(StringComparer.OrdinalIgnoreCase)
    {
        ["relevance"] = TrackSort.Relevance, ["created_at"] = TrackSort.CreatedAt, ["updated_at"] = TrackSort.UpdatedAt,
        ["title"] = TrackSort.Title, ["artist"] = TrackSort.Artist, ["duration"] = TrackSort.Duration, ["plays"] = TrackSort.Plays,
        ["likes"] = TrackSort.Likes, ["popularity"] = TrackSort.Popularity,
    };

    /// <summary>
    /// Reads the query-string parameters; anything invalid is reported and left out of the query. <c>sort</c> is an
    /// API sort name or a <see cref="TrackSortChoice"/> value. A form sends <c>sort_default</c>, the choice it showed
    /// before anyone touched it: a sort equal to it was not chosen, so a search still sorts by relevance.
    /// </summary>
    public static (TrackQuery Query, FieldErrors Errors) Parse(Func<string, string?> get)
    {
        var errors = new FieldErrors();
        var sortText = Text(get("sort"));
        if (sortText is not null && string.Equals(sortText, Text(get(SortDefaultParameter)), StringComparison.OrdinalIgnoreCase))
        {
            sortText = null;
        }
        TrackSort? sort = null;
        bool? choiceDescending = null;
        if (sortText is not null)
        {
            if (SortNames.TryGetValue(sortText, out var s))
            {
                sort = s;
            }
            else if (TrackSortChoice.Find(sortText) is { } choice)
            {
                (sort, choiceDescending) = (choice.Sort, choice.Descending);
            }
            else
            {
                errors.Add("sort", $"Sort by one of: {string.Join(", ", SortNames.Keys)}.");
            }
        }
        bool? descending = Text(get("order"))?.ToLowerInvariant() switch
        {
            null => choiceDescending,
            "asc" => false,
            "desc" => true,
            _ => Invalid<bool?>(errors, "order", "Order is asc or desc."),
        };
        DurationPreset? duration = null;
        if (Text(get("duration")) is { } durationText && (duration = DurationPreset.Find(durationText)) is null)
        {
            errors.Add("duration", $"Duration is one of: {string.Join(", ", DurationPreset.All.Select(p => p.Value))}.");
        }
        string? key = null;
        if (Text(get("key")) is { } keyText && (key = MusicalKey.Normalize(keyText)) is null)
        {
            errors.Add("key", TrackMetadataRules.KeyMessage);
        }

        var search = Text(get("search"));
        if (search is { Length: > 200 })
        {
            search = Invalid<string>(errors, "search", "Search for at most 200 characters.");
        }
        var query = new TrackQuery
        {
            Search = search,
            Artist = Text(get("artist")),
            Genre = Text(get("genre")),
            Tags = (Text(get("tags")) ?? "").Split(',').Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList(),
            MinDuration = Number(get("min_duration"), "min_duration", 0, 86_400, errors),
            MaxDuration = Number(get("max_duration"), "max_duration", 0, 86_400, errors),
            BpmMin = (int?)Number(get("bpm_min"), "bpm_min", 0, 1000, errors),
            BpmMax = (int?)Number(get("bpm_max"), "bpm_max", 0, 1000, errors),
            Duration = duration,
            Key = key,
            License = Text(get("license")),
            UploaderId = WholeNumber(get("uploader_id"), "uploader_id", int.MaxValue, errors),
            Sort = sort,
            Descending = descending,
            // Any page from 1: one past the last is simply empty (Paging.Offset never overflows).
            Page = WholeNumber(get("page"), "page", int.MaxValue, errors) ?? 1,
            Limit = WholeNumber(get("limit"), "limit", MaxLimit, errors) ?? DefaultLimit,
        };
        if (Text(get("cursor")) is { } cursorText)
        {
            query = query with { Cursor = ParseCursor(cursorText, query, errors) };
        }
        return (query, errors);
    }

    private static TrackCursor? ParseCursor(string text, TrackQuery query, FieldErrors errors)
    {
        var cursor = TrackCursor.Decode(text);
        if (cursor is null)
        {
            return Invalid<TrackCursor>(errors, "cursor", "This cursor is not valid: start again from the first page.");
        }
        if (query.RanksByRelevance)
        {
            return Invalid<TrackCursor>(errors, "cursor", "Relevance order pages by number (page), not by cursor.");
        }
        return cursor.Sort == query.ListSort && cursor.Descending == query.EffectiveDescending
            ? cursor
            : Invalid<TrackCursor>(errors, "cursor", "This cursor belongs to another sort order: start again from the first page.");
    }

    /// <summary>The form field that names the sort the form showed by default (see <see cref="Parse"/>).</summary>
    public const string SortDefaultParameter = "sort_default";

    /// <summary>
    /// The query as a query string, for links that keep every filter (pages, chips, shared links): empty values
    /// are left out, and a sort with its direction is written as its <see cref="TrackSortChoice"/> when it has one.
    /// </summary>
    public string ToQueryString(int? page = null, string? cursor = null)
    {
        var parts = new List<(string, string)>();
        void Add(string name, object? value)
        {
            var text = Convert.ToString(value, CultureInfo.InvariantCulture);
            if (!string.IsNullOrEmpty(text))
            {
                parts.Add((name, text));
            }
        }
        Add("search", Search);
        Add("artist", Artist);
        Add("genre", Genre);
        Add("tags", string.Join(",", Tags));
        Add("min_duration", MinDuration);
        Add("max_duration", MaxDuration);
        Add("duration", Duration?.Value);
        Add("bpm_min", BpmMin);
        Add("bpm_max", BpmMax);
        Add("key", Key);
        Add("license", License);
        Add("uploader_id", UploaderId);
        if (Sort is { } s && TrackSortChoice.Find(s, EffectiveDescending) is { } choice)
        {
            Add("sort", choice.Value);
        }
        else
        {
            Add("sort", Sort is { } named ? SortNames.First(p => p.Value == named).Key : null);
            Add("order", Descending is { } d ? d ? "desc" : "asc" : null);
        }
        if (cursor is not null)
        {
            Add("cursor", cursor);
        }
        else if ((page ?? Page) > 1)
        {
            Add("page", page ?? Page);
        }
        if (Limit != DefaultLimit)
        {
            Add("limit", Limit);
        }
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
    }

    private static string? Text(string? value) => QueryValues.Text(value);

    private static T? Invalid<T>(FieldErrors errors, string field, string message)
    {
        errors.Add(field, message);
        return default;
    }

    private static int? WholeNumber(string? text, string field, int max, FieldErrors errors) => QueryValues.WholeNumber(text, field, max, errors);

    private static double? Number(string? text, string field, double min, double max, FieldErrors errors) =>
        QueryValues.Number(text, field, min, max, errors);
}
