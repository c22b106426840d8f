using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Artists;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>The way to an artist page from an account id, for links drawn before the account had a slug.</summary>
public static class ArtistPageEndpoints
{
    public static IEndpointRouteBuilder MapArtistPageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/artists/by-id/{id:int}", ByIdAsync).ExcludeFromDescription().RequireRateLimiting(RateLimits.Reads);
        return app;
    }

    /// <summary>A temporary redirect: the slug is the page's address, and a rename may change it.</summary>
    private static async Task<Results<RedirectHttpResult, NotFound>> ByIdAsync(int id, ArtistDirectory artists, CancellationToken cancellationToken) =>
        await artists.SlugOfAsync(id, cancellationToken) is { } slug
            ? TypedResults.Redirect(ArtistUrls.Page(slug))
            : TypedResults.NotFound();
}
