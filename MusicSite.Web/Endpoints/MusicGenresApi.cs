using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Genres;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>Parameters of GET /api/music/genres: exactly one of <c>trackId</c> and <c>albumId</c>, plus paging.</summary>
public sealed record MusicGenresQuery(int? TrackId, int? AlbumId, int? Page, int? Limit);

/// <summary>/api/music/genres: the genres of one track or album, each with its ancestor path (root first).</summary>
public static class MusicGenresApi
{
    public static IEndpointRouteBuilder MapMusicGenresApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/music/genres").WithTags("Genres").RequireRateLimiting(RateLimits.Reads)
            .MapGet("/", ListAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<PagedList<MusicGenre>>, ProblemHttpResult>> ListAsync([AsParameters] MusicGenresQuery query,
        ClaimsPrincipal user, MusicGenres genres, CancellationToken cancellationToken)
    {
        var paging = new PageQuery(query.Page, query.Limit);
        var errors = paging.Validate();
        if (query.TrackId is null && query.AlbumId is null)
        {
            errors.Add("trackId", "Give trackId or albumId.");
        }
        else if (query.TrackId is not null && query.AlbumId is not null)
        {
            errors.Add("albumId", "Give trackId or albumId, not both.");
        }
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var found = query.TrackId is { } trackId
            ? await genres.OfTrackAsync(trackId, user.AsViewer(), cancellationToken)
            : await genres.OfAlbumAsync(query.AlbumId!.Value, cancellationToken);
        if (found is null)
        {
            return query.TrackId is not null
                ? ApiProblems.NotFound(ErrorCodes.TrackNotFound)
                : ApiProblems.NotFound(ErrorCodes.AlbumNotFound);
        }
        return TypedResults.Ok(PagedList<MusicGenre>.Create(
            found.Skip(Paging.Offset(paging.PageNumber, paging.PageSize)).Take(paging.PageSize).ToList(), paging, found.Count));
    }
}
