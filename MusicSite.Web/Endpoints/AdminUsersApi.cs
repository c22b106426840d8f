using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Admin;
using MusicSite.Common;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>Parameters of GET /api/admin/users: text in the email or display name, a role, locked or not, paging.</summary>
public sealed record AdminUserListQuery(string? Search, string? Role, string? Locked, int? Page, int? Limit);

/// <summary>An account in the admin API; <c>lockedUntil</c> is null when not locked, <c>lockedIndefinitely</c> when it
/// lasts until an admin unlocks it.</summary>
public sealed record AdminUserResponse(int Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool EmailConfirmed,
    DateTime CreatedAt, bool Locked, DateTime? LockedUntil, bool LockedIndefinitely)
{
    public static AdminUserResponse From(UserSummary user) =>
        new(user.Id, user.Email, user.DisplayName, user.Roles, user.EmailConfirmed, user.CreatedAt, user.IsLocked,
            user.IsLocked && !user.IsLockedIndefinitely ? user.LockedUntil!.Value.UtcDateTime : null, user.IsLockedIndefinitely);
}

public sealed record AdminUserDetailResponse(AdminUserResponse User, UserHoldings Holdings);

/// <summary>/api/admin/users (admins only): search, read, set roles, lock, unlock and delete accounts. The rules are
/// <see cref="UserAdministration"/>'s and <see cref="UserDeletion"/>'s; this class reads the requests and maps the outcomes.</summary>
public static class AdminUsersApi
{
    public static RouteGroupBuilder MapAdminUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/users", "Admin");
        group.MapGet("/", ListAsync).RequireRateLimiting(RateLimits.Reads);
        group.MapGet("/{id:int}", GetAsync).RequireRateLimiting(RateLimits.Reads);
        group.MapPut("/{id:int}/roles", SetRolesAsync).RequireRateLimiting(RateLimits.Edits);
        group.MapPost("/{id:int}/lock", LockAsync).RequireRateLimiting(RateLimits.Edits);
        group.MapPost("/{id:int}/unlock", UnlockAsync).RequireRateLimiting(RateLimits.Edits);
        group.MapDelete("/{id:int}", DeleteAsync).RequireRateLimiting(RateLimits.Edits);
        return group;
    }

    public static async Task<Results<Ok<PagedList<AdminUserResponse>>, ProblemHttpResult>> ListAsync([AsParameters] AdminUserListQuery query,
        UserAdministration admin, CancellationToken cancellationToken)
    {
        var paging = new PageQuery(query.Page, query.Limit);
        var errors = paging.Validate();
        var search = AdminFilters.Users(query.Search, query.Role, query.Locked, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var (items, total) = await admin.SearchAsync(search, paging.PageNumber, paging.PageSize, cancellationToken);
        return TypedResults.Ok(PagedList<AdminUserResponse>.Create(items.Select(AdminUserResponse.From).ToList(), paging, total));
    }

    public static async Task<Results<Ok<AdminUserDetailResponse>, ProblemHttpResult>> GetAsync(int id, UserAdministration admin,
        CancellationToken cancellationToken) =>
        await admin.FindAsync(id, cancellationToken) is { } detail
            ? TypedResults.Ok(new AdminUserDetailResponse(AdminUserResponse.From(detail.User), detail.Holdings))
            : ApiProblems.NotFound(ErrorCodes.UserNotFound, "No user has this id.");

    /// <summary><c>{ "roles": ["Artist", "Admin"] }</c>: the account's roles become exactly these.</summary>
    public static async Task<Results<Ok<AdminUserResponse>, ProblemHttpResult>> SetRolesAsync(int id, JsonElement body,
        HttpContext context, UserAdministration admin, CancellationToken cancellationToken)
    {
        if (!JsonBody.IsObject(body))
        {
            return JsonBody.NotAnObject();
        }
        if (!body.TryGetProperty("roles", out var list) || list.ValueKind != JsonValueKind.Array
            || list.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
        {
            return ApiProblems.Validation(new FieldErrors().Add("roles", "Give roles as a list of names, like [\"Listener\"]."));
        }
        var roles = list.EnumerateArray().Select(r => r.GetString()!).ToList();
        return Answer(await admin.SetRolesAsync(id, roles, context.ForAudit(), cancellationToken));
    }

    /// <summary><c>{ "until": "2026-12-31T00:00:00Z" }</c> locks until then (UTC); an empty body or no <c>until</c>
    /// locks until an admin unlocks.</summary>
    public static async Task<Results<Ok<AdminUserResponse>, ProblemHttpResult>> LockAsync(int id, HttpContext context,
        UserAdministration admin, CancellationToken cancellationToken)
    {
        DateTimeOffset? until = null;
        if (context.Request.ContentLength is not 0 && context.Request.HasJsonContentType())
        {
            var (body, problem) = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }
            if (body.TryGetProperty("until", out var value) && value.ValueKind != JsonValueKind.Null)
            {
                if (value.ValueKind != JsonValueKind.String || !value.TryGetDateTimeOffset(out var end))
                {
                    return ApiProblems.Validation(new FieldErrors().Add("until", "until is a UTC time such as 2026-12-31T00:00:00Z, or null."));
                }
                until = end;
            }
        }
        return Answer(await admin.LockAsync(id, until, context.ForAudit(), cancellationToken));
    }

    public static async Task<Results<Ok<AdminUserResponse>, ProblemHttpResult>> UnlockAsync(int id, HttpContext context,
        UserAdministration admin, CancellationToken cancellationToken) =>
        Answer(await admin.UnlockAsync(id, context.ForAudit(), cancellationToken));

    /// <summary><c>?content=keep</c> keeps their work credited "Former member"; <c>?content=remove</c> deletes it. Required.</summary>
    public static async Task<Results<Ok<UserDeletionReport>, ProblemHttpResult>> DeleteAsync(int id, string? content, HttpContext context,
        UserDeletion deletion, CancellationToken cancellationToken)
    {
        if (UserDeletion.Parse(content) is not { } choice)
        {
            return ApiProblems.Validation(new FieldErrors().Add("content",
                "Choose what happens to the user's content: content=keep (credited \"Former member\") or content=remove."));
        }
        var result = await deletion.DeleteAsync(id, choice, context.ForAudit(), cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : ApiProblems.FromResult(result.Code!, result.Errors, Title(result.Errors));
    }

    private static Results<Ok<AdminUserResponse>, ProblemHttpResult> Answer(ServiceResult<UserSummary> result) =>
        result.Succeeded ? TypedResults.Ok(AdminUserResponse.From(result.Value!)) : ApiProblems.FromResult(result.Code!, result.Errors, Title(result.Errors));

    /// <summary>The refusal's own sentence (last admin, own account) as the problem's title.</summary>
    private static string? Title(FieldErrors errors) => errors.For("user").FirstOrDefault();
}
