using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Notifications;

namespace MusicSite.Attribution;

/// <summary>
/// Pending links that wait for the original's (or the stem's) owner: the owner's list, the requester's list with the
/// answers, and accepting or declining. Only that owner or an admin may answer; to anyone else a request does not
/// exist. Either answer tells the requester.
/// </summary>
public sealed class LineageRequests(MusicSiteDbContext db, TrackCatalog catalog, StemCatalog stemCatalog, Notifier notifier,
    TimeProvider time)
{
    /// <summary>The most requests each list shows, newest first.</summary>
    public const int ListLimit = 50;

    private readonly LinkViews views = new(db, catalog, stemCatalog);
    private readonly LineageNotices notices = new(db, notifier);

    public async Task<LinkRequests> ListAsync(Viewer viewer, CancellationToken cancellationToken)
    {
        var me = viewer.UserId ?? 0;
        var incoming = (await RowsAsync(db.TrackRelations.Where(r => r.Status == LinkStatus.Pending && r.Original!.UploaderId == me), cancellationToken))
            .Concat(await RowsAsync(db.StemUsages.Where(u => u.Status == LinkStatus.Pending && u.Stem!.UploaderId == me), cancellationToken));
        // The requester's own requests: those that waited for an answer (a link made at once is no request).
        var outgoing = (await RowsAsync(db.TrackRelations.Where(r => r.RequestedById == me && (r.Status == LinkStatus.Pending || r.AnsweredAt != null)),
                cancellationToken))
            .Concat(await RowsAsync(db.StemUsages.Where(u => u.RequestedById == me && (u.Status == LinkStatus.Pending || u.AnsweredAt != null)),
                cancellationToken));
        return new LinkRequests(
            await views.ViewsAsync(Newest(incoming), viewer, cancellationToken),
            await views.ViewsAsync(Newest(outgoing), viewer, cancellationToken));
    }

    /// <summary>Accepts or declines a pending request of <paramref name="type"/> "remix" or "stem".</summary>
    public async Task<ServiceResult<LinkView>> AnswerAsync(string type, int id, bool accept, Viewer viewer, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var status = accept ? LinkStatus.Approved : LinkStatus.Declined;
        if (type == LinkTypes.Remix)
        {
            var link = await viewer.Managed(db.TrackRelations.Where(r => r.Id == id), r => r.Original!.UploaderId)
                .Include(r => r.Original).Include(r => r.Derivative).FirstOrDefaultAsync(cancellationToken);
            if (link is null)
            {
                return NotFound();
            }
            if (link.Status != LinkStatus.Pending)
            {
                return AlreadyAnswered(link.Status);
            }
            (link.Status, link.AnsweredAt) = (status, now);
            await notices.AnsweredAsync(link.RequestedById, viewer.UserId ?? 0, accept, LineageNotices.Name(Work(link.Original!)),
                Work(link.Derivative!), cancellationToken);
        }
        else if (type == LinkTypes.Stem)
        {
            var use = await viewer.Managed(db.StemUsages.Where(u => u.Id == id), u => u.Stem!.UploaderId)
                .Include(u => u.Stem).Include(u => u.Track).FirstOrDefaultAsync(cancellationToken);
            if (use is null)
            {
                return NotFound();
            }
            if (use.Status != LinkStatus.Pending)
            {
                return AlreadyAnswered(use.Status);
            }
            (use.Status, use.AnsweredAt) = (status, now);
            await notices.AnsweredAsync(use.RequestedById, viewer.UserId ?? 0, accept, $"the stem “{use.Stem!.Name}”", Work(use.Track!),
                cancellationToken);
        }
        else
        {
            return NotFound();
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var view = type == LinkTypes.Remix ? await views.RemixAsync(id, viewer, cancellationToken) : await views.StemAsync(id, viewer, cancellationToken);
        return ServiceResult<LinkView>.Ok(view!);
    }

    private Task<List<LinkViews.Row>> RowsAsync(IQueryable<TrackRelation> relations, CancellationToken cancellationToken) =>
        LinkViews.Rows(relations.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(ListLimit), db).ToListAsync(cancellationToken);

    private Task<List<LinkViews.Row>> RowsAsync(IQueryable<StemUsage> uses, CancellationToken cancellationToken) =>
        LinkViews.Rows(uses.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id).Take(ListLimit), db).ToListAsync(cancellationToken);

    private static List<LinkViews.Row> Newest(IEnumerable<LinkViews.Row> rows) =>
        rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(ListLimit).ToList();

    private static LineageNotices.Work Work(Track track) => new(track.Id, track.Title, track.IsPublic && track.DeletedAt == null, track.UploaderId);

    private static ServiceResult<LinkView> NotFound() =>
        ServiceResult<LinkView>.Invalid("id", "No request on your works has this id.", ErrorCodes.LinkNotFound);

    private static ServiceResult<LinkView> AlreadyAnswered(LinkStatus status) =>
        ServiceResult<LinkView>.Invalid("status", $"This request was already answered: it is {LineageNames.Of(status)}.", ErrorCodes.Conflict);
}
