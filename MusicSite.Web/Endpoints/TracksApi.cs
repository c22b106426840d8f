using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Hosting;
using MusicSite.Jobs;
using MusicSite.Media;
using MusicSite.Uploads;
using MusicSite.Web.Api;

namespace MusicSite.Web.Endpoints;

public sealed record PlayRequest(double? Seconds);
public sealed record PlayResponse(bool Counted, int Plays);

/// <summary>A page of the catalog: the list envelope plus facet counts over everything that matched.</summary>
public sealed record TrackListResponse(IReadOnlyList<TrackSummary> Data, PageMeta Meta, TrackFacets Facets);

/// <summary>/api/music/tracks and /api/music/stream: upload, read, stream, waveform, artwork, re-run processing.</summary>
public static class TracksApi
{
    public static IEndpointRouteBuilder MapTracksApi(this IEndpointRouteBuilder app)
    {
        var tracks = app.MapGroup("/api/music/tracks").WithTags("Tracks");
        tracks.MapGet("/", ListAsync);
        tracks.MapPost("/", CreateAsync).RequireAuthorization().DisableAntiforgery();
        tracks.MapGet("/{id:int}", GetAsync);
        tracks.MapPut("/{id:int}", UpdateAsync).RequireAuthorization();
        tracks.MapDelete("/{id:int}", DeleteAsync).RequireAuthorization();
        tracks.MapGet("/{id:int}/waveform", WaveformAsync);
        tracks.MapGet("/{id:int}/artwork", ArtworkAsync);
        tracks.MapPost("/{id:int}/reprocess", ReprocessAsync).RequireAuthorization(p => p.RequireRole(Roles.Admin));
        tracks.MapPost("/{id:int}/plays", PlayAsync).DisableAntiforgery();
        app.MapMethods("/api/music/download/{id:int}", [HttpMethods.Get, HttpMethods.Head], DownloadAsync)
            .WithTags("Tracks").WithName("DownloadTrack");
        app.MapMethods("/api/music/stream/{id:int}", [HttpMethods.Get, HttpMethods.Head], StreamAsync)
            .WithTags("Tracks").WithName("StreamTrack");
        return app;
    }

    /// <summary>Multipart: the metadata fields, <c>audio</c> (required) and <c>artwork</c> (optional).
    /// Answers 201 with the track in state <c>pending</c>; processing follows in the background.</summary>
    public static async Task<Results<Created<TrackDetail>, ProblemHttpResult>> CreateAsync(HttpRequest request,
        ClaimsPrincipal user, UploadStaging staging, TrackUploadService uploads, ResumableUploads resumable, TrackCatalog catalog,
        IOptions<UploadOptions> limits, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.Artist) && !user.IsInRole(Roles.Admin))
        {
            return ApiProblems.Problem(ErrorCodes.UnauthorizedAccess, "Only artists can upload tracks.");
        }
        if (request.HasJsonContentType())
        {
            return await CreateFromResumableAsync(request, user, uploads, resumable, catalog, cancellationToken);
        }
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return ApiProblems.Problem(ErrorCodes.UnsupportedMediaType,
                "Send the track as multipart/form-data with the file in a field named 'audio', or as JSON with the uploadId of a resumable upload.");
        }

        UploadForm form;
        try
        {
            form = await UploadForm.ReadAsync(request, staging, limits.Value, cancellationToken);
        }
        catch (UploadTooLargeException ex)
        {
            return ApiProblems.Problem(ErrorCodes.FileTooLarge, "The upload is too large.",
                $"Files can be at most {ex.Limit / 1_000_000} MB.");
        }
        catch (InvalidDataException ex)
        {
            return ApiProblems.Problem(ErrorCodes.ValidationFailed, "The upload could not be read.", ex.Message);
        }

        using (form)
        {
            if (form.Audio is not { Length: > 0 })
            {
                return ApiProblems.Validation(new FieldErrors().Add("audio", "Attach the audio file in a field named 'audio'."),
                    ErrorCodes.InvalidAudioFormat, "No audio file was sent.");
            }
            var result = await uploads.CreateAsync(form.ToMetadata(), form.Audio, form.AudioFileName, form.Artwork,
                user.AsViewer(), user.DisplayName(), cancellationToken);
            if (!result.Succeeded)
            {
                return ApiProblems.FromResult(result.Code!, result.Errors);
            }
            var detail = await catalog.FindAsync(result.Value!.Id, user.AsViewer(), cancellationToken);
            return TypedResults.Created($"/api/music/tracks/{detail!.Id}", detail);
        }
    }

    /// <summary>JSON metadata plus the <c>uploadId</c> of a finished resumable upload.</summary>
    private static async Task<Results<Created<TrackDetail>, ProblemHttpResult>> CreateFromResumableAsync(HttpRequest request,
        ClaimsPrincipal user, TrackUploadService uploads, ResumableUploads resumable, TrackCatalog catalog, CancellationToken cancellationToken)
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return ApiProblems.Problem(ErrorCodes.ValidationFailed, "The JSON body could not be read.");
        }
        var input = MetadataInput(body);
        var uploadId = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("uploadId", out var idValue) ? idValue.GetString() : null;
        var (staged, session) = string.IsNullOrEmpty(uploadId)
            ? (null, null)
            : await resumable.CompletedAsync(uploadId, user.UserId()!.Value, cancellationToken);
        if (staged is null)
        {
            return ApiProblems.Validation(new FieldErrors().Add("uploadId", session is null
                    ? "No finished upload of yours has this id."
                    : $"The upload is not finished: {session.Offset} of {session.Length} bytes arrived."),
                ErrorCodes.InvalidAudioFormat, "No finished upload was named.");
        }
        using (staged)
        {
            var result = await uploads.CreateAsync(input, staged, session!.FileName, null, user.AsViewer(), user.DisplayName(), cancellationToken);
            if (!result.Succeeded)
            {
                return ApiProblems.FromResult(result.Code!, result.Errors);
            }
            await resumable.ForgetAsync(session, cancellationToken);
            var detail = await catalog.FindAsync(result.Value!.Id, user.AsViewer(), cancellationToken);
            return TypedResults.Created($"/api/music/tracks/{detail!.Id}", detail);
        }
    }

    /// <summary>The catalog: search, artist, genre, tags, min_duration, max_duration, bpm_min, bpm_max, key, license,
    /// uploader_id; sort (created_at, updated_at, title, artist, duration, plays, likes, popularity, relevance) and
    /// order (asc, desc); page and limit. Facet counts come beside the list.</summary>
    public static async Task<Results<Ok<TrackListResponse>, ProblemHttpResult>> ListAsync(HttpRequest request, ClaimsPrincipal user,
        CatalogSearch search, CancellationToken cancellationToken)
    {
        var (query, errors) = TrackQuery.Parse(name => request.Query[name].FirstOrDefault());
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await search.SearchAsync(query, user.AsViewer(), cancellationToken);
        var page = PagedList<TrackSummary>.Create(result.Items, new PageQuery(query.Page, query.Limit), result.Total);
        return TypedResults.Ok(new TrackListResponse(page.Data, page.Meta, result.Facets));
    }

    public static async Task<Results<Ok<TrackDetail>, ProblemHttpResult>> GetAsync(int id, ClaimsPrincipal user,
        TrackCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.FindAsync(id, user.AsViewer(), cancellationToken) is { } track
            ? TypedResults.Ok(track)
            : ApiProblems.NotFound(ErrorCodes.TrackNotFound, "No track has this id.");

    /// <summary>Edits the given fields (owner or admin). A field left out stays; <c>null</c> clears it where a track
    /// may lack it. Every change goes into the track's change log.</summary>
    public static async Task<Results<Ok<TrackDetail>, ProblemHttpResult>> UpdateAsync(int id, JsonElement body, ClaimsPrincipal user,
        TrackEditor editor, TrackCatalog catalog, CancellationToken cancellationToken)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return ApiProblems.Validation(new FieldErrors().Add("", "Send a JSON object with the fields to change."));
        }
        var result = await editor.UpdateAsync(id, MetadataInput(body), user.AsViewer(), cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok((await catalog.FindAsync(id, user.AsViewer(), cancellationToken))!)
            : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    /// <summary>Soft delete (owner or admin): gone from every list at once; the files are removed by a job.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, ClaimsPrincipal user, TrackEditor editor,
        CancellationToken cancellationToken)
    {
        var result = await editor.DeleteAsync(id, user.AsViewer(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    /// <summary>Track fields from a JSON object: a field left out is null, a JSON null is an empty value.</summary>
    private static TrackMetadataInput MetadataInput(JsonElement body)
    {
        string? Text(string name) => !body.TryGetProperty(name, out var v) ? null : v.ValueKind switch
        {
            JsonValueKind.Null => "",
            JsonValueKind.String => v.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => v.GetRawText(),
        };
        IReadOnlyList<string>? List(string name) => !body.TryGetProperty(name, out var v) ? null : v.ValueKind switch
        {
            JsonValueKind.Array => v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList(),
            JsonValueKind.Null => [],
            _ => [Text(name) ?? ""],
        };
        return new TrackMetadataInput
        {
            Title = Text("title"), Artist = Text("artist"), Description = Text("description"), Tags = List("tags"), Genres = List("genres"),
            Bpm = Text("bpm"), Key = Text("key"), License = Text("license"), IsPublic = Text("isPublic"), IsDownloadable = Text("isDownloadable"),
            AlbumId = Text("albumId"), TrackNumber = Text("trackNumber"),
        };
    }

    /// <summary>?quality=low|medium|high|lossless (default high); the nearest existing variant is sent.</summary>
    /// <remarks>?token= is a share link made by the owner: it plays that one track even when it is private.</remarks>
    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> StreamAsync(int id, string? quality, string? token,
        HttpContext context, ClaimsPrincipal user, StreamSource source, ShareLinks shareLinks, CancellationToken cancellationToken)
    {
        if (!TryParseQuality(quality, out var wanted))
        {
            return ApiProblems.Validation(new FieldErrors().Add("quality", "Use low, medium, high or lossless."));
        }
        var shared = shareLinks.Allows(token, id);
        // Private caching only: a track made private later must not linger in a shared cache.
        context.Response.Headers.CacheControl = "private, max-age=3600";
        return Send(await source.StreamAsync(id, user.AsViewer(), wanted, cancellationToken, shared), rangeProcessing: true);
    }

    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> WaveformAsync(int id, ClaimsPrincipal user,
        StreamSource source, CancellationToken cancellationToken) =>
        Send(await source.WaveformAsync(id, user.AsViewer(), cancellationToken), rangeProcessing: false);

    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> ArtworkAsync(int id, ClaimsPrincipal user,
        StreamSource source, CancellationToken cancellationToken) =>
        Send(await source.ArtworkAsync(id, user.AsViewer(), cancellationToken), rangeProcessing: false);

    /// <summary>?format=original|mp3|flac (default original): the file with its tags and cover, named "Artist - Title".</summary>
    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> DownloadAsync(int id, string? format,
        HttpContext context, ClaimsPrincipal user, DownloadService downloads, PlayCounter counter, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<DownloadFormat>(format ?? "original", ignoreCase: true, out var wanted) || !Enum.IsDefined(wanted)
            || int.TryParse(format, out _))
        {
            return ApiProblems.Validation(new FieldErrors().Add("format", "Use original, mp3 or flac."));
        }
        var lookup = await downloads.PrepareAsync(id, user.AsViewer(), wanted, cancellationToken);
        switch (lookup.Status)
        {
            case DownloadStatus.NotFound:
                return ApiProblems.NotFound(ErrorCodes.TrackNotFound, "No track has this id.");
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
        return TypedResults.PhysicalFile(file.FullPath, file.ContentType, file.FileName, file.LastModified,
            ETagFor(new StoredFile(file.FullPath, file.ContentType, file.LastModified, file.Length)), enableRangeProcessing: true);
    }

    /// <summary>The player reports a play after <see cref="PlayCounter.MinimumSeconds"/> s of listening:
    /// <c>{ "seconds": 30 }</c>. Counted once per listener, track and half hour.</summary>
    public static async Task<Results<Ok<PlayResponse>, ProblemHttpResult>> PlayAsync(int id, PlayRequest? request,
        HttpContext context, ClaimsPrincipal user, PlayCounter plays, CancellationToken cancellationToken)
    {
        if (request?.Seconds is not >= PlayCounter.MinimumSeconds)
        {
            return ApiProblems.Validation(new FieldErrors().Add("seconds",
                $"A play counts after {PlayCounter.MinimumSeconds} seconds of listening."));
        }
        var counted = await plays.RecordAsync(id, user.AsViewer(), context.Connection.RemoteIpAddress, cancellationToken);
        if (counted is null)
        {
            return ApiProblems.NotFound(ErrorCodes.TrackNotFound, "No playable track has this id.");
        }
        var stats = await plays.StatsAsync(id, cancellationToken);
        return TypedResults.Ok(new PlayResponse(counted.Value, stats.Total));
    }

    /// <summary>Processes the track again from its original, as after a fix to ffmpeg or the pipeline.</summary>
    public static async Task<Results<Accepted<TrackDetail>, ProblemHttpResult>> ReprocessAsync(int id, ClaimsPrincipal user,
        TrackCatalog catalog, TrackProcessingQueue queue, CancellationToken cancellationToken)
    {
        if (!await queue.ReprocessAsync(id, cancellationToken))
        {
            return ApiProblems.NotFound(ErrorCodes.TrackNotFound, "No track has this id.");
        }
        return TypedResults.Accepted($"/api/music/tracks/{id}", await catalog.FindAsync(id, user.AsViewer(), cancellationToken));
    }

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> Send(FileLookup lookup, bool rangeProcessing) => lookup switch
    {
        { Status: LookupStatus.Found, File: { } file } => TypedResults.PhysicalFile(file.FullPath, file.ContentType,
            lastModified: file.LastModified, entityTag: ETagFor(file), enableRangeProcessing: rangeProcessing),
        { Status: LookupStatus.NotReady } => ApiProblems.Problem(ErrorCodes.TrackProcessing,
            "The track is still being processed.", "Try again when its state is ready."),
        { Status: LookupStatus.Failed } => ApiProblems.Problem(ErrorCodes.TrackProcessingFailed,
            "Processing this track failed.", "The uploader can see why on the track page."),
        _ => ApiProblems.NotFound(ErrorCodes.TrackNotFound, "No playable track has this id."),
    };

    private static bool TryParseQuality(string? text, out StreamQuality quality)
    {
        quality = StreamQuality.High;
        return string.IsNullOrEmpty(text) || Enum.TryParse(text, ignoreCase: true, out quality) && Enum.IsDefined(quality);
    }

    private static EntityTagHeaderValue ETagFor(StoredFile file) => new(
        $"\"{file.Length.ToString("x", CultureInfo.InvariantCulture)}-{file.LastModified.ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture)}\"");
}
