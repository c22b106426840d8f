using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Notifications;

namespace MusicSite.Attribution;

/// <summary>
/// Registering lineage: a derivative owner declares the originals of their track, or that it uses a stem, and may
/// remove a link they made. Every refusal has its own code; the license check is <see cref="LicenseCompatibility"/>'s.
/// A link the licenses leave to the owner waits as a pending request (<see cref="LineageRequests"/> answers it).
/// Each registration runs in one write transaction, so the checks and the new row see the same lineage.
/// </summary>
public sealed class LineageRegistry(MusicSiteDbContext db, TrackCatalog catalog, StemCatalog stemCatalog, Notifier notifier,
    TimeProvider time)
{
    private readonly LineageWalk walk = new(db);
    private readonly LineageNotices notices = new(db, notifier);
    private readonly LinkViews views = new(db, catalog, stemCatalog);

    private sealed record TrackFacts(int Id, string Title, bool IsPublic, int UploaderId, License License)
    {
        public LineageNotices.Work Work => new(Id, Title, IsPublic, UploaderId);
    }

    /// <summary>Registers the caller's track <paramref name="derivativeId"/> as built on <paramref name="originalId"/>.</summary>
    public async Task<ServiceResult<LinkView>> RegisterRemixAsync(int originalId, int derivativeId, RelationKind kind, Viewer viewer,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await FactsAsync(originalId, viewer, cancellationToken) is not { } original)
        {
            return ServiceResult<LinkView>.Invalid("id", "No track has this id.", ErrorCodes.TrackNotFound);
        }
        var (derivative, refusal) = await OwnTrackAsync(derivativeId, "remixTrackId", viewer, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (originalId == derivativeId)
        {
            return ServiceResult<LinkView>.Invalid("remixTrackId", "A track cannot be a remix of itself.", ErrorCodes.SelfLink);
        }
        var existing = await db.TrackRelations.Where(r => r.OriginalId == originalId && r.DerivativeId == derivativeId)
            .Select(r => (LinkStatus?)r.Status).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } status)
        {
            return Duplicate(status);
        }
        if (await walk.WouldCycleAsync(originalId, derivativeId, cancellationToken))
        {
            return Cycle();
        }
        var verdict = LicenseCompatibility.Check(original.License, derivative!.License);
        if (verdict.Outcome == Compatibility.Clash)
        {
            return ServiceResult<LinkView>.Invalid("license", verdict.Reason, ErrorCodes.LicenseConflict);
        }
        var pending = verdict.Outcome == Compatibility.NeedsApproval && viewer.UserId != original.UploaderId;
        var link = new TrackRelation
        {
            OriginalId = originalId, DerivativeId = derivativeId, Kind = kind, Status = pending ? LinkStatus.Pending : LinkStatus.Approved,
            RequestedById = viewer.UserId!.Value, CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.TrackRelations.Add(link);
        await notices.RemixAsync(original.Work, derivative.Work, kind, pending, viewer.UserId.Value, verdict.Reason, cancellationToken);
        if (!await SaveAsync(cancellationToken))
        {
            return Duplicate(LinkStatus.Pending);
        }
        await transaction.CommitAsync(cancellationToken);
        return ServiceResult<LinkView>.Ok((await views.RemixAsync(link.Id, viewer, cancellationToken))! with { Reason = verdict.Reason });
    }

    /// <summary>Registers that the caller's track <paramref name="trackId"/> uses stem <paramref name="stemId"/>.</summary>
    public async Task<ServiceResult<LinkView>> RegisterStemUseAsync(int stemId, int trackId, Viewer viewer, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stem = await stemCatalog.Visible(viewer).Where(s => s.Id == stemId)
            .Select(s => new { s.Id, s.Name, s.TrackId, s.UploaderId, s.License, s.RemixAllowed, s.CommercialAllowed, s.AttributionRequired })
            .FirstOrDefaultAsync(cancellationToken);
        if (stem is null)
        {
            return ServiceResult<LinkView>.Invalid("id", "No stem has this id.", ErrorCodes.StemNotFound);
        }
        var (track, refusal) = await OwnTrackAsync(trackId, "trackId", viewer, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (stem.TrackId == trackId)
        {
            return ServiceResult<LinkView>.Invalid("trackId", "A track cannot use its own stem as a source.", ErrorCodes.SelfLink);
        }
        var existing = await db.StemUsages.Where(u => u.StemId == stemId && u.TrackId == trackId)
            .Select(u => (LinkStatus?)u.Status).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } status)
        {
            return Duplicate(status);
        }
        if (await walk.WouldCycleAsync(stem.TrackId, trackId, cancellationToken))
        {
            return Cycle();
        }
        var verdict = LicenseCompatibility.Check(
            LicenseSource.OfStem(stem.License!, new StemRights(stem.RemixAllowed, stem.CommercialAllowed, stem.AttributionRequired)),
            track!.License);
        if (verdict.Outcome == Compatibility.Clash)
        {
            return ServiceResult<LinkView>.Invalid("license", verdict.Reason, ErrorCodes.LicenseConflict);
        }
        var pending = verdict.Outcome == Compatibility.NeedsApproval && viewer.UserId != stem.UploaderId;
        var use = new StemUsage
        {
            StemId = stemId, TrackId = trackId, Status = pending ? LinkStatus.Pending : LinkStatus.Approved,
            RequestedById = viewer.UserId!.Value, CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.StemUsages.Add(use);
        var source = await db.Tracks.Where(t => t.Id == stem.TrackId)
            .Select(t => new LineageNotices.Work(t.Id, t.Title, t.IsPublic && t.DeletedAt == null, t.UploaderId)).SingleAsync(cancellationToken);
        await notices.StemAsync(stem.UploaderId, stem.Name, source, track.Work, pending, viewer.UserId.Value, verdict.Reason, cancellationToken);
        if (!await SaveAsync(cancellationToken))
        {
            return Duplicate(LinkStatus.Pending);
        }
        await transaction.CommitAsync(cancellationToken);
        return ServiceResult<LinkView>.Ok((await views.StemAsync(use.Id, viewer, cancellationToken))! with { Reason = verdict.Reason });
    }

    /// <summary>Removes a link (or request) the caller may manage from the derivative's side; anyone else finds nothing.</summary>
    public async Task<ServiceResult<bool>> RemoveAsync(string type, int id, Viewer viewer, CancellationToken cancellationToken)
    {
        var removed = type switch
        {
            LinkTypes.Remix => await viewer.Managed(db.TrackRelations.Where(r => r.Id == id), r => r.Derivative!.UploaderId)
                .ExecuteDeleteAsync(cancellationToken),
            LinkTypes.Stem => await viewer.Managed(db.StemUsages.Where(u => u.Id == id), u => u.Track!.UploaderId)
                .ExecuteDeleteAsync(cancellationToken),
            _ => 0,
        };
        return removed > 0
            ? ServiceResult<bool>.Ok(true)
            : ServiceResult<bool>.Invalid("id", "No link of yours has this id.", ErrorCodes.LinkNotFound);
    }

    /// <summary>A visible track with its license, or null.</summary>
    private Task<TrackFacts?> FactsAsync(int trackId, Viewer viewer, CancellationToken cancellationToken) =>
        catalog.Visible(viewer).Where(t => t.Id == trackId)
            .Select(t => new TrackFacts(t.Id, t.Title, t.IsPublic, t.UploaderId, t.License!))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The caller's own track (or any, for an admin): unknown to them is a 404, someone else's a 403.</summary>
    private async Task<(TrackFacts? Track, ServiceResult<LinkView>? Refusal)> OwnTrackAsync(int trackId, string field, Viewer viewer,
        CancellationToken cancellationToken)
    {
        var track = await FactsAsync(trackId, viewer, cancellationToken);
        if (track is null)
        {
            return (null, ServiceResult<LinkView>.Invalid(field, "No track has this id.", ErrorCodes.TrackNotFound));
        }
        return viewer.MayManage(track.UploaderId)
            ? (track, null)
            : (null, ServiceResult<LinkView>.Invalid(field, "Only the track's owner can declare what it is built on.", ErrorCodes.UnauthorizedAccess));
    }

    private static ServiceResult<LinkView> Duplicate(LinkStatus status) => ServiceResult<LinkView>.Invalid("link", status switch
    {
        LinkStatus.Approved => "This link is already registered.",
        LinkStatus.Pending => "This link already waits for the owner's approval.",
        _ => "The owner declined this link. Remove the declined request to ask again.",
    }, ErrorCodes.DuplicateLink);

    private static ServiceResult<LinkView> Cycle() => ServiceResult<LinkView>.Invalid("link",
        "The original is already built on this track (at some generation): the link would make a work its own ancestor.",
        ErrorCodes.LineageCycle);

    /// <summary>Saves; false when the unique index refused a second identical link that slipped past the check.</summary>
    private async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
