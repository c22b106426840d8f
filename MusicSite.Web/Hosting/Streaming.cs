using Microsoft.Extensions.Options;
using MusicSite.Hosting;

namespace MusicSite.Web.Hosting;

/// <summary>Settings bound from "Streaming": how media files leave the site (docs/nginx.md).</summary>
public sealed class StreamingOptions
{
    public const string SectionName = "Streaming";

    /// <summary>The internal nginx location that aliases the media directory, e.g. <c>/_media/</c>. When set, the site
    /// checks each media request as always and then answers <c>X-Accel-Redirect: /_media/{path in media}</c> with no
    /// body, and nginx sends the file (ranges included). Empty: the site sends the bytes itself.</summary>
    public string AccelRedirectPrefix { get; set; } = "";
}

/// <summary>
/// Maps a stored media file to the URI nginx serves it under, when the accel mode is on. Only files inside the media
/// directory whose path is made of plain characters (the generated folder and file names always are) are handed
/// over; anything else is sent by the site, so no path that nginx would read differently (escapes, "?", "..") ever
/// reaches it.
/// </summary>
public sealed class AccelRedirect
{
    private readonly string _prefix;
    private readonly string _mediaRoot;

    public AccelRedirect(IOptions<StreamingOptions> streaming, IOptions<MusicSiteOptions> site)
    {
        _prefix = streaming.Value.AccelRedirectPrefix?.Trim() ?? "";
        if (_prefix.Length > 0 && (!_prefix.StartsWith('/') || !_prefix.EndsWith('/') || !IsPlainPath(_prefix.Trim('/'))))
        {
            throw new InvalidOperationException(
                $"Streaming:AccelRedirectPrefix: '{_prefix}' must be a location such as /_media/ (starting and ending with '/').");
        }
        _mediaRoot = Path.GetFullPath(site.Value.Paths.Media) + Path.DirectorySeparatorChar;
    }

    public bool Enabled => _prefix.Length > 0;

    /// <summary>The URI for X-Accel-Redirect, or null when the site sends this file itself.</summary>
    public string? UriFor(string fullPath)
    {
        if (!Enabled || !fullPath.StartsWith(_mediaRoot, StringComparison.Ordinal))
        {
            return null;
        }
        var relative = fullPath[_mediaRoot.Length..].Replace(Path.DirectorySeparatorChar, '/');
        return IsPlainPath(relative) ? _prefix + relative : null;
    }

    /// <summary>Letters, digits, '.', '_' and '-' in segments joined by '/', with no empty, "." or ".." segment.</summary>
    private static bool IsPlainPath(string path)
    {
        if (path.Length == 0)
        {
            return false;
        }
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or "." or ".." || !segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }
        return true;
    }
}

public static class Streaming
{
    public static IServiceCollection AddMusicSiteStreaming(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StreamingOptions>(configuration.GetSection(StreamingOptions.SectionName));
        services.AddSingleton<AccelRedirect>();
        return services;
    }
}
