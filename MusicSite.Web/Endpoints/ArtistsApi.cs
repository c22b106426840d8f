using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Accounts;
using MusicSite.Artists;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>Paging plus the order of an artist's tracks: <c>sort</c> is created_at (newest first), title or plays.</summary>
public sealed record ArtistTracksQuery(int? Page, int? Limit, string? Sort);

/// <summary>/api/artists: what the artist page shows, as JSON. An account that has published nothing public is a 404.</summary>
public static class ArtistsApi
{
    public static IEndpointRouteBuilder MapArtistsApi(this IEndpointRouteBuilder app)
    {
        var artists = app.MapGroup("/api/artists").WithTags("Artists").RequireRateLimiting(RateLimits.Reads);
        artists.MapGet("/{id:int}", GetAsync);
        artists.MapGet("/{id:int}/tracks", TracksAsync);
        artists.MapGet("/{id:int}/albums", AlbumsAsync);
        return app;
    }

    public static async Task<Results<Ok<ArtistResponse>, ProblemHttpResult>> GetAsync(int id, ClaimsPrincipal user, ArtistDirectory artists,
        CancellationToken cancellationToken) =>
        await artists.FindAsync(id, user.AsViewer(), cancellationToken) is { } artist
            ? TypedResults.Ok(ArtistResponse.From(artist))
            : Missing();

    public static async Task<Results<Ok<PagedList<TrackSummary>>, ProblemHttpResult>> TracksAsync(int id, [AsParameters] ArtistTracksQuery query,
        ClaimsPrincipal user, ArtistDirectory artists, CancellationToken cancellationToken)
    {
        var paging = new PageQuery(query.Page, query.Limit);
        var errors = paging.Validate();
        var sort = ArtistDirectory.ParseSort(query.Sort);
        if (sort is null)
        {
            errors.Add("sort", $"Sort by one of: {string.Join(", ", ArtistDirectory.Sorts.Select(s => s.Name))}.");
        }
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        if (await artists.SlugOfAsync(id, cancellationToken) is null)
        {
            return Missing();
        }
        var viewer = user.AsViewer();
        var (items, total) = await artists.TracksAsync(id, viewer, sort!.Value, paging.PageNumber, paging.PageSize, cancellationToken);
        return TypedResults.Ok(PagedList<TrackSummary>.Create(items, paging, total));
    }

    public static async Task<Results<Ok<PagedList<AlbumListItem>>, ProblemHttpResult>> AlbumsAsync(int id, [AsParameters] PageQuery paging,
        ClaimsPrincipal user, ArtistDirectory artists, CancellationToken cancellationToken)
    {
        var errors = paging.Validate();
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        if (await artists.SlugOfAsync(id, cancellationToken) is null)
        {
            return Missing();
        }
        var viewer = user.AsViewer();
        var (items, total) = await artists.AlbumsAsync(id, viewer, paging.PageNumber, paging.PageSize, cancellationToken);
        return TypedResults.Ok(PagedList<AlbumListItem>.Create(AlbumListItem.From(items), paging, total));
    }

    private static ProblemHttpResult Missing() => ApiProblems.NotFound(ErrorCodes.ArtistNotFound, "No artist has this id.");
}
