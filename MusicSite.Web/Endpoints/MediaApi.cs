using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using MusicSite.Accounts;
using MusicSite.Media;
using MusicSite.Web.Api;

namespace MusicSite.Web.Endpoints;

/// <summary>Bytes: a track's stream and a user's avatar. Access is checked before the first byte; paths come
/// from the database, never from the request.</summary>
public static class MediaApi
{
    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/api/music/stream/{id:int}", [HttpMethods.Get, HttpMethods.Head], StreamAsync)
            .WithTags("Music").WithName("StreamTrack");
        app.MapGet("/api/users/{id:int}/avatar", AvatarAsync).WithTags("Users");
        return app;
    }

    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> StreamAsync(int id, ClaimsPrincipal user,
        StreamSource source, CancellationToken cancellationToken)
    {
        var file = await source.FindAsync(id, user.AsViewer(), cancellationToken);
        if (file is null)
        {
            return ApiProblems.NotFound("TRACK_NOT_FOUND", "No playable track has this id.");
        }
        var etag = new EntityTagHeaderValue(
            $"\"{file.Length.ToString("x", CultureInfo.InvariantCulture)}-{file.LastModified.ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture)}\"");
        return TypedResults.PhysicalFile(file.FullPath, file.ContentType, lastModified: file.LastModified,
            entityTag: etag, enableRangeProcessing: true);
    }

    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> AvatarAsync(int id, AccountService accounts,
        CancellationToken cancellationToken) =>
        await accounts.AvatarFileAsync(id, cancellationToken) is { } path
            ? TypedResults.PhysicalFile(path, "image/jpeg", lastModified: File.GetLastWriteTimeUtc(path))
            : ApiProblems.NotFound("AVATAR_NOT_FOUND", "This user has no avatar.");
}
