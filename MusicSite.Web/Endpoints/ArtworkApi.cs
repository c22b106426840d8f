using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Hosting;
using MusicSite.Media;
using MusicSite.Playback;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>
/// Covers of tracks and albums: GET answers the artwork, or the generated cover when there is none (never a 404
/// for an item that exists); PUT (multipart, field <c>artwork</c>) replaces it and DELETE removes it, for the
/// owner or an admin. Addresses come from <see cref="ArtworkUrls"/>.
/// </summary>
public static class ArtworkApi
{
    /// <summary>An address with the item's current version never changes content: cache it for a year.</summary>
    public const string VersionedCaching = "private, max-age=31536000, immutable";
    /// <summary>Without it (or with an old one), the browser asks again each time and gets a 304 if nothing changed.</summary>
    public const string UnversionedCaching = "private, no-cache";

    public static IEndpointRouteBuilder MapArtworkApi(this IEndpointRouteBuilder app)
    {
        const string track = "/api/music/tracks/{id:int}/artwork", album = "/api/music/albums/{id:int}/artwork";
        app.MapGet(track, TrackCoverAsync).WithTags("Tracks").RequireRateLimiting(RateLimits.Reads);
        app.MapPut(track, ReplaceTrackAsync).WithTags("Tracks").RequireAuthorization().DisableAntiforgery().RequireRateLimiting(RateLimits.Edits);
        app.MapDelete(track, RemoveTrackAsync).WithTags("Tracks").RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        app.MapGet(album, AlbumCoverAsync).WithTags("Albums").RequireRateLimiting(RateLimits.Reads);
        app.MapPut(album, ReplaceAlbumAsync).WithTags("Albums").RequireAuthorization().DisableAntiforgery().RequireRateLimiting(RateLimits.Edits);
        app.MapDelete(album, RemoveAlbumAsync).WithTags("Albums").RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        return app;
    }

    /// <summary>?size=200 for the thumbnail (else the 600-pixel image); ?v= as <see cref="ArtworkUrls"/> makes it.</summary>
    /// <remarks>?token= is a share link, as for the stream.</remarks>
    public static async Task<IResult> TrackCoverAsync(int id, int? size, string? v, string? token, HttpContext context, ClaimsPrincipal user,
        TrackArtwork artwork, TrackCatalog catalog, ShareLinks shareLinks, CancellationToken cancellationToken) =>
        await artwork.CoverAsync(id, user.AsViewer(), ArtworkUrls.IsThumbnail(size), cancellationToken,
            await shareLinks.AllowsAsync(token, id, cancellationToken)) is { } cover
            ? Send(cover, v, context)
            : await MissingTrack.ProblemAsync(id, user, catalog, cancellationToken);

    /// <summary>?size=200 for the thumbnail (else the 600-pixel image); ?v= as <see cref="ArtworkUrls"/> makes it.</summary>
    public static async Task<IResult> AlbumCoverAsync(int id, int? size, string? v, HttpContext context, AlbumService albums,
        CancellationToken cancellationToken) =>
        await albums.CoverAsync(id, ArtworkUrls.IsThumbnail(size), cancellationToken) is { } cover
            ? Send(cover, v, context)
            : ApiProblems.NotFound(ErrorCodes.AlbumNotFound, "No album has this id.");

    public static async Task<Results<Ok<TrackDetail>, ProblemHttpResult>> ReplaceTrackAsync(int id, HttpRequest request, ClaimsPrincipal user,
        UploadStaging staging, TrackArtwork artwork, TrackCatalog catalog, IOptions<UploadOptions> limits, CancellationToken cancellationToken)
    {
        var (image, problem) = await StageAsync(request, staging, limits.Value, cancellationToken);
        if (image is null)
        {
            return problem!;
        }
        using (image)
        {
            var result = await artwork.ReplaceAsync(id, image, user.AsViewer(), cancellationToken);
            return result.Succeeded
                ? TypedResults.Ok((await catalog.FindAsync(id, user.AsViewer(), cancellationToken))!)
                : ApiProblems.FromResult(result.Code!, result.Errors, "The artwork was not changed.");
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveTrackAsync(int id, ClaimsPrincipal user, TrackArtwork artwork,
        CancellationToken cancellationToken)
    {
        var result = await artwork.RemoveAsync(id, user.AsViewer(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    public static async Task<Results<Ok<AlbumDetail>, ProblemHttpResult>> ReplaceAlbumAsync(int id, HttpRequest request, ClaimsPrincipal user,
        UploadStaging staging, AlbumService albums, IOptions<UploadOptions> limits, CancellationToken cancellationToken)
    {
        var (image, problem) = await StageAsync(request, staging, limits.Value, cancellationToken);
        if (image is null)
        {
            return problem!;
        }
        using (image)
        {
            var result = await albums.ReplaceArtworkAsync(id, image, user.AsViewer(), cancellationToken);
            return result.Succeeded
                ? TypedResults.Ok((await albums.FindAsync(id, user.AsViewer(), cancellationToken))!)
                : ApiProblems.FromResult(result.Code!, result.Errors, "The artwork was not changed.");
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAlbumAsync(int id, ClaimsPrincipal user, AlbumService albums,
        CancellationToken cancellationToken)
    {
        var result = await albums.RemoveArtworkAsync(id, user.AsViewer(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    /// <summary>The stored JPEG, or the generated SVG; either with a validator, so a revisit costs a 304.</summary>
    public static IResult Send(CoverLookup cover, string? version, HttpContext context)
    {
        context.Response.Headers.CacheControl = version == ArtworkUrls.Version(cover.UpdatedAt) ? VersionedCaching : UnversionedCaching;
        if (cover.StoredFile is { } path)
        {
            var info = new FileInfo(path);
            var modified = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
            return TypedResults.PhysicalFile(path, "image/jpeg", lastModified: modified,
                entityTag: new EntityTagHeaderValue($"\"{info.Length:x}-{modified.ToUnixTimeSeconds():x}\""));
        }
        var svg = Encoding.UTF8.GetBytes(GeneratedCover.Svg(cover.Title));
        return TypedResults.File(svg, "image/svg+xml", lastModified: new DateTimeOffset(cover.UpdatedAt, TimeSpan.Zero),
            entityTag: new EntityTagHeaderValue($"\"g-{Convert.ToHexStringLower(SHA256.HashData(svg).AsSpan(0, 8))}\""));
    }

    /// <summary>Reads the multipart field <c>artwork</c> to a staged file under the artwork size cap.</summary>
    private static async Task<(StagedFile?, ProblemHttpResult?)> StageAsync(HttpRequest request, UploadStaging staging, UploadOptions limits,
        CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return (null, ApiProblems.Problem(ErrorCodes.UnsupportedMediaType, "Send the image as multipart/form-data in a field named 'artwork'."));
        }
        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("artwork") is not { Length: > 0 } file)
        {
            return (null, ApiProblems.Validation(new FieldErrors().Add("artwork", "Choose a JPEG, PNG or WebP image.")));
        }
        try
        {
            return (await staging.StageAsync(file.OpenReadStream(), limits.MaxArtworkBytes, cancellationToken), null);
        }
        catch (UploadTooLargeException ex)
        {
            return (null, ApiProblems.Problem(ErrorCodes.FileTooLarge, "The artwork is too large.",
                ImageNormalizer.Describe(ImageCheck.TooLarge, ex.Limit)));
        }
    }
}
