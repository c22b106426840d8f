using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using MusicSite.Common;
using MusicSite.Hosting;

namespace MusicSite.Web.Api;

/// <summary>
/// Upload endpoints take bodies up to the configured limit (plus room for the form fields); everything
/// else keeps the server's default. A body announced as too large is refused before any of it is read.
/// </summary>
public sealed class UploadLimits(RequestDelegate next, IOptions<UploadOptions> options)
{
    /// <summary>Room for the multipart framing and the text fields next to the file.</summary>
    public const long FormOverheadBytes = 1024 * 1024;

    private static readonly PathString[] UploadPaths = ["/api/music/tracks", "/upload", "/api/stems"];

    public static long MaxBodyBytes(UploadOptions options) => options.MaxUploadBytes + options.MaxArtworkBytes + FormOverheadBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        // Resumable chunks: as large as a whole file may be (tus-js-client sends one chunk unless told otherwise).
        if (HttpMethods.IsPatch(context.Request.Method) && context.Request.Path.StartsWithSegments("/api/uploads")
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } chunk)
        {
            chunk.MaxRequestBodySize = options.Value.MaxUploadBytes;
        }
        var stemForm = StemForm.IsAddPath(context.Request.Path);
        if (HttpMethods.IsPost(context.Request.Method) && (stemForm || UploadPaths.Contains(context.Request.Path)))
        {
            // The "Add stems" page carries one file per row.
            var max = stemForm ? StemForm.Rows * options.Value.MaxUploadBytes + FormOverheadBytes : MaxBodyBytes(options.Value);
            if (context.Request.ContentLength > max)
            {
                await RefuseAsync(context, options.Value.MaxUploadBytes);
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = max;
            }
        }
        await next(context);
    }

    public static async Task RefuseAsync(HttpContext context, long maxUploadBytes)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        var message = $"The file is larger than {maxUploadBytes / 1_000_000} MB.";
        if (ApiProblems.IsApiRequest(context.Request))
        {
            await ApiProblems.Problem(ErrorCodes.FileTooLarge, "The upload is too large.", message)
                .ExecuteAsync(context);
            return;
        }
        await ErrorPage.WriteAsync(context, "The upload is too large", message);
    }
}
