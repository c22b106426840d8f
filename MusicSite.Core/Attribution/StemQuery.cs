using System.Globalization;
using MusicSite.Catalog;
using MusicSite.Common;

namespace MusicSite.Attribution;

/// <summary>How the stem browser orders its rows.</summary>
public sealed record StemSortChoice(string Value, string Label)
{
    public static readonly StemSortChoice Newest = new("newest", "Newest");
    public static readonly StemSortChoice Name = new("name", "Name A–Z");

    public static IReadOnlyList<StemSortChoice> All { get; } = [Newest, Name];

    public static StemSortChoice? Find(string value) =>
        All.FirstOrDefault(c => string.Equals(c.Value, value, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The stem browser's filters, sort and page, as /stems and GET /api/stems take them (snake_case names, like
/// the catalog's): search, instrument (id or name), key, bpm_min, bpm_max, license (code or name), remix_allowed,
/// sort (newest, name), page, limit.</summary>
public sealed record StemQuery
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>Words found in the stem's name, its instrument, its source track's title or artist.</summary>
    public string? Search { get; init; }
    /// <summary>An instrument type's id or name (any letter case).</summary>
    public string? Instrument { get; init; }
    /// <summary>Normalized by <see cref="MusicalKey"/>; matches every spelling of the same key.</summary>
    public string? Key { get; init; }
    public int? BpmMin { get; init; }
    public int? BpmMax { get; init; }
    /// <summary>A license's code or name (any letter case).</summary>
    public string? License { get; init; }
    public bool? RemixAllowed { get; init; }
    public StemSortChoice Sort { get; init; } = StemSortChoice.Newest;
    public int Page { get; init; } = 1;
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>True when anything narrows the list.</summary>
    public bool HasFilters => Search is not null || Instrument is not null || Key is not null || BpmMin is not null || BpmMax is not null
                              || License is not null || RemixAllowed is not null;

    /// <summary>Reads the query-string parameters; anything invalid is a field error and is left out of the query.</summary>
    public static (StemQuery Query, FieldErrors Errors) Parse(Func<string, string?> get)
    {
        var errors = new FieldErrors();
        string? key = null;
        if (QueryValues.Text(get("key")) is { } keyText && (key = MusicalKey.Normalize(keyText)) is null)
        {
            errors.Add("key", TrackMetadataRules.KeyMessage);
        }
        var sort = StemSortChoice.Newest;
        if (QueryValues.Text(get("sort")) is { } sortText && (sort = StemSortChoice.Find(sortText)!) is null)
        {
            errors.Add("sort", $"Sort by one of: {string.Join(", ", StemSortChoice.All.Select(c => c.Value))}.");
            sort = StemSortChoice.Newest;
        }
        var search = QueryValues.Text(get("search"));
        if (search is { Length: > 200 })
        {
            errors.Add("search", "Search for at most 200 characters.");
            search = null;
        }
        var instrument = QueryValues.Text(get("instrument"));
        if (instrument is { Length: > 60 })
        {
            errors.Add("instrument", "No instrument type has so long a name.");
            instrument = null;
        }
        var license = QueryValues.Text(get("license"));
        if (license is { Length: > 100 })
        {
            errors.Add("license", "No license has so long a name.");
            license = null;
        }
        var bpmMin = (int?)QueryValues.Number(get("bpm_min"), "bpm_min", 0, 1000, errors);
        var bpmMax = (int?)QueryValues.Number(get("bpm_max"), "bpm_max", 0, 1000, errors);
        if (bpmMin > bpmMax)
        {
            errors.Add("bpm_max", "bpm_max must not be below bpm_min.");
            bpmMax = null;
        }
        var query = new StemQuery
        {
            Search = search,
            Instrument = instrument,
            Key = key,
            BpmMin = bpmMin,
            BpmMax = bpmMax,
            License = license,
            RemixAllowed = QueryValues.Flag(get("remix_allowed"), "remix_allowed", errors),
            Sort = sort,
            Page = QueryValues.WholeNumber(get("page"), "page", int.MaxValue, errors) ?? 1,
            Limit = QueryValues.WholeNumber(get("limit"), "limit", MaxLimit, errors) ?? DefaultLimit,
        };
        return (query, errors);
    }

    /// <summary>The query as a query string for links that keep every filter; empty values are left out.</summary>
    public string ToQueryString(int? page = null)
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
        Add("instrument", Instrument);
        Add("key", Key);
        Add("bpm_min", BpmMin);
        Add("bpm_max", BpmMax);
        Add("license", License);
        Add("remix_allowed", RemixAllowed is { } remix ? remix ? "true" : "false" : null);
        Add("sort", Sort == StemSortChoice.Newest ? null : Sort.Value);
        if ((page ?? Page) > 1)
        {
            Add("page", page ?? Page);
        }
        if (Limit != DefaultLimit)
        {
            Add("limit", Limit);
        }
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
    }
}
