using System.Globalization;
using System.Security.Claims;
using System.Text;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Uploads;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>
/// Resumable uploads: the tus 1.0 core protocol with the creation and termination extensions, at
/// /api/uploads. The upload's id is the last segment of its URL; a finished upload becomes a track with
/// POST /api/music/tracks and <c>{ "uploadId": … }</c>.
/// </summary>
public static class TusApi
{
    public const string Version = "1.0.0";

    public static IEndpointRouteBuilder MapTusApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/uploads").WithTags("Uploads").AddEndpointFilter(RequireTusVersion);
        group.MapMethods("/", [HttpMethods.Options], Options).AllowAnonymous();
        // Creating an upload counts as one upload; its chunks (PATCH) and offset checks (HEAD) are part of it.
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.MayUpload).RequireRateLimiting(RateLimits.Uploads);
        group.MapMethods("/{id}", [HttpMethods.Head], HeadAsync).RequireAuthorization();
        group.MapMethods("/{id}", [HttpMethods.Patch], PatchAsync).RequireAuthorization();
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        return app;
    }

    /// <summary>Every answer names the protocol version; every request but OPTIONS must speak it.</summary>
    private static async ValueTask<object?> RequireTusVersion(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers["Tus-Resumable"] = Version;
        if (!HttpMethods.IsOptions(http.Request.Method) && http.Request.Headers["Tus-Resumable"] != Version)
        {
            http.Response.Headers["Tus-Version"] = Version;
            return ApiProblems.Problem(ErrorCodes.TusVersion, "Send Tus-Resumable: 1.0.0.");
        }
        return await next(context);
    }

    private static IResult Options(HttpResponse response, ResumableUploads uploads)
    {
        response.Headers["Tus-Version"] = Version;
        response.Headers["Tus-Extension"] = "creation,termination";
        response.Headers["Tus-Max-Size"] = uploads.MaxLength.ToString(CultureInfo.InvariantCulture);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, HttpResponse response, ClaimsPrincipal user,
        ResumableUploads uploads, CancellationToken cancellationToken)
    {
        if (!long.TryParse(request.Headers["Upload-Length"], NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length <= 0)
        {
            return ApiProblems.Problem(ErrorCodes.ValidationFailed, "Send the file's size in Upload-Length.");
        }
        if (length > uploads.MaxLength)
        {
            return ApiProblems.Problem(ErrorCodes.FileTooLarge, "The upload is too large.",
                $"Files can be at most {uploads.MaxLength / 1_000_000} MB.");
        }
        var session = await uploads.CreateAsync(user.UserId()!.Value, length, FileName(request.Headers["Upload-Metadata"]), cancellationToken);
        response.Headers.Location = $"{request.PathBase}/api/uploads/{session.Id}";
        return TypedResults.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> HeadAsync(string id, HttpResponse response, ClaimsPrincipal user, ResumableUploads uploads,
        CancellationToken cancellationToken)
    {
        response.Headers.CacheControl = "no-store";
        if (await uploads.FindAsync(id, user.UserId()!.Value, cancellationToken) is not { } session)
        {
            return TypedResults.NotFound();
        }
        response.Headers["Upload-Offset"] = session.Offset.ToString(CultureInfo.InvariantCulture);
        response.Headers["Upload-Length"] = session.Length.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Ok();
    }

    private static async Task<IResult> PatchAsync(string id, HttpRequest request, HttpResponse response, ClaimsPrincipal user,
        ResumableUploads uploads, CancellationToken cancellationToken)
    {
        if (request.ContentType != "application/offset+octet-stream")
        {
            return ApiProblems.Problem(ErrorCodes.UnsupportedMediaType,
                "Send chunks as application/offset+octet-stream.");
        }
        if (!long.TryParse(request.Headers["Upload-Offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return ApiProblems.Problem(ErrorCodes.ValidationFailed, "Send the chunk's position in Upload-Offset.");
        }
        if (await uploads.FindAsync(id, user.UserId()!.Value, cancellationToken) is not { } session)
        {
            return ApiProblems.NotFound(ErrorCodes.UploadNotFound, "No upload of yours has this id.");
        }
        var status = await uploads.AppendAsync(session, offset, request.Body, cancellationToken);
        response.Headers["Upload-Offset"] = session.Offset.ToString(CultureInfo.InvariantCulture);
        return status switch
        {
            AppendStatus.OffsetMismatch => ApiProblems.Problem(ErrorCodes.UploadOffsetMismatch,
                "The chunk does not start where the upload stands.", $"The upload is at byte {session.Offset}."),
            AppendStatus.TooLong => ApiProblems.Problem(ErrorCodes.FileTooLarge,
                "More bytes were sent than Upload-Length announced."),
            AppendStatus.Gone => ApiProblems.NotFound(ErrorCodes.UploadNotFound, "No upload of yours has this id."),
            AppendStatus.Locked => ApiProblems.Problem(ErrorCodes.UploadLocked,
                "Another request is writing to this upload.", "Send the next chunk when the current one has finished."),
            _ => TypedResults.NoContent(),
        };
    }

    private static async Task<IResult> DeleteAsync(string id, ClaimsPrincipal user, ResumableUploads uploads, CancellationToken cancellationToken)
    {
        if (await uploads.FindAsync(id, user.UserId()!.Value, cancellationToken) is not { } session)
        {
            return ApiProblems.NotFound(ErrorCodes.UploadNotFound, "No upload of yours has this id.");
        }
        return await uploads.TerminateAsync(session, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.Problem(ErrorCodes.UploadLocked, "A chunk is being written to this upload.", "Try again when it has finished.");
    }

    /// <summary>Upload-Metadata is "key base64,key base64"; the file name is display text only.</summary>
    private static string? FileName(string? metadata)
    {
        foreach (var pair in (metadata ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split(' ', 2);
            if (parts[0] is "filename" or "name" && parts.Length == 2)
            {
                try
                {
                    return Path.GetFileName(Encoding.UTF8.GetString(Convert.FromBase64String(parts[1])));
                }
                catch (FormatException)
                {
                    return null;
                }
            }
        }
        return null;
    }
}
