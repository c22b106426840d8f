using Microsoft.EntityFrameworkCore;
using MusicSite.Admin;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Community;

/// <summary>
/// Timed comments: the one owner of who may read, write, change and remove them. A comment belongs to a ready track
/// the viewer may see (anything else is "not found"); replies go one level deep (an answer to a reply joins the
/// top comment's thread) and carry the top comment's moment; authors edit their own; authors, the track's owner
/// and admins delete (every deletion is audited, the author's own too). Tracks.CommentCount is the
/// database's business (triggers).
/// </summary>
public sealed class Comments(MusicSiteDbContext db, TrackCatalog catalog, CommentNotices notices, AuditLog audit, TimeProvider time)
{
    /// <summary>How many markers the waveform shows at most (the earliest threads by moment).</summary>
    public const int MaxMarkers = 500;

    /// <summary>The ready track <paramref name="trackId"/> if the viewer may see it, else null.</summary>
    public Task<CommentTarget?> TargetAsync(int trackId, Viewer viewer, CancellationToken cancellationToken) =>
        catalog.Visible(viewer).AsNoTracking().Where(t => t.Id == trackId && t.State == TrackState.Ready)
            .Select(t => new CommentTarget(t.Id, t.Title, t.DurationSeconds, t.UploaderId, t.IsPublic))
            .FirstOrDefaultAsync(cancellationToken)!;

    /// <summary>A page of threads, earliest moment first (ties: oldest first), each with all its replies.</summary>
    public async Task<ServiceResult<CommentPage>> ListAsync(int trackId, Viewer viewer, int page, int limit, CancellationToken cancellationToken)
    {
        var target = await TargetAsync(trackId, viewer, cancellationToken);
        if (target is null)
        {
            return TrackMissing<CommentPage>();
        }
        var top = db.TrackComments.AsNoTracking().Where(c => c.TrackId == trackId && c.ParentId == null);
        var total = await top.CountAsync(cancellationToken);
        var threads = await Project(top.OrderBy(c => c.TimestampSeconds).ThenBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip(Paging.Offset(page, limit)).Take(limit)).ToListAsync(cancellationToken);
        var ids = threads.Select(t => t.Id).ToList();
        var replies = (await Project(db.TrackComments.AsNoTracking().Where(c => c.ParentId != null && ids.Contains(c.ParentId.Value))
                .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)).ToListAsync(cancellationToken))
            .ToLookup(r => r.ParentCommentId);
        var views = threads.Select(t => Allow(t, target, viewer) with
        {
            Replies = replies[t.Id].Select(r => Allow(r, target, viewer)).ToList(),
        }).ToList();
        return ServiceResult<CommentPage>.Ok(new CommentPage(views, total));
    }

    /// <summary>The top comments' moments for the waveform (at most <see cref="MaxMarkers"/>); empty when the viewer
    /// may not see the track.</summary>
    public async Task<IReadOnlyList<CommentMarker>> MarkersAsync(int trackId, Viewer viewer, CancellationToken cancellationToken)
    {
        if (await TargetAsync(trackId, viewer, cancellationToken) is null)
        {
            return [];
        }
        return await db.TrackComments.AsNoTracking().Where(c => c.TrackId == trackId && c.ParentId == null)
            .OrderBy(c => c.TimestampSeconds).ThenBy(c => c.Id).Take(MaxMarkers)
            .Select(c => new CommentMarker(c.Id, c.TimestampSeconds, c.User!.DisplayName)).ToListAsync(cancellationToken);
    }

    /// <summary>One comment the viewer may see, with its replies if it is a top comment.</summary>
    public async Task<CommentView?> FindAsync(int id, Viewer viewer, CancellationToken cancellationToken)
    {
        var trackId = await db.TrackComments.Where(c => c.Id == id).Select(c => (int?)c.TrackId).FirstOrDefaultAsync(cancellationToken);
        var target = trackId is null ? null : await TargetAsync(trackId.Value, viewer, cancellationToken);
        if (target is null)
        {
            return null;
        }
        var comment = await Project(db.TrackComments.AsNoTracking().Where(c => c.Id == id)).SingleAsync(cancellationToken);
        var replies = await Project(db.TrackComments.AsNoTracking().Where(c => c.ParentId == id).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id))
            .ToListAsync(cancellationToken);
        return Allow(comment, target, viewer) with { Replies = replies.Select(r => Allow(r, target, viewer)).ToList() };
    }

    /// <summary>Adds a top comment at <paramref name="timestamp"/> seconds and tells the track's owner.</summary>
    public async Task<ServiceResult<CommentView>> AddAsync(int trackId, string? content, double? timestamp, Viewer viewer,
        CancellationToken cancellationToken)
    {
        if (viewer.UserId is not { } userId)
        {
            return ServiceResult<CommentView>.Invalid(new FieldErrors(), ErrorCodes.Unauthorized);
        }
        var target = await TargetAsync(trackId, viewer, cancellationToken);
        if (target is null)
        {
            return TrackMissing<CommentView>();
        }
        var errors = new FieldErrors();
        var text = CommentRules.CheckContent(content, errors);
        var moment = CommentRules.CheckTimestamp(timestamp, target.DurationSeconds, errors);
        if (errors.Any)
        {
            return ServiceResult<CommentView>.Invalid(errors);
        }
        var comment = NewComment(trackId, userId, null, text!, moment!.Value);
        await notices.CommentedAsync(target, userId, moment.Value, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<CommentView>.Ok((await FindAsync(comment.Id, viewer, cancellationToken))!);
    }

    /// <summary>Answers comment <paramref name="parentId"/> (an answer to a reply joins its top comment's thread) and
    /// tells the author of the comment answered.</summary>
    public async Task<ServiceResult<CommentView>> ReplyAsync(int parentId, string? content, Viewer viewer, CancellationToken cancellationToken)
    {
        if (viewer.UserId is not { } userId)
        {
            return ServiceResult<CommentView>.Invalid(new FieldErrors(), ErrorCodes.Unauthorized);
        }
        var answered = await db.TrackComments.AsNoTracking().Where(c => c.Id == parentId)
            .Select(c => new { c.Id, c.TrackId, c.UserId, c.ParentId, c.TimestampSeconds }).FirstOrDefaultAsync(cancellationToken);
        var target = answered is null ? null : await TargetAsync(answered.TrackId, viewer, cancellationToken);
        if (answered is null || target is null)
        {
            return CommentMissing();
        }
        var errors = new FieldErrors();
        var text = CommentRules.CheckContent(content, errors);
        if (errors.Any)
        {
            return ServiceResult<CommentView>.Invalid(errors);
        }
        var reply = NewComment(answered.TrackId, userId, answered.ParentId ?? answered.Id, text!, answered.TimestampSeconds);
        await notices.RepliedAsync(target, answered.UserId, userId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<CommentView>.Ok((await FindAsync(reply.Id, viewer, cancellationToken))!);
    }

    /// <summary>The author changes the text and, for a top comment, the moment (its replies move with it).
    /// A moment sent for a reply is refused: a reply always sits at its thread's moment.</summary>
    public async Task<ServiceResult<CommentView>> EditAsync(int id, string? content, double? timestamp, Viewer viewer,
        CancellationToken cancellationToken)
    {
        var (comment, target, problem) = await LoadAsync(id, viewer, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (comment!.UserId != viewer.UserId)
        {
            return ServiceResult<CommentView>.Invalid(new FieldErrors(), ErrorCodes.UnauthorizedAccess);
        }
        var errors = new FieldErrors();
        var text = CommentRules.CheckContent(content, errors);
        double? moment = null;
        if (timestamp is not null && comment.ParentId is not null)
        {
            errors.Add(CommentRules.TimestampField, "A reply sits at its thread's moment; change the top comment's moment instead.");
        }
        else if (timestamp is not null)
        {
            moment = CommentRules.CheckTimestamp(timestamp, target!.DurationSeconds, errors);
        }
        if (errors.Any)
        {
            return ServiceResult<CommentView>.Invalid(errors);
        }
        comment.Content = text!;
        comment.EditedAt = time.GetUtcNow().UtcDateTime;
        if (moment is { } at && at != comment.TimestampSeconds)
        {
            comment.TimestampSeconds = at;
            foreach (var reply in await db.TrackComments.Where(r => r.ParentId == comment.Id).ToListAsync(cancellationToken))
            {
                reply.TimestampSeconds = at;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<CommentView>.Ok((await FindAsync(id, viewer, cancellationToken))!);
    }

    /// <summary>Removes a comment and (by the foreign key's cascade) its replies; returns the track's id.</summary>
    public async Task<ServiceResult<int>> DeleteAsync(int id, Viewer viewer, AuditActor actor, CancellationToken cancellationToken)
    {
        var (comment, target, problem) = await LoadAsync(id, viewer, cancellationToken);
        if (problem is not null)
        {
            return ServiceResult<int>.Invalid(problem.Errors, problem.Code!);
        }
        if (!MayDelete(comment!.UserId, target!, viewer))
        {
            return ServiceResult<int>.Invalid(new FieldErrors(), ErrorCodes.UnauthorizedAccess);
        }
        audit.Record(actor, "comment.delete", "TrackComment", comment.Id,
            new { comment.TrackId, comment.UserId, comment.ParentId, comment.TimestampSeconds, comment.Content, comment.CreatedAt }, null);
        db.TrackComments.Remove(comment);
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<int>.Ok(target!.TrackId);
    }

    private async Task<(TrackComment? Comment, CommentTarget? Target, ServiceResult<CommentView>? Problem)> LoadAsync(int id, Viewer viewer,
        CancellationToken cancellationToken)
    {
        if (viewer.UserId is null)
        {
            return (null, null, ServiceResult<CommentView>.Invalid(new FieldErrors(), ErrorCodes.Unauthorized));
        }
        var comment = await db.TrackComments.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        var target = comment is null ? null : await TargetAsync(comment.TrackId, viewer, cancellationToken);
        return comment is null || target is null ? (null, null, CommentMissing()) : (comment, target, null);
    }

    private TrackComment NewComment(int trackId, int userId, int? parentId, string content, double timestamp)
    {
        var comment = new TrackComment
        {
            TrackId = trackId, UserId = userId, ParentId = parentId, Content = content, TimestampSeconds = timestamp,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.TrackComments.Add(comment);
        return comment;
    }

    private static bool MayDelete(int authorId, CommentTarget target, Viewer viewer) =>
        viewer.UserId == authorId || viewer.MayManage(target.UploaderId);

    private static CommentView Allow(CommentView view, CommentTarget target, Viewer viewer) => view with
    {
        MayEdit = viewer.UserId == view.Author.Id,
        MayDelete = viewer.UserId is not null && MayDelete(view.Author.Id, target, viewer),
    };

    private static IQueryable<CommentView> Project(IQueryable<TrackComment> comments) =>
        comments.Select(c => new CommentView(c.Id, c.TrackId, c.ParentId, c.Content, c.TimestampSeconds,
            new UploaderRef(c.UserId, c.User!.DisplayName, c.User.ArtistSlug), c.CreatedAt, c.EditedAt, new List<CommentView>()));

    private static ServiceResult<T> TrackMissing<T>() =>
        ServiceResult<T>.Invalid("id", "No track has this id.", ErrorCodes.TrackNotFound);

    private static ServiceResult<CommentView> CommentMissing() =>
        ServiceResult<CommentView>.Invalid("id", "No comment has this id.", ErrorCodes.CommentNotFound);
}
