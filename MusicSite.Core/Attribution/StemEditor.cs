using Microsoft.EntityFrameworkCore;
using MusicSite.Admin;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Jobs;

namespace MusicSite.Attribution;

/// <summary>Edits and deletes stems for their owner (the track's owner) or an admin.</summary>
public sealed class StemEditor(MusicSiteDbContext db, StemCatalog stems, StemFields fields, StemCleanupQueue cleanup, AuditLog audit,
    TimeProvider clock)
{
    /// <summary>Sets the given fields; a field left out stays. Key and bpm cleared to empty are the track's again.</summary>
    public async Task<ServiceResult<Stem>> UpdateAsync(int stemId, StemFieldsInput input, Viewer actor, CancellationToken cancellationToken)
    {
        var (stem, problem) = await FindForChangeAsync(stemId, actor, cancellationToken);
        if (stem is null)
        {
            return problem!;
        }
        var errors = new FieldErrors();
        await fields.ApplyAsync(stem, input, isNew: false, errors, cancellationToken);
        if (errors.Any)
        {
            db.ChangeTracker.Clear();
            return ServiceResult<Stem>.Invalid(errors, ErrorCodes.InvalidMetadata);
        }
        StemUploadService.FillFromTrack(stem, stem.Track!);
        stem.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<Stem>.Ok(stem);
    }

    /// <summary>Soft delete: the stem disappears at once; its files are removed by a job. Audited, by the owner or an
    /// admin alike.</summary>
    public async Task<ServiceResult<Stem>> DeleteAsync(int stemId, Viewer actor, AuditActor auditActor, CancellationToken cancellationToken)
    {
        var (stem, problem) = await FindForChangeAsync(stemId, actor, cancellationToken);
        if (stem is null)
        {
            return problem!;
        }
        audit.Record(auditActor, "stem.delete", "Stem", stem.Id,
            new { stem.Name, stem.TrackId, stem.UploaderId, State = stem.State.ToString(), stem.CreatedAt }, null);
        stem.DeletedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await cleanup.EnqueueAsync(stemId, cancellationToken);
        return ServiceResult<Stem>.Ok(stem);
    }

    /// <summary>The stem an actor may change: 404 when they cannot see it (<see cref="StemCatalog.Visible"/>), 403 when
    /// they see it but may not manage it.</summary>
    public async Task<(Stem?, ServiceResult<Stem>?)> FindForChangeAsync(int stemId, Viewer actor, CancellationToken cancellationToken)
    {
        if (!await stems.Visible(actor).AnyAsync(s => s.Id == stemId, cancellationToken))
        {
            return (null, ServiceResult<Stem>.Invalid("stem", "No stem has this id.", ErrorCodes.StemNotFound));
        }
        var stem = await db.Stems.Include(s => s.Track).FirstAsync(s => s.Id == stemId, cancellationToken);
        if (!actor.MayManage(stem.UploaderId))
        {
            return (null, ServiceResult<Stem>.Invalid("stem", "Only the track's uploader or an admin can change this stem.",
                ErrorCodes.UnauthorizedAccess));
        }
        return (stem, null);
    }
}
