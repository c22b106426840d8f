using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Genres;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Genres;

/// <summary>A curation write is all or nothing: when its audit entry cannot be written (a trigger made to refuse it),
/// the change is rolled back too, including the bulk moves of a merge; and racing writes leave one winner.</summary>
public sealed class GenreAtomicityTests(CoreServicesFixture core) : IClassFixture<CoreServicesFixture>
{
    private readonly GenreRows rows = new(core.Services);

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Runs <paramref name="action"/> while the database refuses audit entries of <paramref name="auditAction"/>.</summary>
    private async Task WhileAuditRefusedAsync(string auditAction, Func<Task> action)
    {
        async Task SqlAsync(string sql)
        {
            await using var scope = core.Scope();
            await scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>().Database.ExecuteSqlRawAsync(sql);
        }
        await SqlAsync($"""
            CREATE TRIGGER "Drill_RefuseAudit" BEFORE INSERT ON "AuditEntries" WHEN NEW."Action" = '{auditAction}'
            BEGIN SELECT RAISE(ABORT, 'audit refused by the drill'); END;
            """);
        try
        {
            await action();
        }
        finally
        {
            await SqlAsync("""DROP TRIGGER "Drill_RefuseAudit";""");
        }
    }

    [Fact]
    public async Task Merge_AuditEntryFails_RollsBackEveryMove()
    {
        var source = await rows.GenreAsync(Unique("Source"));
        var target = await rows.GenreAsync(Unique("Target"));
        var child = await rows.GenreAsync(Unique("Child"), source);
        var track = await rows.TrackAsync(source);
        var album = await rows.AlbumAsync(source, target);
        var other = await rows.GenreAsync(Unique("Other"));
        await rows.RelationAsync(source, other, 0.5);
        var audited = await rows.AuditCountAsync();

        await WhileAuditRefusedAsync("genre.merge", () => Assert.ThrowsAnyAsync<DbUpdateException>(
            () => rows.CurateAsync(c => c.MergeAsync(source, target, GenreRows.Curator, default))));

        Assert.NotNull(await rows.FindAsync(source));
        Assert.Equal(source, (await rows.FindAsync(child))!.ParentId);
        Assert.Equal([source], await rows.ReadAsync(db => db.TrackGenres.Where(l => l.TrackId == track).Select(l => l.GenreId)));
        Assert.Equal([source, target], (await rows.ReadAsync(db => db.AlbumGenres.Where(l => l.AlbumId == album).Select(l => l.GenreId))).Order());
        Assert.Single(await rows.ReadAsync(db => db.GenreRelations.Where(r => r.FromGenreId == source && r.ToGenreId == other)));
        Assert.Equal([source, child], (await rows.ReadAsync(db => db.GenreClosure.Where(c => c.AncestorId == source).Select(c => c.DescendantId))).Order());
        Assert.Empty(await rows.ReadAsync(db => db.RetiredGenreSlugs.Where(r => r.GenreId == target)));
        Assert.Equal(audited, await rows.AuditCountAsync());
    }

    [Fact]
    public async Task Create_AuditEntryFails_LeavesNoGenre()
    {
        var name = Unique("Unrecorded");

        await WhileAuditRefusedAsync("genre.create", () => Assert.ThrowsAnyAsync<DbUpdateException>(
            () => rows.CurateAsync(c => c.CreateAsync(new GenreInput(name, null, null, null), GenreRows.Curator, default))));

        Assert.Empty(await rows.ReadAsync(db => db.Genres.Where(g => g.Name == name)));
    }

    [Fact]
    public async Task Create_SameNameWithDifferentSlugsAtTheSameMoment_LeavesOneGenre()
    {
        var name = Unique("Twin");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() =>
            rows.CurateAsync(c => c.CreateAsync(new GenreInput(name, $"twin-address-{i}-{Guid.NewGuid():N}", null, null), GenreRows.Curator, default)))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(ErrorCodes.GenreExists, r.Code));
        Assert.Single(await rows.ReadAsync(db => db.Genres.Where(g => g.Name == name)));
    }
}
