using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace MusicSite.Web.Hosting;

/// <summary>
/// Which answers are compressed (Brotli, else gzip): the site's static text files only. Pages and API answers are
/// not (they can carry secrets next to text a visitor controls: docs/decisions/0017-compress-static-files-only.md),
/// and neither are audio, images or any range answer (the middleware leaves answers with Content-Range alone).
/// </summary>
public static class Compression
{
    /// <summary>The media types compressed: the site's CSS, JavaScript, SVG and icon files.</summary>
    public static readonly string[] MimeTypes = ["text/css", "text/javascript", "application/javascript", "image/svg+xml", "image/x-icon"];

    public static IServiceCollection AddMusicSiteCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = MimeTypes;
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return services;
    }
}
