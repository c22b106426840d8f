using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>/api/users: public parts of a user, such as the avatar.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/users/{id:int}/avatar", AvatarAsync).WithTags("Users").RequireRateLimiting(RateLimits.Reads);
        return app;
    }

    /// <summary>The avatar, unless its owner keeps their profile private (then 404 to everyone but them and admins).</summary>
    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> AvatarAsync(int id, AccountService accounts,
        Preferences preferences, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await preferences.ShowsProfileToAsync(id, user.AsViewer(), cancellationToken)
        && await accounts.AvatarFileAsync(id, cancellationToken) is { } path
            ? TypedResults.PhysicalFile(path, "image/jpeg", lastModified: File.GetLastWriteTimeUtc(path))
            : ApiProblems.NotFound(ErrorCodes.AvatarNotFound, "This user has no avatar.");
}
