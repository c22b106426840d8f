using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Hosting;
using MusicSite.Jobs;
using MusicSite.Media;
using MusicSite.Uploads;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>A page of the catalog: the list envelope plus facet counts over everything that matched, or, when
/// <c>facets.exact</c> is false, over <c>facets.among</c> of the matches.</summary>
public sealed record TrackListResponse(IReadOnlyList<TrackSummary> Data, PageMeta Meta, TrackFacets Facets);

/// <summary>/api/music/tracks: list, upload, read, edit, delete and re-run processing. Playback is in <see cref="PlaybackApi"/>.</summary>
public static class TracksApi
{
    public static IEndpointRouteBuilder MapTracksApi(this IEndpointRouteBuilder app)
    {
        var tracks = app.MapGroup("/api/music/tracks").WithTags("Tracks").RequireRateLimiting(RateLimits.Reads);
        tracks.MapGet("/", ListAsync).RequireRateLimiting(RateLimits.Search);
        tracks.MapPost("/", CreateAsync).RequireAuthorization(Policies.MayUpload).DisableAntiforgery().RequireRateLimiting(RateLimits.Uploads);
        tracks.MapGet("/{id:int}", GetAsync);
        tracks.MapPut("/{id:int}", UpdateAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        tracks.MapDelete("/{id:int}", DeleteAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        tracks.MapPost("/{id:int}/reprocess", ReprocessAsync).RequireAuthorization(Policies.Admin).RequireRateLimiting(RateLimits.Edits);
        return app;
    }

    /// <summary>Multipart: the metadata fields, <c>audio</c> (required) and <c>artwork</c> (optional).
    /// Answers 201 with the track in state <c>pending</c>; processing follows in the background.</summary>
    public static async Task<Results<Created<TrackDetail>, ProblemHttpResult>> CreateAsync(HttpRequest request,
        ClaimsPrincipal user, UploadStaging staging, TrackUploadService uploads, TrackCatalog catalog, TrackResponses responses,
        IOptions<UploadOptions> limits, CancellationToken cancellationToken)
    {
        if (request.HasJsonContentType())
        {
            return await CreateFromResumableAsync(request, user, uploads, catalog, responses, cancellationToken);
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
            var detail = await responses.DetailAsync((await catalog.FindAsync(result.Value!.Id, user.AsViewer(), cancellationToken))!,
                cancellationToken);
            return TypedResults.Created($"/api/music/tracks/{detail.Id}", detail);
        }
    }

    /// <summary>JSON metadata plus the <c>uploadId</c> of a finished resumable upload.</summary>
    private static async Task<Results<Created<TrackDetail>, ProblemHttpResult>> CreateFromResumableAsync(HttpRequest request,
        ClaimsPrincipal user, TrackUploadService uploads, TrackCatalog catalog, TrackResponses responses, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var shape = new FieldErrors();
        var uploadId = JsonBody.Text(body, TrackUploadService.UploadIdField, shape);
        if (shape.Any)
        {
            return ApiProblems.Validation(shape);
        }
        var result = await uploads.CreateFromResumableAsync(MetadataInput(body), uploadId, null, user.AsViewer(), user.DisplayName(),
            cancellationToken);
        if (!result.Succeeded)
        {
            // Naming no usable upload is a mistake in the request itself: 400, not the 415 of unusable audio.
            return result.Errors.For(TrackUploadService.UploadIdField).Count > 0
                ? ApiProblems.Validation(result.Errors, result.Code!, "No finished upload was named.")
                : ApiProblems.FromResult(result.Code!, result.Errors);
        }
        var detail = await responses.DetailAsync((await catalog.FindAsync(result.Value!.Id, user.AsViewer(), cancellationToken))!,
            cancellationToken);
        return TypedResults.Created($"/api/music/tracks/{detail.Id}", detail);
    }

    /// <summary>The catalog: search, artist, genre, tags, min_duration, max_duration, bpm_min, bpm_max, key, license,
    /// uploader_id; sort (created_at, updated_at, title, artist, duration, plays, likes, popularity, relevance) and
    /// order (asc, desc); page and limit, or cursor (meta's nextCursor or prevCursor: keyset paging, as fast at any
    /// depth; relevance pages by number only). Facet counts come beside the list. Past a cap the total is the cap and
    /// <c>meta.totalExact</c> is false (<see cref="CatalogTotals"/>).</summary>
    public static async Task<Results<Ok<TrackListResponse>, ProblemHttpResult>> ListAsync(HttpRequest request, ClaimsPrincipal user,
        CatalogSearch search, TrackResponses responses, CancellationToken cancellationToken)
    {
        var (query, errors) = TrackQuery.Parse(name => request.Query[name].FirstOrDefault());
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await search.SearchAsync(query, user.AsViewer(), cancellationToken);
        var page = PagedList<TrackSummary>.Create(await responses.ListAsync(result.Items, cancellationToken, user.AsViewer()),
            new PageQuery(query.Page, query.Limit), result.Total, result.TotalExact);
        var meta = page.Meta with { NextCursor = result.NextCursor, PrevCursor = result.PrevCursor };
        if (query.Cursor is not null)
        {
            // Paged by cursor: the page number is not known, the cursors say what comes next.
            meta = meta with { HasNext = result.NextCursor is not null, HasPrev = result.PrevCursor is not null };
        }
        return TypedResults.Ok(new TrackListResponse(page.Data, meta, result.Facets));
    }

    /// <summary>One track with its <c>stats</c> and <c>urls</c>. <c>include_stats=true</c> adds <c>daily</c>, its plays and
    /// downloads per day over the last 30 days; <c>include_related=true</c> adds <c>related</c>, the tracks the track
    /// page shows as related, each with its score.</summary>
    public static async Task<Results<Ok<TrackDetail>, ProblemHttpResult>> GetAsync(int id,
        [FromQuery(Name = "include_stats")] string? includeStats, [FromQuery(Name = "include_related")] string? includeRelated,
        ClaimsPrincipal user, TrackCatalog catalog, TrackStatistics statistics, TrackResponses responses, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var withStats = TrackMetadataRules.ParseFlag(includeStats, false, "include_stats", errors);
        var withRelated = TrackMetadataRules.ParseFlag(includeRelated, false, "include_related", errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        if (await catalog.FindAsync(id, user.AsViewer(), cancellationToken) is not { } track)
        {
            return await MissingTrack.ProblemAsync(id, user, catalog, cancellationToken);
        }
        var detail = await responses.DetailAsync(track, cancellationToken, user.AsViewer());
        if (withStats)
        {
            detail = detail with { Daily = await statistics.DailyAsync(id, ArtistStats.Days, cancellationToken) };
        }
        if (withRelated)
        {
            var related = await catalog.RelatedWithScoresAsync(id, user.AsViewer(), 6, cancellationToken);
            var listed = await responses.ListAsync(related.Select(r => r.Track).ToList(), cancellationToken, user.AsViewer());
            detail = detail with { Related = related.Zip(listed, (r, t) => r with { Track = t }).ToList() };
        }
        return TypedResults.Ok(detail);
    }

    /// <summary>Edits the given fields (owner or admin). A field left out stays; <c>null</c> clears it where a track
    /// may lack it. Every change goes into the track's change log.</summary>
    public static async Task<Results<Ok<TrackDetail>, ProblemHttpResult>> UpdateAsync(int id, JsonElement body, ClaimsPrincipal user,
        TrackEditor editor, TrackCatalog catalog, TrackResponses responses, CancellationToken cancellationToken)
    {
        if (!JsonBody.IsObject(body))
        {
            return JsonBody.NotAnObject();
        }
        var result = await editor.UpdateAsync(id, MetadataInput(body), user.AsViewer(), cancellationToken);
        return result.Succeeded
            ? TypedResults.Ok(await responses.DetailAsync((await catalog.FindAsync(id, user.AsViewer(), cancellationToken))!, cancellationToken,
                user.AsViewer()))
            : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    /// <summary>Soft delete (owner or admin): gone from every list at once; the files are removed by a job.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, HttpContext context, TrackEditor editor,
        CancellationToken cancellationToken)
    {
        var result = await editor.DeleteAsync(id, context.User.AsViewer(), context.ForAudit(), cancellationToken);
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
}
