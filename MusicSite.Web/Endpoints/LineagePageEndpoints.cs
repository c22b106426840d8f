using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using MusicSite.Accounts;
using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>
/// The forms of the owner's "Credit originals" page /tracks/{id}/lineage: crediting a found track as an original of
/// the page's track, and removing a link. Both call <see cref="LineageRegistry"/> and answer 303 back to the page with
/// the outcome in words (post/redirect/get, no JavaScript needed). The words travel protected, so no one can make the
/// page say something by a crafted address.
/// </summary>
public static class LineagePageEndpoints
{
    private const string Purpose = "MusicSite.LineagePage.Outcome";

    public static string PagePath(int trackId) => $"/tracks/{trackId}/lineage";

    public static IEndpointRouteBuilder MapLineagePageEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/tracks/{id:int}/lineage").ExcludeFromDescription().RequireAuthorization()
            .RequireRateLimiting(RateLimits.Edits);
        group.MapPost("/originals", CreditAsync).RequireFormToken();
        group.MapPost("/links/{type}/{linkId:int}/remove", RemoveAsync).RequireFormToken();
        return app;
    }

    /// <summary>An outcome the page shows: its words, and whether it is good news.</summary>
    public sealed record Outcome(bool Done, string Text);

    /// <summary>The outcome carried by the page's <c>outcome</c> parameter, or null when it is absent or not ours.</summary>
    public static Outcome? Read(IDataProtectionProvider protection, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        try
        {
            var text = protection.CreateProtector(Purpose).Unprotect(token);
            return text.Length < 2 ? null : new Outcome(text[0] == '+', text[1..]);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static async Task<IResult> CreditAsync(int id, HttpContext context, ClaimsPrincipal user, TrackCatalog catalog,
        LineageRegistry registry, IDataProtectionProvider protection, CancellationToken cancellationToken)
    {
        var viewer = user.AsViewer();
        if (await RefusalAsync(id, viewer, catalog, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var search = form["q"].FirstOrDefault();
        if (!int.TryParse(form["originalId"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var originalId) || originalId < 1)
        {
            return Back(context, protection, id, search, new Outcome(false, "Choose a track to credit from the search results."));
        }
        if (!LineageNames.TryParse(form["kind"].FirstOrDefault(), out var kind))
        {
            return Back(context, protection, id, search,
                new Outcome(false, $"Choose what this track is of the original: {string.Join(", ", LineageNames.RelationKinds)}."));
        }
        var result = await registry.RegisterRemixAsync(originalId, id, kind, viewer, cancellationToken);
        return Back(context, protection, id, search, Describe(result));
    }

    private static async Task<IResult> RemoveAsync(int id, string type, int linkId, HttpContext context, ClaimsPrincipal user,
        TrackCatalog catalog, LineageRegistry registry, IDataProtectionProvider protection, CancellationToken cancellationToken)
    {
        var viewer = user.AsViewer();
        if (await RefusalAsync(id, viewer, catalog, cancellationToken) is { } refusal)
        {
            return refusal;
        }
        var result = await registry.RemoveAsync(type, linkId, viewer, cancellationToken);
        return Back(context, protection, id, null, result.Succeeded
            ? new Outcome(true, "Removed: the link no longer counts in the lineage.")
            : new Outcome(false, "That link was already removed."));
    }

    /// <summary>The page's track, unknown to the viewer, is a 404; someone else's a 403.</summary>
    private static async Task<IResult?> RefusalAsync(int id, Viewer viewer, TrackCatalog catalog, CancellationToken cancellationToken)
    {
        var track = await catalog.FindAsync(id, viewer, cancellationToken);
        if (track is null)
        {
            return TypedResults.NotFound();
        }
        return viewer.MayManage(track.Uploader.Id) ? null : TypedResults.StatusCode(StatusCodes.Status403Forbidden);
    }

    /// <summary>The registration's outcome in words: linked, waiting for the owner, or the refusal's own reason.</summary>
    private static Outcome Describe(ServiceResult<LinkView> result)
    {
        if (result.Succeeded)
        {
            var link = result.Value!;
            return link.Status == LineageNames.Of(LinkStatus.Pending)
                ? new Outcome(true, $"Waiting for {link.Original.Owner?.DisplayName ?? "the owner"}'s approval (they were notified).")
                : new Outcome(true, $"Linked: {link.Original.Label} is credited as an original of this track.");
        }
        var sentence = result.Errors.ToDictionary().Values.SelectMany(m => m).FirstOrDefault() ?? "The link could not be made.";
        return new Outcome(false, result.Code == ErrorCodes.LicenseConflict ? $"License clash: {sentence}" : sentence);
    }

    private static IResult Back(HttpContext context, IDataProtectionProvider protection, int id, string? search, Outcome outcome)
    {
        var token = protection.CreateProtector(Purpose).Protect((outcome.Done ? "+" : "-") + outcome.Text);
        var query = string.IsNullOrWhiteSpace(search) ? "" : $"q={Uri.EscapeDataString(search)}&";
        context.Response.Headers.Location = $"{PagePath(id)}?{query}outcome={Uri.EscapeDataString(token)}";
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }
}
