using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Genres;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>Parameters of GET /api/genres: paging; <c>flat=true</c> for a flat list instead of nested subtrees;
/// <c>parentId</c> for one genre's children, or (flat only) <c>topLevel=true</c> for the top level.</summary>
public sealed record GenreListQuery(int? Page, int? Limit, int? ParentId, bool? TopLevel, bool? Flat);

/// <summary>Parameters of GET /api/genres/popular: the window in days (default 30, at most 365) and paging.</summary>
public sealed record PopularGenresQuery(int? Days, int? Page, int? Limit);

/// <summary>/api/genres: the tree (nested pages, flat pages, whole), one genre, its children and ancestors, related and
/// popular genres. Counts come from <see cref="GenreCounts"/>, the rankings from <see cref="RelatedGenres"/> and
/// <see cref="PopularGenres"/>.</summary>
public static class GenresApi
{
    public static RouteGroupBuilder MapGenresApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/genres").WithTags("Genres").RequireRateLimiting(RateLimits.Reads);
        group.MapGet("/", ListAsync);
        group.MapGet("/tree", TreeAsync);
        group.MapGet("/popular", PopularAsync);
        group.MapGet("/{id:int}", GetAsync);
        group.MapGet("/{id:int}/children", ChildrenAsync);
        group.MapGet("/{id:int}/ancestors", AncestorsAsync);
        group.MapGet("/{id:int}/related", RelatedAsync);
        return group;
    }

    public static async Task<Results<Ok<PagedList<GenreEntry>>, ProblemHttpResult>> ListAsync(
        [AsParameters] GenreListQuery query, ClaimsPrincipal user, GenreListings genres, CancellationToken cancellationToken)
    {
        var paging = new PageQuery(query.Page, query.Limit);
        var errors = paging.Validate();
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var (items, total) = query.Flat == true
            ? await genres.FlatAsync(query.ParentId, query.TopLevel == true, user.AsViewer(), paging.PageNumber, paging.PageSize, cancellationToken)
            : await genres.NestedAsync(query.ParentId, user.AsViewer(), paging.PageNumber, paging.PageSize, cancellationToken);
        return TypedResults.Ok(PagedList<GenreEntry>.Create(items, paging, total));
    }

    /// <summary>The whole tree as one document (a few hundred genres); <c>GET /api/genres</c> pages it.</summary>
    public static async Task<Ok<IReadOnlyList<GenreEntry>>> TreeAsync(ClaimsPrincipal user, GenreListings genres,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await genres.TreeAsync(user.AsViewer(), cancellationToken));

    public static async Task<Results<Ok<GenreDetail>, ProblemHttpResult>> GetAsync(int id, GenreDirectory genres,
        CancellationToken cancellationToken) =>
        await genres.FindAsync(id, cancellationToken) is { } genre
            ? TypedResults.Ok(genre)
            : ApiProblems.NotFound(ErrorCodes.GenreNotFound, "No genre has this id.");

    public static async Task<Results<Ok<PagedList<GenreEntry>>, ProblemHttpResult>> ChildrenAsync(int id,
        [AsParameters] PageQuery paging, ClaimsPrincipal user, GenreListings genres, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        return await genres.ChildrenAsync(id, user.AsViewer(), paging.PageNumber, paging.PageSize, cancellationToken) is var (items, total)
            ? TypedResults.Ok(PagedList<GenreEntry>.Create(items, paging, total))
            : ApiProblems.NotFound(ErrorCodes.GenreNotFound);
    }

    /// <summary>The genres above this one, root first: a path of a few genres, paged like every list.</summary>
    public static async Task<Results<Ok<PagedList<GenreListItem>>, ProblemHttpResult>> AncestorsAsync(int id,
        [AsParameters] PageQuery paging, GenreDirectory genres, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        return await genres.AncestorsAsync(id, cancellationToken) is { } path
            ? TypedResults.Ok(PagedList<GenreListItem>.Create(Page(path, paging), paging, path.Count))
            : ApiProblems.NotFound(ErrorCodes.GenreNotFound);
    }

    /// <summary>Related genres, best first, each with its reasons ("curated", "shares 14 tracks").</summary>
    public static async Task<Results<Ok<PagedList<RelatedGenreItem>>, ProblemHttpResult>> RelatedAsync(int id,
        [AsParameters] PageQuery paging, ClaimsPrincipal user, RelatedGenres related, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        return await related.RankAsync(id, user.AsViewer(), cancellationToken) is { } ranked
            ? TypedResults.Ok(PagedList<RelatedGenreItem>.Create(Page(ranked, paging), paging, ranked.Count))
            : ApiProblems.NotFound(ErrorCodes.GenreNotFound);
    }

    /// <summary>Genres by plays in the last <c>days</c> days, then by track count.</summary>
    public static async Task<Results<Ok<PagedList<PopularGenre>>, ProblemHttpResult>> PopularAsync(
        [AsParameters] PopularGenresQuery query, ClaimsPrincipal user, PopularGenres popular, CancellationToken cancellationToken)
    {
        var paging = new PageQuery(query.Page, query.Limit);
        var errors = paging.Validate();
        if (query.Days is < 1 or > PopularGenres.MaxDays)
        {
            errors.Add("days", $"days must be between 1 and {PopularGenres.MaxDays}.");
        }
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var (items, total) = await popular.RankAsync(user.AsViewer(), query.Days ?? PopularGenres.DefaultDays, paging.PageNumber,
            paging.PageSize, cancellationToken);
        return TypedResults.Ok(PagedList<PopularGenre>.Create(items, paging, total));
    }

    private static List<T> Page<T>(IReadOnlyList<T> items, PageQuery paging) =>
        items.Skip(Paging.Offset(paging.PageNumber, paging.PageSize)).Take(paging.PageSize).ToList();
}
