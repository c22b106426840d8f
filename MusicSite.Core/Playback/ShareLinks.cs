using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Playback;

[JsonConverter(typeof(JsonStringEnumConverter<ShareLinkState>))]
public enum ShareLinkState
{
    [JsonStringEnumMemberName("valid")] Valid,
    [JsonStringEnumMemberName("expired")] Expired,
    [JsonStringEnumMemberName("revoked")] Revoked,
    /// <summary>No link has this token (or its track was deleted).</summary>
    [JsonStringEnumMemberName("unknown")] Unknown,
}

/// <summary>A share link as its owner sees it: never the token itself, which exists only in the link they sent.</summary>
public sealed record ShareLinkView(int Id, int TrackId, string Hint, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt,
    ShareLinkState State);

/// <summary>A link just made: the only moment its token is known to the site.</summary>
public sealed record CreatedShareLink(string Token, ShareLinkView Link);

/// <summary>What a token opens: the track, or why it does not.</summary>
public sealed record ShareLinkLookup(int? TrackId, ShareLinkState State, DateTime ExpiresAt = default)
{
    public static readonly ShareLinkLookup Unknown = new(null, ShareLinkState.Unknown);
    public bool Allows => TrackId is not null && State == ShareLinkState.Valid;
}

/// <summary>
/// Share links: a random, unguessable token (256 bits) that lets anyone holding it hear one track, even a private
/// one, until it expires by the site's clock or its owner revokes it. The one owner of making, listing, revoking
/// and checking them; the stream, the share page and the API all ask here.
/// </summary>
public sealed class ShareLinks(MusicSiteDbContext db, TrackCatalog catalog, TimeProvider clock)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7);
    public const int MaxDays = 30;
    private const int TokenBytes = 32;
    private const int HintLength = 6;

    /// <summary>The share page a link opens: the one place its path is written.</summary>
    public static string PagePath(string token) => "/s/" + Uri.EscapeDataString(token);

    /// <summary>The stream of a shared track, carrying the token (the share page's player and its no-JavaScript audio).</summary>
    public static string StreamPath(int trackId, string token) => $"/api/music/stream/{trackId}?token={Uri.EscapeDataString(token)}";

    /// <summary>The artwork of a shared track, carrying the token: a private track's cover is not public either.</summary>
    public static string ArtworkPath(int trackId, string token) => $"/api/music/tracks/{trackId}/artwork?token={Uri.EscapeDataString(token)}";

    public async Task<ServiceResult<CreatedShareLink>> CreateAsync(int trackId, Viewer actor, TimeSpan lifetime,
        CancellationToken cancellationToken)
    {
        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromDays(MaxDays))
        {
            return ServiceResult<CreatedShareLink>.Invalid("days", $"A share link lasts from 1 to {MaxDays} days.");
        }
        if (await ManagedTrackProblemAsync<CreatedShareLink>(trackId, actor, cancellationToken) is { } problem)
        {
            return problem;
        }
        var token = Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));
        var now = clock.GetUtcNow().UtcDateTime;
        var link = new ShareLink
        {
            TrackId = trackId, CreatedById = actor.UserId, TokenHash = Hash(token), Hint = token[..HintLength],
            CreatedAt = now, ExpiresAt = now + lifetime,
        };
        db.ShareLinks.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<CreatedShareLink>.Ok(new CreatedShareLink(token, View(link, now)));
    }

    /// <summary>The track's links, newest first, for its owner or an admin.</summary>
    public async Task<ServiceResult<IReadOnlyList<ShareLinkView>>> ListAsync(int trackId, Viewer actor, CancellationToken cancellationToken)
    {
        if (await ManagedTrackProblemAsync<IReadOnlyList<ShareLinkView>>(trackId, actor, cancellationToken) is { } problem)
        {
            return problem;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var links = await db.ShareLinks.AsNoTracking().Where(l => l.TrackId == trackId)
            .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).ToListAsync(cancellationToken);
        return ServiceResult<IReadOnlyList<ShareLinkView>>.Ok(links.Select(l => View(l, now)).ToList());
    }

    /// <summary>Ends a link at once. Revoking one already revoked changes nothing (and keeps its first time).</summary>
    public async Task<ServiceResult<ShareLinkView>> RevokeAsync(int trackId, int linkId, Viewer actor, CancellationToken cancellationToken)
    {
        if (await ManagedTrackProblemAsync<ShareLinkView>(trackId, actor, cancellationToken) is { } problem)
        {
            return problem;
        }
        var link = await db.ShareLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.TrackId == trackId, cancellationToken);
        if (link is null)
        {
            return ServiceResult<ShareLinkView>.Invalid("link", "This track has no share link with this id.", ErrorCodes.ShareLinkNotFound);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        link.RevokedAt ??= now;
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<ShareLinkView>.Ok(View(link, now));
    }

    /// <summary>What a token opens. A token for a deleted track, or one that was never made, opens nothing.</summary>
    public async Task<ShareLinkLookup> LookupAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return ShareLinkLookup.Unknown;
        }
        var hash = Hash(token);
        var link = await db.ShareLinks.AsNoTracking()
            .Where(l => l.TokenHash == hash && db.Tracks.Any(t => t.Id == l.TrackId && t.DeletedAt == null))
            .FirstOrDefaultAsync(cancellationToken);
        return link is null
            ? ShareLinkLookup.Unknown
            : new ShareLinkLookup(link.TrackId, StateOf(link, clock.GetUtcNow().UtcDateTime), link.ExpiresAt);
    }

    /// <summary>True only for a valid token made for exactly this track.</summary>
    public async Task<bool> AllowsAsync(string? token, int trackId, CancellationToken cancellationToken) =>
        await LookupAsync(token, cancellationToken) is { Allows: true } lookup && lookup.TrackId == trackId;

    private async Task<ServiceResult<T>?> ManagedTrackProblemAsync<T>(int trackId, Viewer actor, CancellationToken cancellationToken)
    {
        var uploader = await catalog.Visible(actor).Where(t => t.Id == trackId).Select(t => (int?)t.UploaderId).FirstOrDefaultAsync(cancellationToken);
        if (uploader is null)
        {
            return ServiceResult<T>.Invalid("track", "No track has this id.", ErrorCodes.TrackNotFound);
        }
        return actor.MayManage(uploader.Value)
            ? null
            : ServiceResult<T>.Invalid("track", "Only the uploader or an admin can share this track by link.", ErrorCodes.UnauthorizedAccess);
    }

    private static ShareLinkView View(ShareLink link, DateTime now) =>
        new(link.Id, link.TrackId, link.Hint, link.CreatedAt, link.ExpiresAt, link.RevokedAt, StateOf(link, now));

    private static ShareLinkState StateOf(ShareLink link, DateTime now) =>
        link.RevokedAt is not null ? ShareLinkState.Revoked : now >= link.ExpiresAt ? ShareLinkState.Expired : ShareLinkState.Valid;

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
