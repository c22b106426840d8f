using Microsoft.EntityFrameworkCore;
using MusicSite.Admin;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Genres;

/// <summary>A curated relation as its audit entry shows it, from the side of the genre it was changed on.</summary>
public sealed record GenreRelationValues(int OtherId, string Kind, double Weight)
{
    public static GenreRelationValues Of(GenreRelation relation, int genreId) => new(
        relation.FromGenreId == genreId ? relation.ToGenreId : relation.FromGenreId,
        relation.Kind.ToString().ToLowerInvariant(), relation.Weight);
}

/// <summary>Curated cross-links between two genres: one relation per pair, whichever way round it is stored. Each
/// change runs in one write transaction with its audit entry (<see cref="GenreCuration"/> is the public face).</summary>
internal sealed class CuratedRelations(MusicSiteDbContext db, AuditLog audit)
{
    public async Task<ServiceResult<bool>> RelateAsync(int id, int otherId, GenreRelationInput input, AuditActor actor,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (id == otherId)
        {
            errors.Add("otherId", "A genre cannot be related to itself.");
        }
        if (!GenreFields.CheckRelation(input, errors))
        {
            return ServiceResult<bool>.Invalid(errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await MissingAsync(id, otherId, cancellationToken) is { } missing)
        {
            return missing;
        }
        var relation = await PairAsync(id, otherId, cancellationToken);
        var before = relation is null ? null : GenreRelationValues.Of(relation, id);
        if (relation is null)
        {
            relation = new GenreRelation { FromGenreId = id, ToGenreId = otherId };
            db.GenreRelations.Add(relation);
        }
        (relation.Kind, relation.Weight) = (input.Kind, input.Weight);
        var after = GenreRelationValues.Of(relation, id);
        if (before != after)
        {
            audit.Record(actor, "genre.relate", GenreCuration.EntityType, id, before, after);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return ServiceResult<bool>.Ok(before is null);
    }

    public async Task<ServiceResult<bool>> UnrelateAsync(int id, int otherId, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await MissingAsync(id, otherId, cancellationToken) is { } missing)
        {
            return missing;
        }
        if (await PairAsync(id, otherId, cancellationToken) is not { } relation)
        {
            return ServiceResult<bool>.Ok(false);
        }
        db.GenreRelations.Remove(relation);
        audit.Record(actor, "genre.unrelate", GenreCuration.EntityType, id, GenreRelationValues.Of(relation, id), null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ServiceResult<bool>.Ok(true);
    }

    private async Task<ServiceResult<bool>?> MissingAsync(int id, int otherId, CancellationToken cancellationToken)
    {
        if (!await db.Genres.AnyAsync(g => g.Id == id, cancellationToken))
        {
            return GenreCuration.NotFound<bool>("id");
        }
        return await db.Genres.AnyAsync(g => g.Id == otherId, cancellationToken) ? null : GenreCuration.NotFound<bool>("otherId");
    }

    private Task<GenreRelation?> PairAsync(int id, int otherId, CancellationToken cancellationToken) =>
        db.GenreRelations.FirstOrDefaultAsync(r => (r.FromGenreId == id && r.ToGenreId == otherId)
                                                   || (r.FromGenreId == otherId && r.ToGenreId == id), cancellationToken);
}
