using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Common;
using MusicSite.Contact;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;
using MusicSite.Web.Hosting;

namespace MusicSite.Web.Endpoints;

/// <summary>The answer to a contact message: received, whether it was stored or dropped by the honeypot (the
/// sender cannot tell them apart).</summary>
public sealed record ContactReceivedJson(string Status);

/// <summary>
/// POST /api/contact with <c>{ "name", "email", "subject", "message" }</c>: 202 when received, 400 with field errors,
/// 429 past RateLimits.Contact. Anyone may send; a signed-in sender is recorded. A filled <c>website</c> (the
/// honeypot) gets the same 202 and is stored nowhere. The rules are <see cref="ContactDesk"/>'s.
/// </summary>
public static class ContactApi
{
    public static IEndpointRouteBuilder MapContactApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/contact", SendAsync).WithTags("Contact").DisableAntiforgery().RequireRateLimiting(RateLimits.Contact)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    public static async Task<Results<Accepted<ContactReceivedJson>, ProblemHttpResult>> SendAsync(JsonElement body, HttpContext context,
        ContactDesk desk, SiteAddress site, CancellationToken cancellationToken)
    {
        if (!JsonBody.IsObject(body))
        {
            return JsonBody.NotAnObject();
        }
        var errors = new FieldErrors();
        var input = new ContactInput(JsonBody.Text(body, "name", errors), JsonBody.Text(body, "email", errors),
            JsonBody.Text(body, "subject", errors), JsonBody.Text(body, "message", errors), JsonBody.Text(body, "website", errors));
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await desk.SubmitAsync(input, ContactSenders.Of(context), site.BaseUrl + ContactDesk.InboxPath, cancellationToken);
        return result.Succeeded
            ? TypedResults.Accepted((string?)null, new ContactReceivedJson("received"))
            : ApiProblems.FromResult(result.Code!, result.Errors);
    }
}
