using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using MusicSite.Accounts;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>Form posts of the account pages that render nothing themselves (both redirect).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").ExcludeFromDescription();
        group.MapPost("/logout", LogoutAsync);
        group.MapPost("/resend-confirmation", ResendConfirmationAsync).RequireAuthorization()
            .RequireRateLimiting(RateLimits.Account);
        return group;
    }

    // [FromForm] makes the framework check the antiforgery token on these posts.
    private static async Task<IResult> LogoutAsync(SignInManager<AppUser> signIn, [FromForm] string? returnUrl)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }

    private static async Task<IResult> ResendConfirmationAsync(HttpContext context, ClaimsPrincipal principal,
        AccountService accounts, [FromForm] string? returnUrl, CancellationToken cancellationToken)
    {
        if (principal.UserId() is { } id
            && await accounts.ResendConfirmationAsync(id, cancellationToken) is { RetryAfter: { } wait })
        {
            await TooManyRequests.WritePageAsync(context, wait, cancellationToken);
            return TypedResults.Empty;
        }
        var target = LocalUrl.OrHome(returnUrl);
        return TypedResults.LocalRedirect(target + (target.Contains('?') ? "&" : "?") + "confirmationSent=1");
    }
}
