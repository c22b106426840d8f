using System.Globalization;
using System.IO.Compression;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using MusicSite.Accounts;
using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Media;
using MusicSite.Playback;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;
using MusicSite.Web.Hosting;

namespace MusicSite.Web.Endpoints;

/// <summary>The files of stems: a stem's preview stream and waveform, the download of its original, and the ZIP of a
/// track's downloadable stems with CREDITS.txt.</summary>
public static class StemFilesApi
{
    public static IEndpointRouteBuilder MapStemFilesApi(this IEndpointRouteBuilder app)
    {
        var stems = app.MapGroup("/api/stems").WithTags("Stems");
        // Streams are exempt from the read limit, as for tracks: a player seeks with many range requests.
        // The problems each may answer are declared, so the API document tells clients about stems still processing.
        stems.MapMethods("/{id:int}/stream", [HttpMethods.Get, HttpMethods.Head], StreamAsync).DisableRateLimiting()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        stems.MapGet("/{id:int}/waveform", WaveformAsync).RequireRateLimiting(RateLimits.Reads)
            .Produces<WaveformDocument>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        stems.MapMethods("/download/{id:int}", [HttpMethods.Get, HttpMethods.Head], DownloadAsync).RequireRateLimiting(RateLimits.Reads)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        stems.MapGet("/track/{id:int}/download", TrackArchiveAsync).RequireRateLimiting(RateLimits.Reads)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The stem's preview variant (MP3), with range requests.</summary>
    public static async Task<Results<MediaFileResult, ProblemHttpResult>> StreamAsync(int id, HttpContext context, ClaimsPrincipal user,
        StemFileSource files, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "private, max-age=3600";
        return Send(await files.StreamAsync(id, user.AsViewer(), cancellationToken), rangeProcessing: true);
    }

    public static async Task<Results<MediaFileResult, ProblemHttpResult>> WaveformAsync(int id, ClaimsPrincipal user,
        StemFileSource files, CancellationToken cancellationToken) =>
        Send(await files.WaveformAsync(id, user.AsViewer(), cancellationToken), rangeProcessing: false);

    /// <summary>The stem's original, tagged with its title, artist, license and source track; where its owner allowed
    /// downloads, or for the owner and admins.</summary>
    public static async Task<Results<MediaFileResult, ProblemHttpResult>> DownloadAsync(int id, HttpContext context, ClaimsPrincipal user,
        DownloadService downloads, StemFileSource files, CancellationToken cancellationToken)
    {
        var lookup = await downloads.PrepareStemAsync(id, user.AsViewer(), cancellationToken);
        switch (lookup.Status)
        {
            case DownloadStatus.NotFound:
                return ApiProblems.NotFound(ErrorCodes.StemNotFound, "No stem has this id.");
            case DownloadStatus.NotAllowed:
                return ApiProblems.Problem(ErrorCodes.DownloadNotAllowed, "The artist has not allowed downloads of this stem.");
            case DownloadStatus.NotReady:
                return ApiProblems.Problem(ErrorCodes.StemProcessing, "The stem is still being processed.");
        }
        var file = lookup.File!;
        // A download counts when it starts: not for HEAD, not for the later ranges of a resumed transfer.
        if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Headers.Range.Any())
        {
            await files.CountDownloadsAsync([id], cancellationToken);
        }
        return new MediaFileResult(file.FullPath, file.ContentType, file.LastModified, file.Length, rangeProcessing: true, file.FileName);
    }

    /// <summary>Every ready stem of the track the caller may download, and CREDITS.txt, as one ZIP written as it goes
    /// (never held whole in memory). 404 for a track the caller cannot see or one without ready stems, 403 when it has
    /// stems but none the caller may download.</summary>
    public static async Task<IResult> TrackArchiveAsync(int id, ClaimsPrincipal user, StemArchive archive, StemFileSource files,
        TrackCatalog catalog, SiteAddress site, CancellationToken cancellationToken)
    {
        var pages = new CreditPages(trackId => TrackUrls.For(site.BaseUrl, trackId, default).Page, stemId => site.BaseUrl + StemUrls.Page(stemId));
        var plan = await archive.PrepareAsync(id, user.AsViewer(), pages, cancellationToken);
        switch (plan.Status)
        {
            case StemArchiveStatus.NotFound:
                return await MissingTrack.ProblemAsync(id, user, catalog, cancellationToken);
            case StemArchiveStatus.Empty:
                return ApiProblems.NotFound(ErrorCodes.StemNotFound, "This track has no stems ready to download.");
            case StemArchiveStatus.NotAllowed:
                return ApiProblems.Problem(ErrorCodes.DownloadNotAllowed, "The artist has not allowed downloads of this track's stems.");
        }
        await files.CountDownloadsAsync(plan.StemIds!, cancellationToken);
        return new ZipResult(plan);
    }

    /// <summary>Writes the planned ZIP straight to the response: stored audio (already compressed, or lossless that
    /// barely shrinks) and CREDITS.txt deflated.</summary>
    private sealed class ZipResult(StemArchivePlan plan) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.ContentType = "application/zip";
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
            {
                FileNameStar = plan.FileName, FileName = Ascii(plan.FileName),
            }.ToString();
            response.Headers.CacheControl = "private, no-store";
            var cancellationToken = httpContext.RequestAborted;
            // The archive writer still makes some small writes (entry headers and descriptors) synchronously on a stream
            // it cannot seek; they are allowed here, and buffered so that they reach the connection in large pieces.
            if (httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } body)
            {
                body.AllowSynchronousIO = true;
            }
            // Not disposed: that would close the response body; flushed once the archive is complete.
            var buffered = new BufferedStream(response.Body, 64 * 1024);
            await using (var zip = await ZipArchive.CreateAsync(buffered, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null,
                             cancellationToken))
            {
                var credits = zip.CreateEntry(StemArchivePlan.CreditsName, CompressionLevel.Optimal);
                await using (var entry = await credits.OpenAsync(cancellationToken))
                {
                    await entry.WriteAsync(Encoding.UTF8.GetBytes(plan.Credits), cancellationToken);
                }
                foreach (var file in plan.Files!)
                {
                    var stem = zip.CreateEntry(file.Name, CompressionLevel.NoCompression);
                    await using var entry = await stem.OpenAsync(cancellationToken);
                    await using var source = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                    await source.CopyToAsync(entry, cancellationToken);
                }
            }
            await buffered.FlushAsync(cancellationToken);
        }

        private static string Ascii(string name) => new(name.Select(c => c is >= ' ' and < (char)127 and not '"' ? c : '_').ToArray());
    }

    private static Results<MediaFileResult, ProblemHttpResult> Send(FileLookup lookup, bool rangeProcessing) => lookup switch
    {
        { Status: LookupStatus.Found, File: { } file } => new MediaFileResult(file.FullPath, file.ContentType, file.LastModified,
            file.Length, rangeProcessing),
        { Status: LookupStatus.NotReady } => ApiProblems.Problem(ErrorCodes.StemProcessing, "The stem is still being processed.",
            "Try again when its state is ready."),
        { Status: LookupStatus.Failed } => ApiProblems.Problem(ErrorCodes.StemProcessing, "Processing this stem failed.",
            "The uploader can see why on the stem's edit page."),
        _ => ApiProblems.NotFound(ErrorCodes.StemNotFound, "No stem has this id."),
    };
}
