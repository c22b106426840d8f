using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Common;
using MusicSite.Genres;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>Parameters of GET /api/genres: paging, plus <c>parentId</c> or <c>topLevel=true</c> to narrow.</summary>
public sealed record GenreListQuery(int? Page, int? Limit, int? ParentId, bool? TopLevel);

/// <summary>/api/genres: the genre tree, a paged list and one genre with its ancestors, children and relations.</summary>
public static class GenresApi
{
    public static RouteGroupBuilder MapGenresApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/genres").WithTags("Genres").RequireRateLimiting(RateLimits.Reads);
        group.MapGet("/", ListAsync);
        group.MapGet("/tree", TreeAsync);
        group.MapGet("/{id:int}", GetAsync);
        return group;
    }

    public static async Task<Results<Ok<PagedList<GenreListItem>>, ProblemHttpResult>> ListAsync(
        [AsParameters] GenreListQuery query, GenreDirectory genres, CancellationToken cancellationToken)
    {
        var paging = new PageQuery(query.Page, query.Limit);
        var errors = paging.Validate();
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var (items, total) = await genres.ListAsync(query.ParentId, query.TopLevel == true, paging.PageNumber,
            paging.PageSize, cancellationToken);
        return TypedResults.Ok(PagedList<GenreListItem>.Create(items, paging, total));
    }

    public static async Task<Ok<IReadOnlyList<GenreNode>>> TreeAsync(GenreDirectory genres, CancellationToken cancellationToken) =>
        TypedResults.Ok(await genres.TreeAsync(cancellationToken));

    public static async Task<Results<Ok<GenreDetail>, ProblemHttpResult>> GetAsync(int id, GenreDirectory genres,
        CancellationToken cancellationToken) =>
        await genres.FindAsync(id, cancellationToken) is { } genre
            ? TypedResults.Ok(genre)
            : ApiProblems.NotFound(ErrorCodes.GenreNotFound, "No genre has this id.");
}
