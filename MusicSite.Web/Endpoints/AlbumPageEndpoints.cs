using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>Album page helpers: the playlist "Play all" falls back to without JavaScript, and the delete form.</summary>
public static class AlbumPageEndpoints
{
    public static IEndpointRouteBuilder MapAlbumPageEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/albums").ExcludeFromDescription();
        group.MapGet("/{id:int}/playlist.m3u", PlaylistAsync).RequireRateLimiting(RateLimits.Reads);
        group.MapPost("/{id:int}/delete", DeleteAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        return app;
    }

    /// <summary>An extended M3U of the album's playable tracks, with absolute stream URLs.</summary>
    private static async Task<IResult> PlaylistAsync(int id, HttpRequest request, ClaimsPrincipal user, AlbumService albums,
        CancellationToken cancellationToken)
    {
        if (await albums.FindAsync(id, user.AsViewer(), cancellationToken) is not { } album)
        {
            return TypedResults.NotFound();
        }
        var origin = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var m3u = new StringBuilder("#EXTM3U\n");
        foreach (var track in album.Tracks)
        {
            // Titles are text for a player; line breaks would start a new playlist entry, so they go.
            var title = $"{track.ArtistName} - {track.Title}".Replace('\n', ' ').Replace('\r', ' ');
            m3u.Append($"#EXTINF:{(int)Math.Round(track.DurationSeconds ?? -1)},{title}\n{origin}/api/music/stream/{track.Id}\n");
        }
        return TypedResults.File(Encoding.UTF8.GetBytes(m3u.ToString()), "audio/x-mpegurl", $"album-{id}.m3u");
    }

    // [FromForm] makes the framework check the antiforgery token; the box must be ticked.
    private static async Task<IResult> DeleteAsync(int id, [FromForm] string? confirm, HttpContext context, AlbumService albums,
        CancellationToken cancellationToken)
    {
        if (confirm != "yes")
        {
            return TypedResults.LocalRedirect($"/albums/{id}/edit");
        }
        var result = await albums.DeleteAsync(id, context.User.AsViewer(), context.ForAudit(), cancellationToken);
        return result.Code switch
        {
            null => TypedResults.LocalRedirect("/albums"),
            ErrorCodes.UnauthorizedAccess => TypedResults.Forbid(),
            _ => TypedResults.NotFound(),
        };
    }
}
