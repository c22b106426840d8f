using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Playback;
using MusicSite.Media;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

public sealed record PlayRequest(double? Seconds);
public sealed record PlayResponse(bool Counted, int Plays);

/// <summary>Listening to a track: stream, waveform, download and play counts (covers: <see cref="ArtworkApi"/>).</summary>
public static class PlaybackApi
{
    public static IEndpointRouteBuilder MapPlaybackApi(this IEndpointRouteBuilder app)
    {
        var tracks = app.MapGroup("/api/music/tracks").WithTags("Tracks").RequireRateLimiting(RateLimits.Reads);
        tracks.MapGet("/{id:int}/waveform", WaveformAsync).Produces<WaveformDocument>(StatusCodes.Status200OK, "application/json");
        tracks.MapPost("/{id:int}/plays", PlayAsync).DisableAntiforgery().RequireRateLimiting(RateLimits.Edits);
        // A download is a read: it may cost a tagging run (cached per track version), unlike a stream.
        app.MapMethods("/api/music/download/{id:int}", [HttpMethods.Get, HttpMethods.Head], DownloadAsync)
            .WithTags("Tracks").WithName("DownloadTrack").RequireRateLimiting(RateLimits.Reads);
        // Streams are exempt: a player seeks with many range requests, and a stream only serves stored files.
        app.MapMethods("/api/music/stream/{id:int}", [HttpMethods.Get, HttpMethods.Head], StreamAsync)
            .WithTags("Tracks").WithName("StreamTrack").DisableRateLimiting();
        return app;
    }

    /// <summary>?quality=low|medium|high|lossless (default high); the nearest existing variant is sent.</summary>
    /// <remarks>?token= is a share link made by the owner: it plays that one track even when it is private.</remarks>
    public static async Task<Results<MediaFileResult, ProblemHttpResult>> StreamAsync(int id, string? quality, string? token,
        HttpContext context, ClaimsPrincipal user, StreamSource source, ShareLinks shareLinks, TrackCatalog catalog,
        CancellationToken cancellationToken)
    {
        if (!TryParseQuality(quality, out var wanted))
        {
            return ApiProblems.Validation(new FieldErrors().Add("quality", "Use low, medium, high or lossless."));
        }
        var shared = await shareLinks.AllowsAsync(token, id, cancellationToken);
        // Private caching only: a track made private later must not linger in a shared cache.
        context.Response.Headers.CacheControl = "private, max-age=3600";
        return await SendAsync(await source.StreamAsync(id, user.AsViewer(), wanted, cancellationToken, shared), rangeProcessing: true,
            id, user, catalog, cancellationToken);
    }

    /// <remarks>?token= is a share link, as for the stream.</remarks>
    public static async Task<Results<MediaFileResult, ProblemHttpResult>> WaveformAsync(int id, string? token, ClaimsPrincipal user,
        StreamSource source, ShareLinks shareLinks, TrackCatalog catalog, CancellationToken cancellationToken) =>
        await SendAsync(await source.WaveformAsync(id, user.AsViewer(), cancellationToken, await shareLinks.AllowsAsync(token, id, cancellationToken)),
            rangeProcessing: false, id, user, catalog, cancellationToken);

    /// <summary>?format=original|mp3|flac (default original): the file with its tags and cover, named "Artist - Title".</summary>
    public static async Task<Results<MediaFileResult, ProblemHttpResult>> DownloadAsync(int id, string? format,
        HttpContext context, ClaimsPrincipal user, DownloadService downloads, PlayCounter counter, TrackCatalog catalog,
        CancellationToken cancellationToken)
    {
        if (!EnumNames.TryParse<DownloadFormat>(format ?? "original", out var wanted))
        {
            return ApiProblems.Validation(new FieldErrors().Add("format", "Use original, mp3 or flac."));
        }
        var lookup = await downloads.PrepareAsync(id, user.AsViewer(), wanted, cancellationToken);
        switch (lookup.Status)
        {
            case DownloadStatus.NotFound:
                return await MissingTrack.ProblemAsync(id, user, catalog, cancellationToken);
            case DownloadStatus.NotAllowed:
                return ApiProblems.Problem(ErrorCodes.DownloadNotAllowed, "The artist has not allowed downloads of this track.");
            case DownloadStatus.NotReady:
                return ApiProblems.Problem(ErrorCodes.TrackProcessing, "The track is still being processed.");
            case DownloadStatus.FormatUnavailable:
                return ApiProblems.Problem(ErrorCodes.FormatUnavailable,
                    "This track has no such version.", "FLAC exists only for tracks uploaded in a lossless format.");
        }
        var file = lookup.File!;
        // A download counts when it starts (not for HEAD, not for the later ranges of a resumed transfer), and like a
        // play only once per listener and half hour.
        if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Headers.Range.Any())
        {
            await counter.RecordDownloadAsync(id, user.AsViewer(), context.Connection.RemoteIpAddress, cancellationToken);
        }
        return new MediaFileResult(file.FullPath, file.ContentType, file.LastModified, file.Length, rangeProcessing: true, file.FileName);
    }

    /// <summary>The player reports a play after <see cref="PlayCounter.ThresholdSeconds"/> of listening (30 s, or half
    /// the track when shorter): <c>{ "seconds": 30 }</c>. Counted once per listener, track and half hour.</summary>
    public static async Task<Results<Ok<PlayResponse>, ProblemHttpResult>> PlayAsync(int id, PlayRequest? request,
        HttpContext context, ClaimsPrincipal user, PlayCounter plays, TrackStatistics statistics, CancellationToken cancellationToken)
    {
        if (request?.Seconds is not { } seconds || !double.IsFinite(seconds) || seconds < 0)
        {
            return ApiProblems.Validation(new FieldErrors().Add("seconds", "Send how many seconds were listened to."));
        }
        var record = await plays.RecordAsync(id, seconds, user.AsViewer(), context.Connection.RemoteIpAddress, cancellationToken);
        switch (record.Outcome)
        {
            case PlayOutcome.NotFound:
                return ApiProblems.NotFound(ErrorCodes.TrackNotFound, "No playable track has this id.");
            case PlayOutcome.TooShort:
                return ApiProblems.Validation(new FieldErrors().Add("seconds", string.Create(CultureInfo.InvariantCulture,
                    $"A play of this track counts after {record.ThresholdSeconds:0.#} seconds of listening.")));
        }
        var stats = await statistics.ForAsync(id, cancellationToken);
        return TypedResults.Ok(new PlayResponse(record.Outcome == PlayOutcome.Counted, stats.Plays));
    }

    /// <summary>A file that finds no track asks whether the track was deleted (410) or never there for this caller (404).</summary>
    private static async Task<Results<MediaFileResult, ProblemHttpResult>> SendAsync(FileLookup lookup, bool rangeProcessing,
        int id, ClaimsPrincipal user, TrackCatalog catalog, CancellationToken cancellationToken) =>
        lookup.Status == LookupStatus.NotFound
            ? await MissingTrack.ProblemAsync(id, user, catalog, cancellationToken)
            : Send(lookup, rangeProcessing);

    private static Results<MediaFileResult, ProblemHttpResult> Send(FileLookup lookup, bool rangeProcessing) => lookup switch
    {
        { Status: LookupStatus.Found, File: { } file } => new MediaFileResult(file.FullPath, file.ContentType, file.LastModified,
            file.Length, rangeProcessing),
        { Status: LookupStatus.NotReady } => ApiProblems.Problem(ErrorCodes.TrackProcessing,
            "The track is still being processed.", "Try again when its state is ready."),
        { Status: LookupStatus.Failed } => ApiProblems.Problem(ErrorCodes.TrackProcessingFailed,
            "Processing this track failed.", "The uploader can see why on the track page."),
        _ => ApiProblems.NotFound(ErrorCodes.TrackNotFound, "No playable track has this id."),
    };

    private static bool TryParseQuality(string? text, out StreamQuality quality)
    {
        quality = StreamQuality.High;
        return string.IsNullOrEmpty(text) || EnumNames.TryParse(text, out quality);
    }
}
