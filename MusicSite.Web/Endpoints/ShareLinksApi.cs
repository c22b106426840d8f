using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Playback;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;
using MusicSite.Web.Hosting;

namespace MusicSite.Web.Endpoints;

public sealed record ShareLinkRequest(int? Days);
/// <summary>A new link: <c>url</c> is the page to send; the token is shown this once and never again.</summary>
public sealed record ShareLinkCreated(string Token, string Url, ShareLinkView Link);
public sealed record ShareLinkList(IReadOnlyList<ShareLinkView> Data);

/// <summary>/api/music/tracks/{id}/share-links: the owner's links to a track, made, listed and revoked.</summary>
public static class ShareLinksApi
{
    public static IEndpointRouteBuilder MapShareLinksApi(this IEndpointRouteBuilder app)
    {
        var links = app.MapGroup("/api/music/tracks/{id:int}/share-links").WithTags("Tracks").RequireAuthorization()
            .RequireRateLimiting(RateLimits.Edits);
        links.MapGet("/", ListAsync).RequireRateLimiting(RateLimits.Reads).ProducesProblem(StatusCodes.Status401Unauthorized);
        links.MapPost("/", CreateAsync);
        links.MapDelete("/{linkId:int}", RevokeAsync);
        return app;
    }

    public static async Task<Results<Ok<ShareLinkList>, ProblemHttpResult>> ListAsync(int id, ClaimsPrincipal user, ShareLinks links,
        CancellationToken cancellationToken)
    {
        var result = await links.ListAsync(id, user.AsViewer(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(new ShareLinkList(result.Value!)) : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    /// <summary><c>{ "days": 7 }</c> (1 to 30, default 7): a link to the track's share page that works until then.</summary>
    public static async Task<Results<Created<ShareLinkCreated>, ProblemHttpResult>> CreateAsync(int id, ShareLinkRequest? request,
        ClaimsPrincipal user, ShareLinks links, SiteAddress site, CancellationToken cancellationToken)
    {
        var lifetime = request?.Days is { } days ? TimeSpan.FromDays(days) : ShareLinks.DefaultLifetime;
        var result = await links.CreateAsync(id, user.AsViewer(), lifetime, cancellationToken);
        if (!result.Succeeded)
        {
            return result.Code == ErrorCodes.ValidationFailed ? ApiProblems.Validation(result.Errors) : ApiProblems.FromResult(result.Code!, result.Errors);
        }
        var created = result.Value!;
        return TypedResults.Created($"/api/music/tracks/{id}/share-links",
            new ShareLinkCreated(created.Token, site.BaseUrl + ShareLinks.PagePath(created.Token), created.Link));
    }

    /// <summary>Ends the link at once; it stays in the list as revoked.</summary>
    public static async Task<Results<Ok<ShareLinkView>, ProblemHttpResult>> RevokeAsync(int id, int linkId, ClaimsPrincipal user,
        ShareLinks links, CancellationToken cancellationToken)
    {
        var result = await links.RevokeAsync(id, linkId, user.AsViewer(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : ApiProblems.FromResult(result.Code!, result.Errors);
    }
}
