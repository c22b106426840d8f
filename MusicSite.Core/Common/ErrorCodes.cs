namespace MusicSite.Common;

/// <summary>
/// Every error code the site answers with: the <c>code</c> of an API problem and of a <see cref="ServiceResult{T}"/>.
/// Its HTTP status is decided in one place only, <c>MusicSite.Web.Api.ApiProblems</c>.
/// </summary>
public static class ErrorCodes
{
    // Input
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string InvalidMetadata = "INVALID_METADATA";
    public const string InvalidAudioFormat = "INVALID_AUDIO_FORMAT";
    public const string InvalidImage = "INVALID_IMAGE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string FileTooLarge = "FILE_TOO_LARGE";
    public const string DurationExceeded = "DURATION_EXCEEDED";

    // Missing things
    public const string NotFound = "NOT_FOUND";
    public const string TrackNotFound = "TRACK_NOT_FOUND";
    public const string AlbumNotFound = "ALBUM_NOT_FOUND";
    public const string ArtworkNotFound = "ARTWORK_NOT_FOUND";
    public const string GenreNotFound = "GENRE_NOT_FOUND";
    public const string AvatarNotFound = "AVATAR_NOT_FOUND";
    public const string ArtistNotFound = "ARTIST_NOT_FOUND";
    public const string UploadNotFound = "UPLOAD_NOT_FOUND";
    public const string TrackDeleted = "TRACK_DELETED";
    public const string ShareLinkNotFound = "SHARE_LINK_NOT_FOUND";
    public const string StemNotFound = "STEM_NOT_FOUND";
    public const string InstrumentTypeNotFound = "INSTRUMENT_TYPE_NOT_FOUND";
    /// <summary>A lineage link or stem use (or a request for one) that the caller may not see or answer.</summary>
    public const string LinkNotFound = "LINK_NOT_FOUND";
    public const string NotificationNotFound = "NOTIFICATION_NOT_FOUND";

    // Who may do what
    public const string Unauthorized = "UNAUTHORIZED";
    public const string UnauthorizedAccess = "UNAUTHORIZED_ACCESS";
    public const string DownloadNotAllowed = "DOWNLOAD_NOT_ALLOWED";
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string InvalidRefreshToken = "INVALID_REFRESH_TOKEN";
    public const string EmailTaken = "EMAIL_TAKEN";
    public const string CrossSiteRequest = "CROSS_SITE_REQUEST";
    /// <summary>A reset or confirmation code that is wrong, used or expired.</summary>
    public const string InvalidToken = "INVALID_TOKEN";

    // State
    public const string TrackProcessing = "TRACK_PROCESSING";
    public const string TrackProcessingFailed = "TRACK_PROCESSING_FAILED";
    public const string FormatUnavailable = "FORMAT_UNAVAILABLE";
    public const string Conflict = "CONFLICT";
    /// <summary>A save of an account that kept losing to other saves of the same account.</summary>
    public const string EditConflict = "EDIT_CONFLICT";
    public const string UploadOffsetMismatch = "UPLOAD_OFFSET_MISMATCH";
    public const string UploadLocked = "UPLOAD_LOCKED";
    public const string TusVersion = "TUS_VERSION";
    public const string StemProcessing = "STEM_PROCESSING";

    // Lineage
    /// <summary>A track declared as built on itself.</summary>
    public const string SelfLink = "SELF_LINK";
    /// <summary>The same link (or stem use) is already registered or waiting for approval.</summary>
    public const string DuplicateLink = "DUPLICATE_LINK";
    /// <summary>The link would make a work its own ancestor.</summary>
    public const string LineageCycle = "LINEAGE_CYCLE";
    /// <summary>The derivative's license breaks the original's terms (no derivatives, share-alike, non-commercial).</summary>
    public const string LicenseConflict = "LICENSE_CONFLICT";

    // Genres
    /// <summary>A move or merge that would put a genre under itself or one of its descendants.</summary>
    public const string GenreCycle = "GENRE_CYCLE";
    /// <summary>Another genre already has this name or slug (or had the slug before a rename).</summary>
    public const string GenreExists = "GENRE_EXISTS";
    /// <summary>A delete of a genre that still has subgenres, tracks or albums, without <c>reassignTo</c>.</summary>
    public const string GenreNotEmpty = "GENRE_NOT_EMPTY";

    // Community and content
    public const string RatingNotFound = "RATING_NOT_FOUND";
    /// <summary>A second rating of the same track by the same user: update it instead.</summary>
    public const string RatingExists = "RATING_EXISTS";
    /// <summary>An artist rating (or reviewing) their own track.</summary>
    public const string OwnTrack = "OWN_TRACK";
    public const string CommentNotFound = "COMMENT_NOT_FOUND";
    public const string EventNotFound = "EVENT_NOT_FOUND";
    public const string PostNotFound = "POST_NOT_FOUND";
    public const string CategoryNotFound = "CATEGORY_NOT_FOUND";
    /// <summary>Another blog post already has this address.</summary>
    public const string SlugTaken = "SLUG_TAKEN";

    // Moderation and the contact inbox
    public const string ReportNotFound = "REPORT_NOT_FOUND";
    /// <summary>A listener reporting their own track or comment.</summary>
    public const string OwnContent = "OWN_CONTENT";
    /// <summary>A report resolved already (by another admin, or by an action on its target).</summary>
    public const string ReportResolved = "REPORT_RESOLVED";
    public const string MessageNotFound = "MESSAGE_NOT_FOUND";

    // Backups
    public const string BackupNotFound = "BACKUP_NOT_FOUND";
    /// <summary>Another backup is being made; only one runs at a time.</summary>
    public const string BackupRunning = "BACKUP_RUNNING";
    /// <summary>The backup could not be made (disk, database); the reason is on the backups page.</summary>
    public const string BackupFailed = "BACKUP_FAILED";

    // Jobs (/admin/jobs)
    /// <summary>No job run, job, track or stem matches what the retry or cancel named.</summary>
    public const string JobNotFound = "JOB_NOT_FOUND";
    /// <summary>A retry of a job that is running now, or that the scheduler no longer has.</summary>
    public const string JobNotRetryable = "JOB_NOT_RETRYABLE";
    /// <summary>A cancel of a job with nothing pending or running (a recurring schedule is kept, not cancelled).</summary>
    public const string JobNotCancellable = "JOB_NOT_CANCELLABLE";

    // User administration and sign-in
    public const string UserNotFound = "USER_NOT_FOUND";
    /// <summary>The change would leave the site without an admin who can sign in.</summary>
    public const string LastAdmin = "LAST_ADMIN";
    /// <summary>An admin locking or deleting their own account.</summary>
    public const string OwnAccount = "OWN_ACCOUNT";
    /// <summary>The right password for an account an admin has locked.</summary>
    public const string AccountLocked = "ACCOUNT_LOCKED";

    // Protocol and server
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string RateLimited = "RATE_LIMITED";
    public const string InternalError = "INTERNAL_ERROR";
    public const string Error = "ERROR";
}
