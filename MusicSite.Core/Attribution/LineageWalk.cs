using Microsoft.EntityFrameworkCore;
using MusicSite.Data;

namespace MusicSite.Attribution;

/// <summary>A track reached by a walk, at its nearest generation.</summary>
internal sealed class WalkStep
{
    public int TrackId { get; set; }
    public int Generation { get; set; }
}

/// <summary>
/// The recursive queries of the lineage, each one statement (SQLite <c>WITH RECURSIVE</c>), with every value a
/// parameter. A lineage link is an approved <see cref="TrackRelation"/> (original to derivative) or an approved
/// <see cref="StemUsage"/> (the stem's track to the track using it). <c>UNION</c> keeps each (track, generation)
/// once and the generation bound stops the walk, so many paths through the same works cost no more than the works.
/// </summary>
internal sealed class LineageWalk(MusicSiteDbContext db)
{
    private const string Approved = nameof(LinkStatus.Approved);
    private const string Declined = nameof(LinkStatus.Declined);

    /// <summary>The track and its originals, their originals…, up to <paramref name="maxGeneration"/>.</summary>
    public Task<List<WalkStep>> UpAsync(int trackId, int maxGeneration, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<WalkStep>($"""
            WITH RECURSIVE walk(id, gen) AS (
                SELECT {trackId}, 0
                UNION
                SELECT r.OriginalId, w.gen + 1 FROM walk w
                    JOIN TrackRelations r ON r.DerivativeId = w.id AND r.Status = {Approved}
                    WHERE w.gen < {maxGeneration}
                UNION
                SELECT s.TrackId, w.gen + 1 FROM walk w
                    JOIN StemUsages u ON u.TrackId = w.id AND u.Status = {Approved}
                    JOIN Stems s ON s.Id = u.StemId
                    WHERE w.gen < {maxGeneration}
            )
            SELECT id AS TrackId, MIN(gen) AS Generation FROM walk GROUP BY id
            """).ToListAsync(cancellationToken);

    /// <summary>The track and its derivatives, theirs…, up to <paramref name="maxGeneration"/>.</summary>
    public Task<List<WalkStep>> DownAsync(int trackId, int maxGeneration, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<WalkStep>($"""
            WITH RECURSIVE walk(id, gen) AS (
                SELECT {trackId}, 0
                UNION
                SELECT r.DerivativeId, w.gen + 1 FROM walk w
                    JOIN TrackRelations r ON r.OriginalId = w.id AND r.Status = {Approved}
                    WHERE w.gen < {maxGeneration}
                UNION
                SELECT u.TrackId, w.gen + 1 FROM walk w
                    JOIN Stems s ON s.TrackId = w.id
                    JOIN StemUsages u ON u.StemId = s.Id AND u.Status = {Approved}
                    WHERE w.gen < {maxGeneration}
            )
            SELECT id AS TrackId, MIN(gen) AS Generation FROM walk GROUP BY id
            """).ToListAsync(cancellationToken);

    /// <summary>The tracks using a stem (generation 1) and their derivatives, up to <paramref name="maxGeneration"/>.</summary>
    public Task<List<WalkStep>> DownFromStemAsync(int stemId, int maxGeneration, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<WalkStep>($"""
            WITH RECURSIVE walk(id, gen) AS (
                SELECT u.TrackId, 1 FROM StemUsages u WHERE u.StemId = {stemId} AND u.Status = {Approved}
                UNION
                SELECT r.DerivativeId, w.gen + 1 FROM walk w
                    JOIN TrackRelations r ON r.OriginalId = w.id AND r.Status = {Approved}
                    WHERE w.gen < {maxGeneration}
                UNION
                SELECT u.TrackId, w.gen + 1 FROM walk w
                    JOIN Stems s ON s.TrackId = w.id
                    JOIN StemUsages u ON u.StemId = s.Id AND u.Status = {Approved}
                    WHERE w.gen < {maxGeneration}
            )
            SELECT id AS TrackId, MIN(gen) AS Generation FROM walk GROUP BY id
            """).ToListAsync(cancellationToken);

    /// <summary>
    /// True when <paramref name="originalId"/> is <paramref name="derivativeId"/> or already built on it at any depth,
    /// counting links that wait for approval (so two requests can never close a circle when both are accepted).
    /// A link from the original to the derivative would then make a work its own ancestor.
    /// </summary>
    public async Task<bool> WouldCycleAsync(int originalId, int derivativeId, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<int>($"""
            WITH RECURSIVE below(id) AS (
                SELECT {derivativeId}
                UNION
                SELECT r.DerivativeId FROM below b
                    JOIN TrackRelations r ON r.OriginalId = b.id AND r.Status <> {Declined}
                UNION
                SELECT u.TrackId FROM below b
                    JOIN Stems s ON s.TrackId = b.id
                    JOIN StemUsages u ON u.StemId = s.Id AND u.Status <> {Declined}
            )
            SELECT EXISTS (SELECT 1 FROM below WHERE id = {originalId}) AS Value
            """).ToListAsync(cancellationToken)).Single() == 1;
}
