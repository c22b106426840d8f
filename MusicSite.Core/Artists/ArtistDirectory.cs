using Microsoft.EntityFrameworkCore;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Artists;

public enum ArtistTrackSort
{
    Newest,
    Title,
    Plays,
}

public sealed record ArtistTotals(int Tracks, int Albums, long Plays);

/// <summary>An artist page's head: who, their words, and what they have published. <see cref="AvatarVersion"/>
/// changes with each new avatar (null: none).</summary>
public sealed record ArtistProfile(int Id, string Slug, string DisplayName, string? Bio, string? AvatarVersion, ArtistTotals Totals,
    DateTime JoinedAt, int FollowerCount = 0);

/// <summary>An artist in the index.</summary>
public sealed record ArtistSummary(int Id, string Slug, string DisplayName, string? AvatarVersion, int TrackCount, int AlbumCount);

/// <summary>What a slug in an address leads to: an artist, a redirect to their current slug, or nothing.</summary>
public sealed record ArtistLookup(ArtistProfile? Artist, string? MovedTo)
{
    public static readonly ArtistLookup Missing = new(null, null);
}

/// <summary>
/// Artists: accounts that publish (a public, ready track, or an album). One owner for the artist page and
/// /api/artists: who counts as an artist, their totals, and their tracks and albums as the viewer may see them.
/// </summary>
public sealed class ArtistDirectory(MusicSiteDbContext db, TrackCatalog catalog, AlbumService albums, ArtistSlugs slugs,
    Accounts.Preferences preferences, ShowcaseCache cache)
{
    /// <summary>Sort names in addresses (the track API's names for the same orders), with their labels.</summary>
    public static readonly IReadOnlyList<(string Name, ArtistTrackSort Sort, string Label)> Sorts =
        [("created_at", ArtistTrackSort.Newest, "Newest"), ("title", ArtistTrackSort.Title, "Title A–Z"), ("plays", ArtistTrackSort.Plays, "Most played")];

    public static ArtistTrackSort? ParseSort(string? name) =>
        string.IsNullOrWhiteSpace(name) ? ArtistTrackSort.Newest
            : Sorts.Where(s => string.Equals(s.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)).Select(s => (ArtistTrackSort?)s.Sort).FirstOrDefault();

    public static string SortName(ArtistTrackSort sort) => Sorts.First(s => s.Sort == sort).Name;

    /// <summary>The artist a page address names; a retired slug or another letter case answers with the current slug.</summary>
    public async Task<ArtistLookup> FindBySlugAsync(string? slug, Viewer viewer, CancellationToken cancellationToken)
    {
        if (await slugs.ResolveAsync(slug, cancellationToken) is not { } match)
        {
            return ArtistLookup.Missing;
        }
        if (!await IsArtistAsync(match.UserId, cancellationToken))
        {
            return ArtistLookup.Missing;
        }
        return match.IsCurrent
            ? new ArtistLookup(await FindAsync(match.UserId, viewer, cancellationToken), null)
            : new ArtistLookup(null, match.CurrentSlug);
    }

    /// <summary>An artist by account id, or null for an account that has published nothing public. Makes the slug
    /// when the account has none yet.</summary>
    public async Task<ArtistProfile?> FindAsync(int id, Viewer viewer, CancellationToken cancellationToken)
    {
        if (!await IsArtistAsync(id, cancellationToken) || await slugs.EnsureAsync(id, cancellationToken) is not { } slug)
        {
            return null;
        }
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.DisplayName, u.Bio, u.AvatarPath, u.CreatedAt, u.FollowerCount }).FirstAsync(cancellationToken);
        var tracks = Tracks(id, viewer);
        var totals = new ArtistTotals(await tracks.CountAsync(cancellationToken),
            await db.Albums.CountAsync(a => a.OwnerId == id, cancellationToken),
            await tracks.SumAsync(t => (long)t.PlayCount, cancellationToken));
        // A private profile keeps its bio and avatar to its owner (and admins); the name and the work stay public.
        var shown = await preferences.ShowsProfileToAsync(id, viewer, cancellationToken);
        return new ArtistProfile(id, slug, user.DisplayName, shown ? user.Bio : null, shown ? AvatarVersion(user.AvatarPath) : null,
            totals, user.CreatedAt, user.FollowerCount);
    }

    /// <summary>The current slug of an artist, made now if needed; null when the account is not an artist.</summary>
    public async Task<string?> SlugOfAsync(int id, CancellationToken cancellationToken) =>
        await IsArtistAsync(id, cancellationToken) ? await slugs.EnsureAsync(id, cancellationToken) : null;

    /// <summary>One page of an artist's ready tracks the viewer may see, and their number.</summary>
    public async Task<(IReadOnlyList<TrackSummary> Items, int Total)> TracksAsync(int id, Viewer viewer, ArtistTrackSort sort, int page, int limit,
        CancellationToken cancellationToken)
    {
        var tracks = Tracks(id, viewer);
        var total = await tracks.CountAsync(cancellationToken);
        IOrderedQueryable<Track> ordered = sort switch
        {
            ArtistTrackSort.Title => tracks.OrderBy(t => EF.Functions.Collate(t.Title, "NOCASE")),
            ArtistTrackSort.Plays => tracks.OrderByDescending(t => t.PlayCount),
            _ => tracks.OrderByDescending(t => t.CreatedAt),
        };
        var ids = await ordered.ThenByDescending(t => t.Id).Skip(Paging.Offset(page, limit)).Take(limit).Select(t => t.Id)
            .ToListAsync(cancellationToken);
        var details = await TrackCatalog.Summaries(db.Tracks.Where(t => ids.Contains(t.Id))).ToDictionaryAsync(t => t.Id, cancellationToken);
        return (ids.Select(i => details[i]).ToList(), total);
    }

    /// <summary>One page of an artist's albums, newest release first.</summary>
    public Task<(IReadOnlyList<AlbumSummary> Items, int Total)> AlbumsAsync(int id, Viewer viewer, int page, int limit,
        CancellationToken cancellationToken) =>
        albums.ListAsync(viewer, page, limit, id, cancellationToken);

    /// <summary>One page of artists by name, and their number.</summary>
    public async Task<(IReadOnlyList<ArtistSummary> Items, int Total)> ListAsync(int page, int limit, CancellationToken cancellationToken)
    {
        // Who is an artist, in name order, is kept until content changes (decision 0048): finding them tests every
        // account, and the index's pages are slices of that one list. The page's rows and counts are read now.
        var order = await cache.GetAsync("artists:order", ShowcaseCache.ContentLifetime, async () =>
            await Artists().OrderBy(u => EF.Functions.Collate(u.DisplayName, "NOCASE")).ThenBy(u => u.Id).Select(u => u.Id)
                .ToArrayAsync(cancellationToken));
        var total = order.Length;
        var published = PublicTracks();
        var pageIds = order.Skip(Paging.Offset(page, limit)).Take(limit).ToArray();
        var found = await db.Users.AsNoTracking().Where(u => pageIds.Contains(u.Id))
            .Select(u => new { u.Id, u.ArtistSlug, u.DisplayName, u.AvatarPath })
            .ToDictionaryAsync(u => u.Id, cancellationToken);
        var rows = pageIds.Where(found.ContainsKey).Select(id => found[id]).ToList();
        var ids = rows.Select(r => r.Id).ToArray();
        var tracks = await published.Where(t => ids.Contains(t.UploaderId)).GroupBy(t => t.UploaderId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var albumCounts = await db.Albums.Where(a => ids.Contains(a.OwnerId)).GroupBy(a => a.OwnerId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var items = new List<ArtistSummary>(rows.Count);
        var hidden = await preferences.PrivateProfilesAsync(ids, cancellationToken);
        foreach (var row in rows)
        {
            var slug = row.ArtistSlug ?? await slugs.EnsureAsync(row.Id, cancellationToken) ?? "";
            items.Add(new ArtistSummary(row.Id, slug, row.DisplayName, hidden.Contains(row.Id) ? null : AvatarVersion(row.AvatarPath),
                tracks.GetValueOrDefault(row.Id), albumCounts.GetValueOrDefault(row.Id)));
        }
        return (items, total);
    }

    /// <summary>A short token that changes with the avatar file (its generated name), for cache-safe image addresses.</summary>
    public static string? AvatarVersion(string? avatarPath) =>
        avatarPath is null ? null : Path.GetFileNameWithoutExtension(avatarPath) is { Length: > 8 } name ? name[..8] : Path.GetFileNameWithoutExtension(avatarPath);

    /// <summary>True when the account is an artist (the rule of <see cref="Artists"/>).</summary>
    public Task<bool> IsArtistAsync(int id, CancellationToken cancellationToken) =>
        Artists().AnyAsync(u => u.Id == id, cancellationToken);

    /// <summary>The ids of every artist, as a query to compose with (the rule of <see cref="Artists"/>).</summary>
    public IQueryable<int> ArtistIds() => Artists().Select(u => u.Id);

    /// <summary>The one rule for who is an artist: an account with a public, ready track or with an album, and not
    /// deleted (a deleted account's kept work is credited "Former member" and has no artist page).</summary>
    private IQueryable<AppUser> Artists()
    {
        var published = PublicTracks();
        return db.Users.Where(u => u.DeletedAt == null && (published.Any(t => t.UploaderId == u.Id) || db.Albums.Any(a => a.OwnerId == u.Id)));
    }

    /// <summary>The listed tracks, stated as the list indexes' WHERE: "is an artist" and an artist's track count
    /// read the partial index on the uploader (decision 0048).</summary>
    private IQueryable<Track> PublicTracks() => catalog.Listed();

    private IQueryable<Track> Tracks(int id, Viewer viewer) =>
        catalog.Visible(viewer).Where(t => t.UploaderId == id && t.State == TrackState.Ready);
}
