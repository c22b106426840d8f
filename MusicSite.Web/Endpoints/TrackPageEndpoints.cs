using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Jobs;
using MusicSite.Playback;
using MusicSite.Web.Auth;
using MusicSite.Web.Components.Shared;

namespace MusicSite.Web.Endpoints;

/// <summary>Endpoints behind the track page: the status panel htmx polls, and the admin's re-run form.</summary>
public static class TrackPageEndpoints
{
    public static IEndpointRouteBuilder MapTrackPageEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/tracks").ExcludeFromDescription();
        group.MapGet("/{id:int}/status", StatusAsync).RequireRateLimiting(RateLimits.Reads);
        group.MapPost("/{id:int}/reprocess", ReprocessAsync).RequireAuthorization(Policies.Admin).RequireRateLimiting(RateLimits.Edits);
        group.MapPost("/{id:int}/delete", DeleteAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        group.MapPost("/{id:int}/share-links", CreateShareLinkAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        group.MapPost("/{id:int}/share-links/{linkId:int}/revoke", RevokeShareLinkAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Edits)
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());
        return app;
    }

    /// <summary>The processing panel alone. Once the track is ready, htmx's request gets a panel that loads the whole
    /// track page into the main region (the player outside it keeps playing).</summary>
    private static async Task<IResult> StatusAsync(int id, HttpContext context, ClaimsPrincipal user, TrackCatalog catalog,
        CancellationToken cancellationToken)
    {
        var track = await catalog.FindAsync(id, user.AsViewer(), cancellationToken);
        if (track is null)
        {
            return TypedResults.NotFound();
        }
        return new RazorComponentResult<TrackStatusPanel>(new Dictionary<string, object?>
        {
            [nameof(TrackStatusPanel.Track)] = track,
            [nameof(TrackStatusPanel.LoadPage)] = context.Request.Headers.ContainsKey("HX-Request"),
        });
    }

    // [FromForm] makes the framework check the antiforgery token; the box must be ticked.
    private static async Task<IResult> DeleteAsync(int id, [FromForm] string? confirm, HttpContext context, TrackEditor editor,
        CancellationToken cancellationToken)
    {
        if (confirm != "yes")
        {
            return TypedResults.LocalRedirect($"/tracks/{id}/edit");
        }
        var result = await editor.DeleteAsync(id, context.User.AsViewer(), context.ForAudit(), cancellationToken);
        return result.Code switch
        {
            null => TypedResults.LocalRedirect("/me/uploads?deleted=1"),
            ErrorCodes.UnauthorizedAccess => TypedResults.Forbid(),
            _ => TypedResults.NotFound(),
        };
    }

    // [FromForm] makes the framework check the antiforgery token. The new link opens at once, to be copied from there.
    private static async Task<IResult> CreateShareLinkAsync(int id, [FromForm] string? days, ClaimsPrincipal user, ShareLinks links,
        CancellationToken cancellationToken)
    {
        var lifetime = int.TryParse(days, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? TimeSpan.FromDays(d) : ShareLinks.DefaultLifetime;
        var result = await links.CreateAsync(id, user.AsViewer(), lifetime, cancellationToken);
        return result.Code switch
        {
            null => TypedResults.LocalRedirect(ShareLinks.PagePath(result.Value!.Token) + "?made=1"),
            ErrorCodes.ValidationFailed => TypedResults.LocalRedirect($"/tracks/{id}/share?error=days"),
            ErrorCodes.UnauthorizedAccess => TypedResults.Forbid(),
            _ => TypedResults.NotFound(),
        };
    }

    // The route's metadata makes the framework check the antiforgery token (the form has no other field).
    private static async Task<IResult> RevokeShareLinkAsync(int id, int linkId, ClaimsPrincipal user,
        ShareLinks links, CancellationToken cancellationToken)
    {
        var result = await links.RevokeAsync(id, linkId, user.AsViewer(), cancellationToken);
        return result.Code switch
        {
            null => TypedResults.LocalRedirect($"/tracks/{id}/share?revoked={linkId}"),
            ErrorCodes.UnauthorizedAccess => TypedResults.Forbid(),
            _ => TypedResults.NotFound(),
        };
    }

    // [FromForm] makes the framework check the antiforgery token.
    private static async Task<IResult> ReprocessAsync(int id, [FromForm] string? returnUrl, TrackProcessingQueue queue,
        CancellationToken cancellationToken) =>
        await queue.ReprocessAsync(id, cancellationToken)
            ? TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl ?? $"/tracks/{id}"))
            : TypedResults.NotFound();
}
