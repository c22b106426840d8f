using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Accounts;
using MusicSite.Attribution;
using MusicSite.Common;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;
using MusicSite.Web.Hosting;

namespace MusicSite.Web.Endpoints;

/// <summary>
/// Registering lineage and answering requests: POST /api/music/tracks/{id}/remixes, POST /api/stems/usage/{id},
/// GET /api/lineage/requests, POST /api/lineage/requests/{type}/{id}/accept|decline, DELETE /api/lineage/links/{type}/{id}.
/// A registration answers 201 with the link, or 202 with <c>"status": "pending"</c> when the owner must approve.
/// </summary>
public static class LineageLinksApi
{
    public static IEndpointRouteBuilder MapLineageLinksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/music/tracks/{id:int}/remixes", RegisterRemixAsync).WithTags("Lineage")
            .RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        app.MapPost("/api/stems/usage/{id:int}", RegisterStemUseAsync).WithTags("Lineage")
            .RequireAuthorization().RequireRateLimiting(RateLimits.Edits);

        var lineage = app.MapGroup("/api/lineage").WithTags("Lineage").RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        lineage.MapGet("/requests", ListRequestsAsync).RequireRateLimiting(RateLimits.Reads).ProducesProblem(StatusCodes.Status401Unauthorized);
        lineage.MapPost("/requests/{type}/{id:int}/accept", AcceptAsync);
        lineage.MapPost("/requests/{type}/{id:int}/decline", DeclineAsync);
        lineage.MapDelete("/links/{type}/{id:int}", RemoveAsync);
        return app;
    }

    /// <summary><c>{ "remixTrackId": 12, "kind": "remix" }</c>: the caller's track 12 is a remix (edit, cover, mashup,
    /// sample-based; remix when left out) of track {id}.</summary>
    public static async Task<Results<Created<LinkView>, Accepted<LinkView>, ProblemHttpResult>> RegisterRemixAsync(int id, JsonElement body,
        ClaimsPrincipal user, LineageRegistry registry, SiteAddress site, CancellationToken cancellationToken)
    {
        if (!JsonBody.IsObject(body))
        {
            return JsonBody.NotAnObject();
        }
        var errors = new FieldErrors();
        var derivativeId = Id(body, "remixTrackId", errors);
        var kindText = JsonBody.Text(body, "kind", errors);
        var kind = RelationKind.Remix;
        if (kindText is not null && !LineageNames.TryParse(kindText, out kind))
        {
            errors.Add("kind", $"kind is one of {string.Join(", ", LineageNames.RelationKinds)}.");
        }
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await registry.RegisterRemixAsync(id, derivativeId, kind, user.AsViewer(), cancellationToken);
        return Answer(result, site, $"/api/music/tracks/{derivativeId}/attribution");
    }

    /// <summary><c>{ "trackId": 12 }</c>: the caller's track 12 uses stem {id}.</summary>
    public static async Task<Results<Created<LinkView>, Accepted<LinkView>, ProblemHttpResult>> RegisterStemUseAsync(int id, JsonElement body,
        ClaimsPrincipal user, LineageRegistry registry, SiteAddress site, CancellationToken cancellationToken)
    {
        if (!JsonBody.IsObject(body))
        {
            return JsonBody.NotAnObject();
        }
        var errors = new FieldErrors();
        var trackId = Id(body, "trackId", errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await registry.RegisterStemUseAsync(id, trackId, user.AsViewer(), cancellationToken);
        return Answer(result, site, $"/api/stems/track/{trackId}/sources");
    }

    public static async Task<Ok<LinkRequests>> ListRequestsAsync(ClaimsPrincipal user, LineageRequests requests, SiteAddress site,
        CancellationToken cancellationToken)
    {
        var lists = await requests.ListAsync(user.AsViewer(), cancellationToken);
        return TypedResults.Ok(new LinkRequests(lists.Incoming.Select(v => WithUrls(site, v)).ToList(),
            lists.Outgoing.Select(v => WithUrls(site, v)).ToList()));
    }

    public static Task<Results<Ok<LinkView>, ProblemHttpResult>> AcceptAsync(string type, int id, ClaimsPrincipal user,
        LineageRequests requests, SiteAddress site, CancellationToken cancellationToken) =>
        AnswerRequestAsync(type, id, true, user, requests, site, cancellationToken);

    public static Task<Results<Ok<LinkView>, ProblemHttpResult>> DeclineAsync(string type, int id, ClaimsPrincipal user,
        LineageRequests requests, SiteAddress site, CancellationToken cancellationToken) =>
        AnswerRequestAsync(type, id, false, user, requests, site, cancellationToken);

    /// <summary>The derivative's owner (or an admin) removes a link or request of theirs, to fix a mistake.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string type, int id, ClaimsPrincipal user,
        LineageRegistry registry, CancellationToken cancellationToken)
    {
        var result = await registry.RemoveAsync(type, id, user.AsViewer(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    private static async Task<Results<Ok<LinkView>, ProblemHttpResult>> AnswerRequestAsync(string type, int id, bool accept,
        ClaimsPrincipal user, LineageRequests requests, SiteAddress site, CancellationToken cancellationToken)
    {
        var result = await requests.AnswerAsync(type, id, accept, user.AsViewer(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(WithUrls(site, result.Value!)) : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    private static Results<Created<LinkView>, Accepted<LinkView>, ProblemHttpResult> Answer(ServiceResult<LinkView> result, SiteAddress site,
        string location)
    {
        if (!result.Succeeded)
        {
            // The refusal's own sentence (the license clash's reason, the cycle…) is the problem's title.
            var sentence = result.Errors.ToDictionary().Values.SelectMany(m => m).FirstOrDefault();
            return ApiProblems.FromResult(result.Code!, result.Errors, sentence);
        }
        var view = WithUrls(site, result.Value!);
        return view.Status == LineageNames.Of(LinkStatus.Pending)
            ? TypedResults.Accepted("/api/lineage/requests", view)
            : TypedResults.Created(location, view);
    }

    private static LinkView WithUrls(SiteAddress site, LinkView view) =>
        view with { Original = LineageUrls.With(site.BaseUrl, view.Original), Derivative = LineageUrls.With(site.BaseUrl, view.Derivative) };

    /// <summary>A positive whole-number id field; anything else is a field error.</summary>
    private static int Id(JsonElement body, string name, FieldErrors errors)
    {
        if (body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var id) && id > 0)
        {
            return id;
        }
        errors.Add(name, $"{name} is the id of one of your tracks.");
        return 0;
    }
}
