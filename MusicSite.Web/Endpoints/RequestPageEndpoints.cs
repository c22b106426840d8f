using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
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
        var group = app.MapGroup(PagePath).ExcludeFromDescription().RequireAuthorization().RequireRateLimiting(RateLimits.Edits)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        group.MapPost("/{type}/{id:int}/accept", AcceptAsync);
        group.MapPost("/{type}/{id:int}/decline", DeclineAsync);
        return app;
    }

    private static Task<IResult> AcceptAsync(string type, int id, HttpContext context, ClaimsPrincipal user, LineageRequests requests,
        CancellationToken cancellationToken) => AnswerAsync(type, id, true, context, user, requests, cancellationToken);

    private static Task<IResult> DeclineAsync(string type, int id, HttpContext context, ClaimsPrincipal user, LineageRequests requests,
        CancellationToken cancellationToken) => AnswerAsync(type, id, false, context, user, requests, cancellationToken);

    // The forms have no field to bind, so nothing else would refuse a post without a valid token: check it here.
    private static async Task<IResult> AnswerAsync(string type, int id, bool accept, HttpContext context, ClaimsPrincipal user,
        LineageRequests requests, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            return TypedResults.BadRequest();
        }
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
