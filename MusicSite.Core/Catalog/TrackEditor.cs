using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MusicSite.Admin;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Jobs;
namespace MusicSite.Catalog;

public sealed record TrackChangeView(string Field, string? OldValue, string? NewValue, DateTime ChangedAt)
{
    /// <summary>The change in words, as the owner reads it in the change log.</summary>
    public string Text => TrackChangeWording.Describe(Field, OldValue, NewValue);
}

/// <summary>Edits and deletes tracks for their owner or an admin, keeping a change log of every edit and an audit
/// entry of every deletion.</summary>
public sealed class TrackEditor(MusicSiteDbContext db, CatalogLookups lookups, TrackCatalog catalog,
    TrackCleanupQueue cleanup, AuditLog audit, TimeProvider clock)
{
    public async Task<ServiceResult<Track>> UpdateAsync(int trackId, TrackMetadataInput input, Viewer actor, CancellationToken cancellationToken)
    {
        var (track, problem) = await FindForChangeAsync(trackId, actor, cancellationToken);
        if (track is null)
        {
            return problem!;
        }
        if (track.State is TrackState.Pending or TrackState.Processing)
        {
            return ServiceResult<Track>.Invalid("track", "The track is being processed; edit it when it is ready.", ErrorCodes.TrackProcessing);
        }

        var errors = new FieldErrors();
        var before = Snapshot(track);
        if (input.Title is not null)
        {
            TrackMetadataRules.CheckTitle(input.Title.Trim(), errors);
            track.Title = input.Title.Trim();
        }
        if (input.Artist is not null)
        {
            TrackMetadataRules.CheckArtist(input.Artist.Trim(), errors);
            track.ArtistName = input.Artist.Trim();
        }
        if (input.Description is not null)
        {
            track.Description = TrackMetadataRules.ParseDescription(input.Description, errors);
        }
        if (input.Bpm is not null)
        {
            track.Bpm = TrackMetadataRules.ParseBpm(input.Bpm, errors);
        }
        if (input.Key is not null)
        {
            track.Key = TrackMetadataRules.ParseKey(input.Key, errors);
        }
        if (input.IsPublic is not null)
        {
            track.IsPublic = TrackMetadataRules.ParseFlag(input.IsPublic, track.IsPublic, "isPublic", errors);
        }
        if (input.IsDownloadable is not null)
        {
            track.IsDownloadable = TrackMetadataRules.ParseFlag(input.IsDownloadable, track.IsDownloadable, "isDownloadable", errors);
        }
        if (input.License is not null && await lookups.LicenseAsync(input.License, errors, cancellationToken) is { } licenseId)
        {
            track.LicenseId = licenseId;
        }
        if (input.AlbumId is not null)
        {
            track.AlbumId = await lookups.AlbumAsync(input.AlbumId, actor, errors, cancellationToken);
        }
        if (input.TrackNumber is not null)
        {
            track.TrackNumber = TrackMetadataRules.ParseTrackNumber(input.TrackNumber, errors);
        }
        if (input.Tags is not null)
        {
            var tags = TrackMetadataRules.SplitTags(input.Tags);
            TrackMetadataRules.CheckTags(tags, errors);
            track.Tags.RemoveAll(t => !tags.Contains(t.Tag));
            track.Tags.AddRange(tags.Where(t => track.Tags.All(x => x.Tag != t)).Select(t => new TrackTag { Tag = t }));
        }
        if (input.Genres is not null)
        {
            await lookups.SetGenresAsync(track.Genres, input.Genres, errors, cancellationToken);
        }
        if (errors.Any)
        {
            db.ChangeTracker.Clear();
            return ServiceResult<Track>.Invalid(errors, ErrorCodes.InvalidMetadata);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var after = Snapshot(track);
        // Only real changes: both sides are normalised the same way (Snapshot), so a form that sends a field back
        // as it was logs nothing. Ids are logged by name, so the log reads without lookups later.
        foreach (var (field, old) in before.Where(b => after[b.Key] != b.Value))
        {
            db.TrackChanges.Add(new TrackChange
            {
                TrackId = track.Id, UserId = actor.UserId, Field = field, ChangedAt = now,
                OldValue = Cap(await NamedAsync(field, old, cancellationToken)), NewValue = Cap(await NamedAsync(field, after[field], cancellationToken)),
            });
        }
        // A new version: tagged downloads of the old one are no longer handed out.
        track.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<Track>.Ok(track);
    }

    /// <summary>Soft delete: the track disappears at once, its files are removed by a job, its play counts stay
    /// (no longer linked to the listeners). The deletion is audited, by the owner or an admin alike.</summary>
    public async Task<ServiceResult<Track>> DeleteAsync(int trackId, Viewer actor, AuditActor auditActor, CancellationToken cancellationToken)
    {
        var (track, problem) = await FindForChangeAsync(trackId, actor, cancellationToken);
        if (track is null)
        {
            return problem!;
        }
        audit.Record(auditActor, "track.delete", EntityType, track.Id, AuditValues(track), null);
        track.DeletedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await ForgetListenersAsync(db, [trackId], cancellationToken);
        await cleanup.EnqueueAsync(trackId, cancellationToken);
        return ServiceResult<Track>.Ok(track);
    }

    /// <summary>The plays of deleted tracks stay counted but no longer name their listeners (part of every track
    /// delete: this one and an admin's delete of a user with their content).</summary>
    public static Task<int> ForgetListenersAsync(MusicSiteDbContext db, IReadOnlyCollection<int> trackIds, CancellationToken cancellationToken) =>
        db.PlayEvents.Where(p => trackIds.Contains(p.TrackId)).ExecuteUpdateAsync(s => s.SetProperty(p => p.UserId, (int?)null), cancellationToken);

    /// <summary>The kind of thing a track's audit entries name.</summary>
    public const string EntityType = "Track";

    /// <summary>What the audit log keeps of a track when it is deleted or unpublished.</summary>
    public static object AuditValues(Track t) =>
        new { t.Title, Artist = t.ArtistName, t.UploaderId, t.IsPublic, State = t.State.ToString(), t.AlbumId, t.CreatedAt };

    public async Task<IReadOnlyList<TrackChangeView>> ChangesAsync(int trackId, CancellationToken cancellationToken) =>
        await db.TrackChanges.Where(c => c.TrackId == trackId).OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            .Select(c => new TrackChangeView(c.Field, c.OldValue, c.NewValue, c.ChangedAt)).Take(100).ToListAsync(cancellationToken);

    /// <summary>A snapshot value as the log keeps it: genres, license and album by name instead of id.</summary>
    private async Task<string?> NamedAsync(string field, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return null;
        }
        switch (field)
        {
            case "genres":
                var ids = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToList();
                var names = await db.Genres.Where(g => ids.Contains(g.Id)).Select(g => g.Name).ToListAsync(cancellationToken);
                return names.Count == 0 ? null : string.Join(TrackChangeWording.ListSeparator, names.Order(StringComparer.Ordinal));
            case "license":
                var licenseId = int.Parse(value, CultureInfo.InvariantCulture);
                return await db.Licenses.Where(l => l.Id == licenseId).Select(l => l.Name).FirstAsync(cancellationToken);
            case "album":
                var albumId = int.Parse(value, CultureInfo.InvariantCulture);
                return await db.Albums.Where(a => a.Id == albumId).Select(a => a.Title).FirstOrDefaultAsync(cancellationToken) ?? value;
            default:
                return value;
        }
    }

    /// <summary>404 when the actor cannot see the track, 403 when they see it but it is not theirs.</summary>
    private async Task<(Track?, ServiceResult<Track>?)> FindForChangeAsync(int trackId, Viewer actor, CancellationToken cancellationToken)
    {
        if (!await catalog.Visible(actor).AnyAsync(t => t.Id == trackId, cancellationToken))
        {
            return (null, ServiceResult<Track>.Invalid("track", "No track has this id.", ErrorCodes.TrackNotFound));
        }
        var track = await db.Tracks.Include(t => t.Tags).Include(t => t.Genres).FirstAsync(t => t.Id == trackId, cancellationToken);
        if (!actor.MayManage(track.UploaderId))
        {
            return (null, ServiceResult<Track>.Invalid("track", "Only the uploader or an admin can change this track.", ErrorCodes.UnauthorizedAccess));
        }
        return (track, null);
    }

    private static Dictionary<string, string?> Snapshot(Track t) => new()
    {
        ["title"] = t.Title,
        ["artist"] = t.ArtistName,
        ["description"] = TrackMetadataRules.NormalizeDescription(t.Description),
        ["bpm"] = t.Bpm?.ToString(CultureInfo.InvariantCulture),
        ["key"] = t.Key,
        ["license"] = t.LicenseId.ToString(CultureInfo.InvariantCulture),
        ["isPublic"] = t.IsPublic ? "true" : "false",
        ["isDownloadable"] = t.IsDownloadable ? "true" : "false",
        ["tags"] = t.Tags.Count == 0 ? null : string.Join(TrackChangeWording.ListSeparator, t.Tags.Select(x => x.Tag).Order(StringComparer.Ordinal)),
        ["genres"] = t.Genres.Count == 0 ? null : string.Join(",", t.Genres.Select(g => g.GenreId).Order()),
        ["album"] = t.AlbumId?.ToString(CultureInfo.InvariantCulture),
        ["trackNumber"] = t.TrackNumber?.ToString(CultureInfo.InvariantCulture),
    };

    private static string? Cap(string? value) => value is { Length: > 2000 } ? value[..2000] : value;
}
