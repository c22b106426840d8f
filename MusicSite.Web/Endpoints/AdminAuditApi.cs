using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Admin;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>Parameters of GET /api/admin/audit: an action ("user.lock") or an area ("auth"), an actor (account id or
/// name at the time), an entity type and id, a UTC date range (from inclusive, to through that day), paging.</summary>
public sealed record AdminAuditQuery(string? Action, string? Actor, string? EntityType, string? EntityId, string? From, string? To,
    int? Page, int? Limit);

/// <summary>One audit entry; <c>before</c> and <c>after</c> are the recorded JSON objects (null for a creation or a deletion).</summary>
public sealed record AuditEntryResponse(long Id, DateTime At, int? ActorId, string ActorName, string Action, string EntityType,
    string? EntityId, JsonElement? Before, JsonElement? After, string? ClientAddress, string? UserAgent)
{
    public static AuditEntryResponse From(AuditEntry e) =>
        new(e.Id, e.At, e.ActorId, e.ActorName, e.Action, e.EntityType, e.EntityId, Json(e.Before), Json(e.After), e.ClientAddress, e.UserAgent);

    private static JsonElement? Json(string? text)
    {
        if (text is null)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Every entry is written as JSON by AuditLog.Record; anything else is shown as the text it is.
            return JsonSerializer.SerializeToElement(text);
        }
    }
}

/// <summary>GET /api/admin/audit (admins only): the audit log, newest first, in the list envelope.</summary>
public static class AdminAuditApi
{
    public static RouteGroupBuilder MapAdminAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/audit", "Admin");
        group.MapGet("/", ListAsync).RequireRateLimiting(RateLimits.Reads);
        return group;
    }

    public static async Task<Results<Ok<PagedList<AuditEntryResponse>>, ProblemHttpResult>> ListAsync([AsParameters] AdminAuditQuery query,
        AuditLog audit, CancellationToken cancellationToken)
    {
        var paging = new PageQuery(query.Page, query.Limit);
        var errors = paging.Validate();
        var filter = AdminFilters.Audit(query.Action, query.Actor, query.EntityType, query.EntityId, query.From, query.To, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var (items, total) = await audit.ListAsync(filter, paging.PageNumber, paging.PageSize, cancellationToken);
        return TypedResults.Ok(PagedList<AuditEntryResponse>.Create(items.Select(AuditEntryResponse.From).ToList(), paging, total));
    }
}
