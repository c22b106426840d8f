using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MusicSite.Common;
using MusicSite.Genres;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Genres;

/// <summary>Merging and deleting genres: every track, album, relation and subgenre moves (checked against a
/// brute-force expectation over random tags), slugs redirect to the survivor, cycles and non-empty deletes are
/// refused without a trace.</summary>
public sealed class GenreMergeTests(CoreServicesFixture core) : IClassFixture<CoreServicesFixture>
{
    private readonly GenreRows rows = new(core.Services);

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    private Task<ServiceResult<GenreListItem>> MergeAsync(int id, int intoId) =>
        rows.CurateAsync(c => c.MergeAsync(id, intoId, GenreRows.Curator, CancellationToken.None));

    private Task<ServiceResult<bool>> DeleteAsync(int id, int? reassignTo) =>
        rows.CurateAsync(c => c.DeleteAsync(id, reassignTo, GenreRows.Curator, CancellationToken.None));

    /// <summary>A source and a target with random tags on tracks and albums (some on both), subgenres, and
    /// relations that collide with the target's.</summary>
    private async Task<(int Source, int Target, int[] Others, int[] Tracks, int[] Albums, int[] Children)> ScenarioAsync(int seed)
    {
        var random = new Random(seed);
        var source = await rows.GenreAsync(Unique("Source"));
        var target = await rows.GenreAsync(Unique("Target"));
        var others = new[] { await rows.GenreAsync(Unique("X")), await rows.GenreAsync(Unique("Y")), await rows.GenreAsync(Unique("Z")) };
        var children = new[] { await rows.GenreAsync(Unique("Child"), source), await rows.GenreAsync(Unique("Child"), source) };
        await rows.ChainAsync(children[0], 2);
        int[] pool = [source, target, children[1], others[0]];
        var tracks = new List<int>();
        var albums = new List<int>();
        for (var i = 0; i < 25; i++)
        {
            var tags = pool.Where(_ => random.Next(2) == 0).ToArray();
            tracks.Add(await rows.TrackAsync(tags));
            albums.Add(await rows.AlbumAsync(pool.Where(_ => random.Next(3) == 0).ToArray()));
        }
        await rows.RelationAsync(source, others[0], 0.4);
        await rows.RelationAsync(target, others[0], 0.6, GenreRelationKind.Similar);
        await rows.RelationAsync(others[1], source, 0.8, GenreRelationKind.Similar);
        await rows.RelationAsync(target, others[1], 0.3);
        await rows.RelationAsync(others[2], source, 0.5);
        await rows.RelationAsync(source, target, 0.9);
        return (source, target, others, tracks.ToArray(), albums.ToArray(), children);
    }

    private static SortedSet<(int, int)> Moved(IEnumerable<(int Item, int Genre)> links, int source, int target) =>
        new(links.Select(l => (l.Item, l.Genre == source ? target : l.Genre)));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Merge_MovesEveryTrackAlbumRelationAndChild(int seed)
    {
        var s = await ScenarioAsync(seed);
        var trackLinks = await rows.ReadAsync(db => db.TrackGenres.Where(l => s.Tracks.Contains(l.TrackId)).Select(l => ValueTuple.Create(l.TrackId, l.GenreId)));
        var albumLinks = await rows.ReadAsync(db => db.AlbumGenres.Where(l => s.Albums.Contains(l.AlbumId)).Select(l => ValueTuple.Create(l.AlbumId, l.GenreId)));
        var sourceSubtree = await rows.ReadAsync(db => db.GenreClosure.Where(c => c.AncestorId == s.Source && c.Depth > 0).Select(c => c.DescendantId));
        var sourceSlug = (await rows.FindAsync(s.Source))!.Slug;

        var result = await MergeAsync(s.Source, s.Target);

        Assert.True(result.Succeeded);
        Assert.Equal(s.Target, result.Value!.Id);
        Assert.Null(await rows.FindAsync(s.Source));
        Assert.Equal(Moved(trackLinks, s.Source, s.Target),
            new SortedSet<(int, int)>(await rows.ReadAsync(db => db.TrackGenres.Where(l => s.Tracks.Contains(l.TrackId)).Select(l => ValueTuple.Create(l.TrackId, l.GenreId)))));
        Assert.Equal(Moved(albumLinks, s.Source, s.Target),
            new SortedSet<(int, int)>(await rows.ReadAsync(db => db.AlbumGenres.Where(l => s.Albums.Contains(l.AlbumId)).Select(l => ValueTuple.Create(l.AlbumId, l.GenreId)))));
        Assert.Equal(s.Children.Order(), (await rows.ReadAsync(db => db.Genres.Where(g => g.ParentId == s.Target).Select(g => g.Id))).Order());
        Assert.Equal(sourceSubtree.Order(),
            (await rows.ReadAsync(db => db.GenreClosure.Where(c => c.AncestorId == s.Target && c.Depth > 0).Select(c => c.DescendantId))).Order());

        // Relations: none with itself, one per pair, the higher weight (and its kind) kept.
        var relations = (await rows.ReadAsync(db => db.GenreRelations.Where(r => r.FromGenreId == s.Target || r.ToGenreId == s.Target)))
            .ToDictionary(r => r.FromGenreId == s.Target ? r.ToGenreId : r.FromGenreId, r => (r.Kind, r.Weight));
        Assert.Equal(new Dictionary<int, (GenreRelationKind, double)>
        {
            [s.Others[0]] = (GenreRelationKind.Similar, 0.6),
            [s.Others[1]] = (GenreRelationKind.Similar, 0.8),
            [s.Others[2]] = (GenreRelationKind.Related, 0.5),
        }, relations);
        Assert.Equal(s.Target, Assert.Single(await rows.ReadAsync(db => db.RetiredGenreSlugs.Where(r => r.Slug == sourceSlug))).GenreId);

        var entry = Assert.Single(await rows.AuditAsync(s.Source));
        Assert.Equal("genre.merge", entry.Action);
        using var after = JsonDocument.Parse(entry.After!);
        Assert.Equal(s.Target, after.RootElement.GetProperty("intoId").GetInt32());
        Assert.Equal(trackLinks.Count(l => l.Item2 == s.Source), after.RootElement.GetProperty("tracks").GetInt32());
        Assert.Equal(albumLinks.Count(l => l.Item2 == s.Source), after.RootElement.GetProperty("albums").GetInt32());
        Assert.Equal(3, after.RootElement.GetProperty("relations").GetInt32());
        Assert.Equal(2, after.RootElement.GetProperty("children").GetInt32());
    }

    [Fact]
    public async Task Merge_MovedTrackIsFoundByTheTargetsNameInSearch()
    {
        var source = await rows.GenreAsync(Unique("Hauntology"));
        var target = await rows.GenreAsync("Zzyzxtarget");
        var track = await rows.TrackAsync(source);

        Assert.True((await MergeAsync(source, target)).Succeeded);

        var indexed = await rows.ReadAsync(db => db.Database.SqlQuery<string>($"SELECT genres AS \"Value\" FROM \"TrackSearch\" WHERE rowid = {track}"));
        Assert.Equal(["Zzyzxtarget"], indexed);
    }

    [Fact]
    public async Task Merge_HandsTheRenamedSourcesOldSlugsToTheTarget()
    {
        var source = (await rows.CurateAsync(c => c.CreateAsync(new GenreInput(Unique("Old Name"), null, null, null), GenreRows.Curator, default))).Value!;
        var renamed = (await rows.CurateAsync(c => c.UpdateAsync(source.Id, new GenreInput(Unique("New Name"), null, null, null), GenreRows.Curator, default))).Value!;
        var target = await rows.GenreAsync(Unique("Survivor"));

        Assert.True((await MergeAsync(source.Id, target)).Succeeded);

        var retired = await rows.ReadAsync(db => db.RetiredGenreSlugs.Where(r => r.Slug == source.Slug || r.Slug == renamed.Slug));
        Assert.Equal([(source.Slug, target), (renamed.Slug, target)],
            retired.Select(r => (r.Slug, r.GenreId)).OrderBy(r => r.Slug == renamed.Slug));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Merge_IntoItselfOrADescendant_IsGenreCycleAndChangesNothing(int depth)
    {
        var root = await rows.GenreAsync(Unique("Root"));
        var chain = await rows.ChainAsync(root, 4);
        var track = await rows.TrackAsync(root);
        var audited = await rows.AuditCountAsync();

        var result = await MergeAsync(root, depth == 0 ? root : chain[depth - 1]);

        Assert.Equal(ErrorCodes.GenreCycle, result.Code);
        Assert.NotEmpty(result.Errors.For("intoId"));
        Assert.NotNull(await rows.FindAsync(root));
        Assert.Equal([root], await rows.ReadAsync(db => db.TrackGenres.Where(l => l.TrackId == track).Select(l => l.GenreId)));
        Assert.Equal(audited, await rows.AuditCountAsync());
    }

    [Fact]
    public async Task Merge_UnknownIds_IsGenreNotFound()
    {
        var genre = await rows.GenreAsync(Unique("Lonely"));

        Assert.Equal(ErrorCodes.GenreNotFound, (await MergeAsync(int.MaxValue, genre)).Code);
        var unknownTarget = await MergeAsync(genre, int.MaxValue);
        Assert.Equal(ErrorCodes.GenreNotFound, unknownTarget.Code);
        Assert.NotEmpty(unknownTarget.Errors.For("intoId"));
    }

    [Fact]
    public async Task Delete_NotEmpty_IsRefusedAndChangesNothing()
    {
        var withChild = await rows.GenreAsync(Unique("Has child"));
        await rows.GenreAsync(Unique("Child"), withChild);
        var withTrack = await rows.GenreAsync(Unique("Has track"));
        await rows.TrackAsync(withTrack);
        var withAlbum = await rows.GenreAsync(Unique("Has album"));
        await rows.AlbumAsync(withAlbum);
        var audited = await rows.AuditCountAsync();

        foreach (var id in new[] { withChild, withTrack, withAlbum })
        {
            var result = await DeleteAsync(id, null);
            Assert.Equal(ErrorCodes.GenreNotEmpty, result.Code);
            Assert.NotNull(await rows.FindAsync(id));
        }
        Assert.Equal(audited, await rows.AuditCountAsync());
    }

    [Fact]
    public async Task Delete_Empty_DeletesAndRecordsTheValuesBefore()
    {
        var genre = await rows.GenreAsync(Unique("Empty"));
        var other = await rows.GenreAsync(Unique("Other"));
        await rows.RelationAsync(genre, other, 0.5);

        Assert.True((await DeleteAsync(genre, null)).Succeeded);

        Assert.Null(await rows.FindAsync(genre));
        var entry = Assert.Single(await rows.AuditAsync(genre));
        Assert.Equal("genre.delete", entry.Action);
        Assert.Contains("\"slug\":\"g-", entry.Before, StringComparison.Ordinal);
        Assert.Null(entry.After);
    }

    [Fact]
    public async Task Delete_WithReassign_MovesEverythingThere()
    {
        var s = await ScenarioAsync(7);
        var trackLinks = await rows.ReadAsync(db => db.TrackGenres.Where(l => s.Tracks.Contains(l.TrackId)).Select(l => ValueTuple.Create(l.TrackId, l.GenreId)));
        var sourceSlug = (await rows.FindAsync(s.Source))!.Slug;

        Assert.True((await DeleteAsync(s.Source, s.Target)).Succeeded);

        Assert.Null(await rows.FindAsync(s.Source));
        Assert.Equal(Moved(trackLinks, s.Source, s.Target),
            new SortedSet<(int, int)>(await rows.ReadAsync(db => db.TrackGenres.Where(l => s.Tracks.Contains(l.TrackId)).Select(l => ValueTuple.Create(l.TrackId, l.GenreId)))));
        Assert.Equal(s.Children.Order(), (await rows.ReadAsync(db => db.Genres.Where(g => g.ParentId == s.Target).Select(g => g.Id))).Order());
        Assert.Equal(3, (await rows.ReadAsync(db => db.GenreRelations.Where(r => r.FromGenreId == s.Target || r.ToGenreId == s.Target))).Count);
        // A delete frees the slug rather than redirecting it.
        Assert.Empty(await rows.ReadAsync(db => db.RetiredGenreSlugs.Where(r => r.Slug == sourceSlug)));
        Assert.Equal("genre.delete", Assert.Single(await rows.AuditAsync(s.Source)).Action);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Delete_ReassignIntoItsOwnSubtree_IsGenreCycle(int depth)
    {
        var root = await rows.GenreAsync(Unique("Root"));
        var chain = await rows.ChainAsync(root, 3);

        var result = await DeleteAsync(root, depth == 0 ? root : chain[depth - 1]);

        Assert.Equal(ErrorCodes.GenreCycle, result.Code);
        Assert.NotEmpty(result.Errors.For("reassignTo"));
        Assert.Equal(chain[0], Assert.Single(await rows.ReadAsync(db => db.Genres.Where(g => g.ParentId == root).Select(g => g.Id))));
    }
}
