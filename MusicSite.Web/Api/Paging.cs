using MusicSite.Common;

namespace MusicSite.Web.Api;

/// <summary>The paging query every list endpoint takes: <c>page</c> from 1, <c>limit</c> 1–100 (default 20).</summary>
public sealed record PageQuery(int? Page, int? Limit)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public int PageNumber => Page ?? 1;
    public int PageSize => Limit ?? DefaultLimit;

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (Page is < 1)
        {
            errors.Add("page", "page starts at 1.");
        }
        if (Limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"limit must be between 1 and {MaxLimit}.");
        }
        return errors;
    }
}

/// <summary>A list's paging. <paramref name="TotalExact"/> false: more than <paramref name="Total"/> match (the list
/// counted up to a cap, "1,000+"); <paramref name="TotalPages"/> then counts the pages up to the cap, and a full page
/// has a next one. <c>nextCursor</c> and <c>prevCursor</c> start the next and previous pages by keyset where the list
/// offers it (the catalog: pass one back as <c>cursor</c>); null when there is no such page.</summary>
public sealed record PageMeta(int Page, int PerPage, int Total, int TotalPages, bool HasNext, bool HasPrev, bool TotalExact = true,
    string? NextCursor = null, string? PrevCursor = null)
{
    /// <summary>Whether a page follows: before the last page, or, when the total is only a capped count, whenever
    /// this page came back full (the API's <c>hasNext</c> and the pages' Next link).</summary>
    public static bool HasNextPage(int page, int totalPages, bool totalExact, bool full) =>
        page < totalPages || (!totalExact && full);
}

/// <summary>The list envelope: <c>{ "data": [...], "meta": { ... } }</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Data, PageMeta Meta)
{
    public static PagedList<T> Create(IReadOnlyList<T> items, PageQuery query, int total, bool totalExact = true)
    {
        var totalPages = total == 0 ? 0 : (int)Math.Ceiling(total / (double)query.PageSize);
        return new PagedList<T>(items, new PageMeta(query.PageNumber, query.PageSize, total, totalPages,
            PageMeta.HasNextPage(query.PageNumber, totalPages, totalExact, items.Count == query.PageSize),
            query.PageNumber > 1 && (total > 0 || !totalExact), totalExact));
    }
}
