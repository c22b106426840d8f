using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace MusicSite.Web.Hosting;

/// <summary>
/// The site's own files in wwwroot: their fingerprinted URLs and how long a browser may keep them. Pages link
/// <see cref="Url"/> (the path plus <c>?v=</c> and a hash of the content), and a request carrying the file's current
/// hash may be kept for a year unchanged; any other request for the file (no hash, or an old one) is still served,
/// with a short cache. The hash of each file is computed once and recomputed when the file changes.
/// </summary>
public sealed class StaticAssets(IWebHostEnvironment environment)
{
    public const string VersionParameter = "v";
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";
    public const string ShortCacheControl = "public, max-age=300";

    private readonly ConcurrentDictionary<string, (DateTimeOffset Modified, long Length, string Hash)> _hashes = new(StringComparer.Ordinal);

    /// <summary>The URL to link for a file under wwwroot, e.g. "/css/site.css" → "/css/site.css?v=3f9a…".
    /// A path with no such file is returned as it is.</summary>
    public string Url(string path)
    {
        var hash = HashOf(environment.WebRootFileProvider.GetFileInfo(path));
        return hash is null ? path : $"{path}?{VersionParameter}={hash}";
    }

    /// <summary>Sets Cache-Control on a static file's answer (StaticFileOptions.OnPrepareResponse).</summary>
    public void ApplyCaching(StaticFileResponseContext context)
    {
        var requested = context.Context.Request.Query[VersionParameter];
        var immutable = requested.Count == 1 && requested[0] == HashOf(context.File);
        context.Context.Response.Headers.CacheControl = immutable ? ImmutableCacheControl : ShortCacheControl;
    }

    private string? HashOf(IFileInfo file)
    {
        if (!file.Exists || file.IsDirectory || file.PhysicalPath is null)
        {
            return null;
        }
        var known = _hashes.GetValueOrDefault(file.PhysicalPath);
        if (known.Hash is not null && known.Modified == file.LastModified && known.Length == file.Length)
        {
            return known.Hash;
        }
        using var stream = file.CreateReadStream();
        var hash = Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
        _hashes[file.PhysicalPath] = (file.LastModified, file.Length, hash);
        return hash;
    }
}
