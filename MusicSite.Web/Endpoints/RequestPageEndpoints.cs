using System.Security.Claims;
using MusicSite.Accounts;
using MusicSite.Attribution;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>The Accept and Decline forms of /me/requests: they call <see cref="LineageRequests"/> and redirect back
/// with the answer in words (post/redirect/get, no JavaScript needed).</summary>
public static class RequestPageEndpoints
{
    public const string PagePath = "/me/requests";

    public static IEndpointRouteBuilder MapRequestPageEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(PagePath).ExcludeFromDescription().RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        group.MapPost("/{type}/{id:int}/accept", AcceptAsync).RequireFormToken();
        group.MapPost("/{type}/{id:int}/decline", DeclineAsync).RequireFormToken();
        return app;
    }

    private static Task<IResult> AcceptAsync(string type, int id, ClaimsPrincipal user, LineageRequests requests,
        CancellationToken cancellationToken) => AnswerAsync(type, id, true, user, requests, cancellationToken);

    private static Task<IResult> DeclineAsync(string type, int id, ClaimsPrincipal user, LineageRequests requests,
        CancellationToken cancellationToken) => AnswerAsync(type, id, false, user, requests, cancellationToken);

    private static async Task<IResult> AnswerAsync(string type, int id, bool accept, ClaimsPrincipal user,
        LineageRequests requests, CancellationToken cancellationToken)
    {
        if (!LinkTypes.IsKnown(type))
        {
            return TypedResults.NotFound();
        }
        var result = await requests.AnswerAsync(type, id, accept, user.AsViewer(), cancellationToken);
        return result switch
        {
            { Succeeded: true } => TypedResults.LocalRedirect($"{PagePath}?answered={(accept ? "accepted" : "declined")}"),
            { Code: MusicSite.Common.ErrorCodes.LinkNotFound } => TypedResults.NotFound(),
            _ => TypedResults.LocalRedirect($"{PagePath}?answered=gone"),
        };
    }
}
