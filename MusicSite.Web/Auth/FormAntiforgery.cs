using Microsoft.AspNetCore.Antiforgery;

namespace MusicSite.Web.Auth;

/// <summary>
/// The framework refuses a form post with a missing or wrong antiforgery token only when the handler binds a form
/// field. Page posts that take nothing from the form (a button that marks, accepts or removes) ask for the check here,
/// the one place that makes it: a 400 before the handler runs.
/// </summary>
public static class FormAntiforgery
{
    public static RouteHandlerBuilder RequireFormToken(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new RequireAntiforgeryTokenAttribute()).AddEndpointFilter(static async (context, next) =>
            context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: true }
                ? await next(context)
                : TypedResults.BadRequest());
}
