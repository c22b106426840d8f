using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MusicSite.Admin;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Genres;

/// <summary>
/// Curating the genre tree: create, edit (rename, move), delete, merge, and curated relations. Each use case runs in
/// one write transaction that holds its checks, its change and its audit entry, so a refused or failed write leaves
/// nothing behind. Field rules are <see cref="GenreFields"/>'s, name and slug uniqueness <see cref="GenreNaming"/>'s,
/// moving a genre's contents <see cref="GenreContents"/>'s; "below a genre" is the closure table's
/// (<see cref="GenreFilter"/>).
/// </summary>
public sealed class GenreCuration(MusicSiteDbContext db, AuditLog audit, TimeProvider clock)
{
    internal const string EntityType = "Genre";
    private readonly GenreNaming naming = new(db, clock);
    private readonly GenreContents contents = new(db);

    public async Task<ServiceResult<GenreListItem>> CreateAsync(GenreInput input, AuditActor actor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (GenreFields.Check(input, errors) is not { } values)
        {
            return ServiceResult<GenreListItem>.Invalid(errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (values.ParentId is { } parentId && !await ExistsAsync(parentId, cancellationToken))
        {
            return NotFound<GenreListItem>("parentId");
        }
        if (await naming.ConflictsAsync(values, null, cancellationToken) is { } conflicts)
        {
            return ServiceResult<GenreListItem>.Invalid(conflicts, ErrorCodes.GenreExists);
        }
        var genre = new Genre { Name = values.Name, Slug = values.Slug, Description = values.Description, ParentId = values.ParentId };
        db.Genres.Add(genre);
        // The id exists only once the row is written; the entry follows in the same transaction.
        if (!await SaveAsync(cancellationToken))
        {
            return Exists<GenreListItem>();
        }
        audit.Record(actor, "genre.create", EntityType, genre.Id, null, values);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ServiceResult<GenreListItem>.Ok(await ItemAsync(genre.Id, cancellationToken));
    }

    /// <summary>Sets every value of the genre: a changed slug retires the old one (it redirects here); a new parent
    /// moves the genre with its subtree, unless the parent is the genre itself or below it (GENRE_CYCLE).</summary>
    public async Task<ServiceResult<GenreListItem>> UpdateAsync(int id, GenreInput input, AuditActor actor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (GenreFields.Check(input, errors) is not { } values)
        {
            return ServiceResult<GenreListItem>.Invalid(errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Genres.FirstOrDefaultAsync(g => g.Id == id, cancellationToken) is not { } genre)
        {
            return NotFound<GenreListItem>("id");
        }
        if (values.ParentId is { } parentId && parentId != genre.ParentId)
        {
            if (!await ExistsAsync(parentId, cancellationToken))
            {
                return NotFound<GenreListItem>("parentId");
            }
            if (await IsInSubtreeAsync(parentId, id, cancellationToken))
            {
                return Cycle<GenreListItem>("parentId", "A genre cannot be moved under itself or one of its subgenres.");
            }
        }
        if (await naming.ConflictsAsync(values, id, cancellationToken) is { } conflicts)
        {
            return ServiceResult<GenreListItem>.Invalid(conflicts, ErrorCodes.GenreExists);
        }
        var before = GenreValues.Of(genre);
        if (before != values)
        {
            if (values.Slug != genre.Slug)
            {
                await naming.ChangeSlugAsync(genre, values.Slug, cancellationToken);
            }
            (genre.Name, genre.Description, genre.ParentId) = (values.Name, values.Description, values.ParentId);
            audit.Record(actor, "genre.update", EntityType, id, before, values);
            if (!await SaveAsync(cancellationToken))
            {
                return Exists<GenreListItem>();
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return ServiceResult<GenreListItem>.Ok(await ItemAsync(id, cancellationToken));
    }

    /// <summary>Deletes an empty genre, or moves its subgenres, tracks, albums and relations to
    /// <paramref name="reassignTo"/> first. The deleted genre's slugs are freed, not redirected (a merge redirects).</summary>
    public async Task<ServiceResult<bool>> DeleteAsync(int id, int? reassignTo, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Genres.FirstOrDefaultAsync(g => g.Id == id, cancellationToken) is not { } genre)
        {
            return NotFound<bool>("id");
        }
        object? after = null;
        if (reassignTo is { } targetId)
        {
            if (!await ExistsAsync(targetId, cancellationToken))
            {
                return NotFound<bool>("reassignTo");
            }
            if (await IsInSubtreeAsync(targetId, id, cancellationToken))
            {
                return Cycle<bool>("reassignTo", "Reassign to a genre outside the one being deleted and its subgenres.");
            }
            var moved = await contents.MoveAsync(id, targetId, cancellationToken);
            after = new { ReassignTo = targetId, moved.Tracks, moved.Albums, moved.Relations, moved.Children };
        }
        else if (await contents.AnyAsync(id, cancellationToken))
        {
            return ServiceResult<bool>.Invalid("reassignTo",
                "The genre still has subgenres, tracks or albums. Choose a genre to move them to.", ErrorCodes.GenreNotEmpty);
        }
        db.Genres.Remove(genre);
        audit.Record(actor, "genre.delete", EntityType, id, GenreValues.Of(genre), after);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>Merges genre <paramref name="id"/> into <paramref name="intoId"/>: its tracks, albums, relations and
    /// subgenres move there, its slug (and the slugs that redirected to it) redirect there, and it is deleted.
    /// Returns the survivor.</summary>
    public async Task<ServiceResult<GenreListItem>> MergeAsync(int id, int intoId, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Genres.FirstOrDefaultAsync(g => g.Id == id, cancellationToken) is not { } source)
        {
            return NotFound<GenreListItem>("id");
        }
        if (!await ExistsAsync(intoId, cancellationToken))
        {
            return NotFound<GenreListItem>("intoId");
        }
        if (await IsInSubtreeAsync(intoId, id, cancellationToken))
        {
            return Cycle<GenreListItem>("intoId", "A genre cannot be merged into itself or one of its subgenres.");
        }
        var moved = await contents.MoveAsync(id, intoId, cancellationToken);
        var slugs = await naming.HandOverAsync(source, intoId, cancellationToken);
        db.Genres.Remove(source);
        audit.Record(actor, "genre.merge", EntityType, id, GenreValues.Of(source),
            new { IntoId = intoId, moved.Tracks, moved.Albums, moved.Relations, moved.Children, Slugs = slugs });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ServiceResult<GenreListItem>.Ok(await ItemAsync(intoId, cancellationToken));
    }

    /// <summary>Adds or changes the curated relation between two genres (one per pair, whichever way it was
    /// stored). True when it is new.</summary>
    public Task<ServiceResult<bool>> RelateAsync(int id, int otherId, GenreRelationInput input, AuditActor actor,
        CancellationToken cancellationToken) =>
        new CuratedRelations(db, audit).RelateAsync(id, otherId, input, actor, cancellationToken);

    /// <summary>Removes the curated relation between two genres. True when there was one.</summary>
    public Task<ServiceResult<bool>> UnrelateAsync(int id, int otherId, AuditActor actor, CancellationToken cancellationToken) =>
        new CuratedRelations(db, audit).UnrelateAsync(id, otherId, actor, cancellationToken);

    private Task<bool> ExistsAsync(int id, CancellationToken cancellationToken) =>
        db.Genres.AnyAsync(g => g.Id == id, cancellationToken);

    private Task<bool> IsInSubtreeAsync(int candidateId, int rootId, CancellationToken cancellationToken) =>
        db.GenreSubtree(rootId).AnyAsync(d => d == candidateId, cancellationToken);

    private Task<GenreListItem> ItemAsync(int id, CancellationToken cancellationToken) =>
        db.Genres.AsNoTracking().Where(g => g.Id == id)
            .Select(g => new GenreListItem(g.Id, g.Name, g.Slug, g.Description, g.ParentId, g.Children.Count))
            .SingleAsync(cancellationToken);

    /// <summary>Saves; false when a unique index refused the change (a name or slug taken by a write that ran at the
    /// same moment), with the unit of work cleared.</summary>
    private async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 })
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    internal static ServiceResult<T> NotFound<T>(string field) =>
        ServiceResult<T>.Invalid(field, "No genre has this id.", ErrorCodes.GenreNotFound);

    private static ServiceResult<T> Cycle<T>(string field, string message) =>
        ServiceResult<T>.Invalid(field, message, ErrorCodes.GenreCycle);

    private static ServiceResult<T> Exists<T>() =>
        ServiceResult<T>.Invalid("slug", "Another genre took this name or address at the same moment.", ErrorCodes.GenreExists);
}
