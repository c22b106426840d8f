using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MusicSite.Admin;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Media;
namespace MusicSite.Catalog;

public sealed record AlbumInput(string? Title, string? ArtistName, string? ReleaseDate, string? Description, IReadOnlyList<string>? Genres);

public sealed record AlbumTrack(int Id, int? Number, string Title, string ArtistName, double? DurationSeconds, string LicenseName, double? ReplayGainDb,
    DateTime UpdatedAt, UploaderRef? Uploader = null);

/// <summary>An album page: its tracks in order, total length, and who is credited.</summary>
public sealed record AlbumDetail(int Id, string Title, string ArtistName, DateOnly? ReleaseDate, string? Description, bool HasArtwork,
    IReadOnlyList<GenreRef> Genres, UploaderRef Owner, IReadOnlyList<AlbumTrack> Tracks, double TotalSeconds,
    IReadOnlyList<string> Artists, IReadOnlyList<string> Licenses, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>Albums: list, read, and create/edit/delete by their owner (an artist) or an admin.</summary>
public sealed class AlbumService(MusicSiteDbContext db, TrackCatalog catalog, CatalogLookups lookups, ArtworkStore artworkStore,
    IOptions<MusicSiteOptions> siteOptions, IOptions<UploadOptions> uploadOptions, TimeProvider clock, Notifications.ReleaseNotices notices, AuditLog audit)
{

    public async Task<(IReadOnlyList<AlbumSummary> Items, int Total)> ListAsync(Viewer viewer, int page, int limit, int? ownerId,
        CancellationToken cancellationToken)
    {
        var albums = db.Albums.AsNoTracking();
        if (ownerId is not null)
        {
            albums = albums.Where(a => a.OwnerId == ownerId);
        }
        var total = await albums.CountAsync(cancellationToken);
        var visible = catalog.Visible(viewer);
        var items = await albums.OrderByDescending(a => a.ReleaseDate).ThenByDescending(a => a.Id)
            .Skip(Paging.Offset(page, limit)).Take(limit)
            .Select(a => new AlbumSummary(a.Id, a.Title, a.ArtistName, a.ReleaseDate, visible.Count(t => t.AlbumId == a.Id), a.UpdatedAt,
                new UploaderRef(a.OwnerId, a.Owner!.DisplayName, a.Owner.ArtistSlug, a.Owner.FollowerCount)))
            .ToListAsync(cancellationToken);
        return (items, total);
    }

    public async Task<AlbumDetail?> FindAsync(int id, Viewer viewer, CancellationToken cancellationToken)
    {
        var album = await db.Albums.AsNoTracking().Include(a => a.Owner).Include(a => a.Genres).ThenInclude(g => g.Genre)
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (album is null)
        {
            return null;
        }
        var tracks = await catalog.Visible(viewer).Where(t => t.AlbumId == id && t.State == TrackState.Ready)
            .OrderBy(t => t.TrackNumber == null).ThenBy(t => t.TrackNumber).ThenBy(t => t.Id)
            .Select(t => new
            {
                t.Id, t.TrackNumber, t.Title, t.ArtistName, t.DurationSeconds, License = t.License!.Name, t.ReplayGainDb, t.UpdatedAt,
                Uploader = new UploaderRef(t.UploaderId, t.Uploader!.DisplayName, t.Uploader.ArtistSlug),
            })
            .ToListAsync(cancellationToken);
        return new AlbumDetail(album.Id, album.Title, album.ArtistName, album.ReleaseDate, album.Description, album.ArtworkPath is not null,
            album.Genres.Select(g => new GenreRef(g.GenreId, g.Genre!.Name, g.Genre.Slug)).OrderBy(g => g.Name).ToList(),
            new UploaderRef(album.OwnerId, album.Owner!.DisplayName, album.Owner.ArtistSlug, album.Owner.FollowerCount),
            tracks.Select(t => new AlbumTrack(t.Id, t.TrackNumber, t.Title, t.ArtistName, t.DurationSeconds, t.License, t.ReplayGainDb, t.UpdatedAt, t.Uploader)).ToList(),
            tracks.Sum(t => t.DurationSeconds ?? 0),
            tracks.Select(t => t.ArtistName).Prepend(album.ArtistName).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            tracks.Select(t => t.License).Distinct().Order().ToList(), album.CreatedAt, album.UpdatedAt);
    }

    public async Task<ServiceResult<Album>> CreateAsync(AlbumInput input, StagedFile? artwork, Viewer owner, string ownerName,
        CancellationToken cancellationToken)
    {
        var album = new Album { OwnerId = owner.UserId!.Value, CreatedAt = clock.GetUtcNow().UtcDateTime };
        var errors = await ApplyAsync(album, input with { ArtistName = string.IsNullOrWhiteSpace(input.ArtistName) ? ownerName : input.ArtistName },
            requireAll: true, cancellationToken);
        if (errors.Any)
        {
            return ServiceResult<Album>.Invalid(errors, ErrorCodes.InvalidMetadata);
        }
        if (artwork is not null && await StoreArtworkAsync(album, artwork, cancellationToken) is { } artworkError)
        {
            return ServiceResult<Album>.Invalid("artwork", artworkError, ErrorCodes.InvalidMetadata);
        }
        // The album and its followers' notifications (which link to its id) are saved together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Albums.Add(album);
        await db.SaveChangesAsync(cancellationToken);
        await notices.AlbumPublishedAsync(album, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ServiceResult<Album>.Ok(album);
    }

    public async Task<ServiceResult<Album>> UpdateAsync(int id, AlbumInput input, StagedFile? artwork, Viewer actor, CancellationToken cancellationToken)
    {
        var album = await db.Albums.Include(a => a.Genres).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (Refuse(album, actor) is { } refusal)
        {
            return refusal;
        }
        var errors = await ApplyAsync(album!, input, requireAll: false, cancellationToken);
        if (errors.Any)
        {
            return ServiceResult<Album>.Invalid(errors, ErrorCodes.InvalidMetadata);
        }
        var previousArtwork = album!.ArtworkPath;
        if (artwork is not null && await StoreArtworkAsync(album, artwork, cancellationToken) is { } artworkError)
        {
            return ServiceResult<Album>.Invalid("artwork", artworkError, ErrorCodes.InvalidMetadata);
        }
        await db.SaveChangesAsync(cancellationToken);
        DeleteReplaced(previousArtwork, album.ArtworkPath);
        return ServiceResult<Album>.Ok(album);
    }

    /// <summary>New artwork for the album; on a refused image the old artwork stays as it was.</summary>
    public async Task<ServiceResult<Album>> ReplaceArtworkAsync(int id, StagedFile image, Viewer actor, CancellationToken cancellationToken)
    {
        var album = await db.Albums.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (Refuse(album, actor) is { } refusal)
        {
            return refusal;
        }
        var previous = album!.ArtworkPath;
        var folder = NewArtworkFolder();
        var maxBytes = uploadOptions.Value.MaxArtworkBytes;
        var check = await artworkStore.StoreAsync(image.Path, folder, maxBytes, cancellationToken);
        if (check != ImageCheck.Ok)
        {
            return ServiceResult<Album>.Invalid("artwork", ImageNormalizer.Describe(check, maxBytes), ImageNormalizer.CodeFor(check));
        }
        album.ArtworkPath = folder;
        album.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        DeleteReplaced(previous, folder);
        return ServiceResult<Album>.Ok(album);
    }

    /// <summary>Removes the album's artwork: it shows its generated cover again.</summary>
    public async Task<ServiceResult<Album>> RemoveArtworkAsync(int id, Viewer actor, CancellationToken cancellationToken)
    {
        var album = await db.Albums.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (Refuse(album, actor) is { } refusal)
        {
            return refusal;
        }
        var previous = album!.ArtworkPath;
        album.ArtworkPath = null;
        album.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        DeleteReplaced(previous, null);
        return ServiceResult<Album>.Ok(album);
    }

    /// <summary>The old cover goes only once the row names the new one; a crash before that leaves a folder that
    /// nothing refers to, which the start-up sweep removes (OrphanMediaSweep).</summary>
    private void DeleteReplaced(string? previous, string? current)
    {
        if (previous is not null && previous != current)
        {
            artworkStore.Delete(previous);
        }
    }

    /// <summary>Deletes the album; its tracks stay, as singles. Audited, by the owner or an admin alike.</summary>
    public async Task<ServiceResult<Album>> DeleteAsync(int id, Viewer actor, AuditActor auditActor, CancellationToken cancellationToken)
    {
        var album = await db.Albums.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (Refuse(album, actor) is { } refusal)
        {
            return refusal;
        }
        audit.Record(auditActor, "album.delete", "Album", album!.Id,
            new { album.Title, Artist = album.ArtistName, album.OwnerId, album.ReleaseDate, album.CreatedAt }, null);
        var artwork = album.ArtworkPath;
        db.Albums.Remove(album);
        await db.SaveChangesAsync(cancellationToken);
        artworkStore.Delete(artwork);
        return ServiceResult<Album>.Ok(album);
    }

    /// <summary>The album's cover at the large or the thumbnail size, or null when no album has this id.</summary>
    public async Task<CoverLookup?> CoverAsync(int id, bool thumbnail, CancellationToken cancellationToken)
    {
        var album = await db.Albums.Where(a => a.Id == id).Select(a => new { a.Title, a.UpdatedAt, a.ArtworkPath })
            .FirstOrDefaultAsync(cancellationToken);
        return album is null ? null : CoverLookup.From(album.Title, album.UpdatedAt, album.ArtworkPath, thumbnail, siteOptions.Value.Paths);
    }

    /// <summary>The viewer's own albums (all albums for an admin), for the track form's album choice.</summary>
    public async Task<IReadOnlyList<(int Id, string Title)>> ChoicesAsync(Viewer viewer, CancellationToken cancellationToken) =>
        (await viewer.Managed(db.Albums, a => a.OwnerId).OrderBy(a => a.Title)
            .Select(a => new { a.Id, a.Title }).ToListAsync(cancellationToken)).Select(a => (a.Id, a.Title)).ToList();

    private static ServiceResult<Album>? Refuse(Album? album, Viewer actor) => album switch
    {
        null => ServiceResult<Album>.Invalid("album", "No album has this id.", ErrorCodes.AlbumNotFound),
        _ when !actor.MayManage(album.OwnerId) =>
            ServiceResult<Album>.Invalid("album", "Only the album's owner or an admin can change it.", ErrorCodes.UnauthorizedAccess),
        _ => null,
    };

    private async Task<FieldErrors> ApplyAsync(Album album, AlbumInput input, bool requireAll, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (requireAll || input.Title is not null)
        {
            TrackMetadataRules.CheckTitle(input.Title?.Trim(), errors);
            album.Title = input.Title?.Trim() ?? "";
        }
        if (requireAll || input.ArtistName is not null)
        {
            TrackMetadataRules.CheckArtist(input.ArtistName?.Trim(), errors, "artistName");
            album.ArtistName = input.ArtistName?.Trim() ?? "";
        }
        if (input.Description is not null)
        {
            album.Description = TrackMetadataRules.ParseDescription(input.Description, errors);
        }
        if (input.ReleaseDate is not null)
        {
            if (string.IsNullOrWhiteSpace(input.ReleaseDate))
            {
                album.ReleaseDate = null;
            }
            else if (DateOnly.TryParseExact(input.ReleaseDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                     && date.Year is >= 1900 and <= 2100)
            {
                album.ReleaseDate = date;
            }
            else
            {
                errors.Add("releaseDate", "Write the release date as YYYY-MM-DD.");
            }
        }
        if (input.Genres is not null)
        {
            await lookups.SetGenresAsync(album.Genres, input.Genres, errors, cancellationToken);
        }
        album.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        return errors;
    }

    /// <summary>Checks the image by content and makes each display size; null when stored, else the reason.</summary>
    private async Task<string?> StoreArtworkAsync(Album album, StagedFile artwork, CancellationToken cancellationToken)
    {
        var folder = NewArtworkFolder();
        var maxBytes = uploadOptions.Value.MaxArtworkBytes;
        var check = await artworkStore.StoreAsync(artwork.Path, folder, maxBytes, cancellationToken);
        if (check != ImageCheck.Ok)
        {
            return ImageNormalizer.Describe(check, maxBytes);
        }
        album.ArtworkPath = folder;
        return null;
    }

    /// <summary>Each version of an album's artwork gets a folder of its own, so a cached old one is never overwritten.</summary>
    private static string NewArtworkFolder() => Path.Combine("albums", Guid.NewGuid().ToString("N"));
}
