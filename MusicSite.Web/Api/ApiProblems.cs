using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MusicSite.Common;

namespace MusicSite.Web.Api;

/// <summary>
/// RFC 9457 problem responses with MusicSite's extra <c>code</c> (and <c>errors</c> for fields). The one place
/// that decides which HTTP status and title an <see cref="ErrorCodes">error code</see> answers with.
/// </summary>
public static class ApiProblems
{
    private sealed record Entry(int Status, string Title);

    /// <summary>Each error code's status and default title. A code not listed here is a 400.</summary>
    private static readonly Dictionary<string, Entry> Map = new(StringComparer.Ordinal)
    {
        [ErrorCodes.ValidationFailed] = new(StatusCodes.Status400BadRequest, "One or more fields are invalid."),
        [ErrorCodes.InvalidMetadata] = new(StatusCodes.Status400BadRequest, "Some details are invalid."),
        [ErrorCodes.InvalidAudioFormat] = new(StatusCodes.Status415UnsupportedMediaType, "The file is not usable audio."),
        [ErrorCodes.InvalidImage] = new(StatusCodes.Status415UnsupportedMediaType, "The image cannot be used."),
        [ErrorCodes.UnsupportedMediaType] = new(StatusCodes.Status415UnsupportedMediaType, "The request's content type is not supported."),
        [ErrorCodes.FileTooLarge] = new(StatusCodes.Status413PayloadTooLarge, "The upload is too large."),
        [ErrorCodes.DurationExceeded] = new(StatusCodes.Status422UnprocessableEntity, "The track is too long."),

        [ErrorCodes.NotFound] = new(StatusCodes.Status404NotFound, "Not found."),
        [ErrorCodes.TrackNotFound] = new(StatusCodes.Status404NotFound, "No track has this id."),
        [ErrorCodes.AlbumNotFound] = new(StatusCodes.Status404NotFound, "No album has this id."),
        [ErrorCodes.ArtworkNotFound] = new(StatusCodes.Status404NotFound, "There is no artwork."),
        [ErrorCodes.GenreNotFound] = new(StatusCodes.Status404NotFound, "No genre has this id."),
        [ErrorCodes.AvatarNotFound] = new(StatusCodes.Status404NotFound, "This user has no avatar."),
        [ErrorCodes.ArtistNotFound] = new(StatusCodes.Status404NotFound, "No artist has this id."),
        [ErrorCodes.UploadNotFound] = new(StatusCodes.Status404NotFound, "No upload of yours has this id."),
        [ErrorCodes.TrackDeleted] = new(StatusCodes.Status410Gone, "This track was deleted."),
        [ErrorCodes.ShareLinkNotFound] = new(StatusCodes.Status404NotFound, "This track has no share link with this id."),
        [ErrorCodes.StemNotFound] = new(StatusCodes.Status404NotFound, "No stem has this id."),
        [ErrorCodes.InstrumentTypeNotFound] = new(StatusCodes.Status404NotFound, "No instrument type has this id."),
        [ErrorCodes.LinkNotFound] = new(StatusCodes.Status404NotFound, "No link or request has this id."),
        [ErrorCodes.NotificationNotFound] = new(StatusCodes.Status404NotFound, "No notification of yours has this id."),

        [ErrorCodes.BackupNotFound] = new(StatusCodes.Status404NotFound, "No backup has this name."),
        [ErrorCodes.BackupRunning] = new(StatusCodes.Status409Conflict, "A backup is being made right now; try again when it is done."),
        [ErrorCodes.BackupFailed] = new(StatusCodes.Status500InternalServerError, "The backup could not be made."),

        [ErrorCodes.Unauthorized] = new(StatusCodes.Status401Unauthorized, "Sign in first."),
        [ErrorCodes.InvalidCredentials] = new(StatusCodes.Status401Unauthorized, "Email or password is incorrect."),
        [ErrorCodes.InvalidRefreshToken] = new(StatusCodes.Status401Unauthorized, "The refresh token is invalid or has expired. Sign in again."),
        [ErrorCodes.UnauthorizedAccess] = new(StatusCodes.Status403Forbidden, "You may not do this."),
        [ErrorCodes.DownloadNotAllowed] = new(StatusCodes.Status403Forbidden, "The artist has not allowed downloads of this track."),
        [ErrorCodes.CrossSiteRequest] = new(StatusCodes.Status403Forbidden, "This request did not come from MusicSite's own pages."),
        [ErrorCodes.EmailTaken] = new(StatusCodes.Status409Conflict, "An account with this email already exists."),
        [ErrorCodes.InvalidToken] = new(StatusCodes.Status400BadRequest, "The link is invalid or has expired."),

        [ErrorCodes.TrackProcessing] = new(StatusCodes.Status422UnprocessableEntity, "The track is still being processed."),
        [ErrorCodes.TrackProcessingFailed] = new(StatusCodes.Status422UnprocessableEntity, "Processing this track failed."),
        [ErrorCodes.FormatUnavailable] = new(StatusCodes.Status422UnprocessableEntity, "This format is not available for this track."),
        [ErrorCodes.Conflict] = new(StatusCodes.Status409Conflict, "The request conflicts with the current state."),
        [ErrorCodes.EditConflict] = new(StatusCodes.Status409Conflict, "The account was changed by another request at the same moment. Try again."),
        [ErrorCodes.UploadOffsetMismatch] = new(StatusCodes.Status409Conflict, "The chunk does not start where the upload stands."),
        [ErrorCodes.UploadLocked] = new(StatusCodes.Status423Locked, "Another request is writing to this upload."),
        [ErrorCodes.TusVersion] = new(StatusCodes.Status412PreconditionFailed, "Send Tus-Resumable: 1.0.0."),
        [ErrorCodes.StemProcessing] = new(StatusCodes.Status422UnprocessableEntity, "The stem is still being processed."),

        [ErrorCodes.SelfLink] = new(StatusCodes.Status409Conflict, "A track cannot be built on itself."),
        [ErrorCodes.DuplicateLink] = new(StatusCodes.Status409Conflict, "This link is already registered."),
        [ErrorCodes.LineageCycle] = new(StatusCodes.Status409Conflict, "This link would make a work its own ancestor."),
        [ErrorCodes.LicenseConflict] = new(StatusCodes.Status422UnprocessableEntity, "The licenses do not allow this link."),

        [ErrorCodes.GenreCycle] = new(StatusCodes.Status409Conflict, "A genre cannot be placed under itself or one of its subgenres."),
        [ErrorCodes.GenreExists] = new(StatusCodes.Status409Conflict, "Another genre already has this name or address."),
        [ErrorCodes.GenreNotEmpty] = new(StatusCodes.Status409Conflict, "The genre still has subgenres, tracks or albums; name a genre to move them to."),

        [ErrorCodes.RatingNotFound] = new(StatusCodes.Status404NotFound, "You have not rated this track."),
        [ErrorCodes.RatingExists] = new(StatusCodes.Status409Conflict, "You have already rated this track; change your rating instead."),
        [ErrorCodes.OwnTrack] = new(StatusCodes.Status403Forbidden, "Artists cannot rate their own tracks."),
        [ErrorCodes.CommentNotFound] = new(StatusCodes.Status404NotFound, "No comment has this id."),
        [ErrorCodes.EventNotFound] = new(StatusCodes.Status404NotFound, "No event has this id."),
        [ErrorCodes.ReportNotFound] = new(StatusCodes.Status404NotFound, "No report has this id."),
        [ErrorCodes.OwnContent] = new(StatusCodes.Status403Forbidden, "You cannot report your own work."),
        [ErrorCodes.ReportResolved] = new(StatusCodes.Status409Conflict, "This report is resolved already."),
        [ErrorCodes.MessageNotFound] = new(StatusCodes.Status404NotFound, "No contact message has this id."),
        [ErrorCodes.PostNotFound] = new(StatusCodes.Status404NotFound, "No blog post has this id."),
        [ErrorCodes.CategoryNotFound] = new(StatusCodes.Status404NotFound, "No blog category has this id."),
        [ErrorCodes.SlugTaken] = new(StatusCodes.Status409Conflict, "Another post already has this address."),
        [ErrorCodes.JobNotFound] = new(StatusCodes.Status404NotFound, "No job, run, track or stem matches this."),
        [ErrorCodes.JobNotRetryable] = new(StatusCodes.Status409Conflict, "This job cannot be run again now."),
        [ErrorCodes.JobNotCancellable] = new(StatusCodes.Status409Conflict, "Nothing of this job is pending or running to cancel."),

        [ErrorCodes.UserNotFound] = new(StatusCodes.Status404NotFound, "No user has this id."),
        [ErrorCodes.LastAdmin] = new(StatusCodes.Status409Conflict, "This is the last admin: the site needs at least one admin who can sign in."),
        [ErrorCodes.OwnAccount] = new(StatusCodes.Status409Conflict, "Admins cannot lock or delete their own account."),
        [ErrorCodes.AccountLocked] = new(StatusCodes.Status403Forbidden, "This account is locked."),

        [ErrorCodes.MethodNotAllowed] = new(StatusCodes.Status405MethodNotAllowed, "Method not allowed."),
        [ErrorCodes.RateLimited] = new(StatusCodes.Status429TooManyRequests, "Too many requests."),
        [ErrorCodes.InternalError] = new(StatusCodes.Status500InternalServerError, "Something went wrong on our side."),
    };

    public static bool IsApiRequest(HttpRequest request) => request.Path.StartsWithSegments("/api");

    /// <summary>The HTTP status an error code answers with.</summary>
    public static int StatusFor(string code) => Map.TryGetValue(code, out var entry) ? entry.Status : StatusCodes.Status400BadRequest;

    /// <summary>The code a problem gets when the framework (or a handler) made it with a status alone.</summary>
    public static string DefaultCode(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ErrorCodes.ValidationFailed,
        StatusCodes.Status401Unauthorized => ErrorCodes.Unauthorized,
        StatusCodes.Status403Forbidden => ErrorCodes.UnauthorizedAccess,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => ErrorCodes.MethodNotAllowed,
        StatusCodes.Status409Conflict => ErrorCodes.Conflict,
        StatusCodes.Status413PayloadTooLarge => ErrorCodes.FileTooLarge,
        StatusCodes.Status415UnsupportedMediaType => ErrorCodes.UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => ErrorCodes.RateLimited,
        >= 500 => ErrorCodes.InternalError,
        _ => ErrorCodes.Error,
    };

    /// <summary>The problem for an error code: its status from the map, its default title unless a clearer one is given.</summary>
    public static ProblemHttpResult Problem(string code, string? title = null, string? detail = null) =>
        Make(StatusFor(code), code, title, detail, null);

    /// <summary>The problem for a failed use case: its code's status, with the field errors it carries
    /// (none for a missing or forbidden entity: that is no field of the request).</summary>
    public static ProblemHttpResult FromResult(string code, FieldErrors errors, string? title = null)
    {
        var status = StatusFor(code);
        var fields = status is StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound ? null : errors;
        return Make(status, code, title, null, fields);
    }

    /// <summary>Field errors in the request itself: always a 400, with <see cref="ErrorCodes.ValidationFailed"/>
    /// or the code of the rule the missing or unreadable field is about (a missing audio file is a 400
    /// <see cref="ErrorCodes.InvalidAudioFormat"/>, not the 415 of audio that was sent but is unusable).</summary>
    public static ProblemHttpResult Validation(FieldErrors errors, string code = ErrorCodes.ValidationFailed, string? title = null) =>
        Make(StatusCodes.Status400BadRequest, code, title, null, errors);

    public static ProblemHttpResult NotFound(string code = ErrorCodes.NotFound, string? title = null) => Problem(code, title);

    private static ProblemHttpResult Make(int status, string code, string? title, string? detail, FieldErrors? errors)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (errors is not null)
        {
            extensions["errors"] = errors.ToDictionary();
        }
        title ??= Map.TryGetValue(code, out var entry) && entry.Status == status ? entry.Title : Map[ErrorCodes.ValidationFailed].Title;
        return TypedResults.Problem(detail, statusCode: status, title: title, extensions: extensions);
    }

    /// <summary>Fills in <c>code</c> and <c>traceId</c> on every problem the framework or a handler writes.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Extensions.TryAdd("code", DefaultCode(status));
        problem.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
        problem.Instance ??= context.HttpContext.Request.Path;
    }
}
