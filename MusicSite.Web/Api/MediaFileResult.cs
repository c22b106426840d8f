using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using MusicSite.Web.Hosting;

namespace MusicSite.Web.Api;

/// <summary>
/// A stored media file as the answer, after the endpoint has checked that the caller may have it: streams, waveforms
/// and downloads of tracks and stems. Behind nginx with <see cref="StreamingOptions.AccelRedirectPrefix"/> set, the
/// answer is an empty 200 with <c>X-Accel-Redirect</c>, its Content-Type and Content-Disposition, and nginx sends the
/// bytes and answers ranges and conditional requests itself. Otherwise the framework's file result answers (Range,
/// HEAD, ETag, Last-Modified) and <see cref="PipeFileBody"/> sends the bytes.
/// </summary>
public sealed class MediaFileResult(string fullPath, string contentType, DateTimeOffset lastModified, long length,
    bool rangeProcessing, string? downloadName = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        if (httpContext.RequestServices.GetRequiredService<AccelRedirect>().UriFor(fullPath) is { } uri)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType;
            if (downloadName is not null)
            {
                var disposition = new ContentDispositionHeaderValue("attachment");
                disposition.SetHttpFileName(downloadName);
                response.Headers.ContentDisposition = disposition.ToString();
            }
            response.Headers["X-Accel-Redirect"] = uri;
            response.ContentLength = 0;
            return;
        }

        var file = TypedResults.PhysicalFile(fullPath, contentType, downloadName, lastModified, ETag(length, lastModified),
            enableRangeProcessing: rangeProcessing);
        var body = httpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        httpContext.Features.Set<IHttpResponseBodyFeature>(new PipeFileBody(body));
        try
        {
            await file.ExecuteAsync(httpContext);
        }
        finally
        {
            httpContext.Features.Set(body);
        }
    }

    /// <summary>Length and modification time: a file replaced in place (a re-processed track) gets a new tag.</summary>
    private static EntityTagHeaderValue ETag(long length, DateTimeOffset lastModified) => new(
        $"\"{length.ToString("x", CultureInfo.InvariantCulture)}-{lastModified.ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture)}\"");
}
