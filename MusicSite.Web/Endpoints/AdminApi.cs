using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>
/// The door to every admin API: a group under <c>/api/admin</c> that carries the Admin policy (anonymous 401, other
/// accounts 403). Each admin area maps its own routes on a group from here, so none can forget the policy;
/// <c>AdminPolicyTests</c> checks every endpoint of the site that carries it.
/// </summary>
public static class AdminApi
{
    public const string Prefix = "/api/admin";

    /// <summary>A group at <c>/api/admin{path}</c>, for admins only, tagged <paramref name="tag"/> in the OpenAPI document.
    /// Writes are guarded by <see cref="SameOriginGuard"/> like the other JSON APIs, so the form antiforgery is off.</summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app, string path, string tag) =>
        app.MapGroup(Prefix + path).WithTags(tag)
            .RequireAuthorization(Policies.Admin).DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
}
