using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Tests.Artists;

namespace MusicSite.Tests.Lineage;

/// <summary>The recursive lineage reads on a migrated database: generations both ways, stems, masking, caps.</summary>
public sealed class LineageQueryTests(ReferenceDataFixture fixture) : IClassFixture<ReferenceDataFixture>
{
    private readonly LineageData _data = new(fixture.Services);

    private async Task<T> ReadAsync<T>(Func<MusicSite.Attribution.Lineage, Task<T>> read)
    {
        await using var scope = fixture.Scope();
        return await read(scope.ServiceProvider.GetRequiredService<MusicSite.Attribution.Lineage>());
    }

    private static (string Title, int Generation)[] Tracks(LineageGraph graph) =>
        graph.Nodes.Where(n => n.Kind != LineageNames.Stem && n.Key != graph.Root).Select(n => (n.Title ?? n.Label, n.Generation)).ToArray();

    [Fact]
    public async Task ChainOfTenGenerations_ReadsBackBothWaysWithGenerationNumbers()
    {
        var owner = await _data.UserAsync("Chain");
        var chain = await _data.ChainAsync(owner, 11);

        var up = (await ReadAsync(l => l.AttributionAsync(chain[10], Viewer.Anonymous, 10, default)))!;
        var down = (await ReadAsync(l => l.DerivativesAsync(chain[0], Viewer.Anonymous, 10, default)))!;

        Assert.Equal(Enumerable.Range(1, 10).Select(g => ($"Gen {10 - g}", g)), Tracks(up));
        Assert.Equal(Enumerable.Range(1, 10).Select(g => ($"Gen {g}", g)), Tracks(down));
        Assert.All(up.Nodes.Where(n => n.Key != up.Root), n => Assert.Equal(-n.Generation, n.Layer));
        Assert.All(down.Nodes, n => Assert.Equal(n.Generation, n.Layer));
        Assert.Equal(10, up.Edges.Count);
        Assert.All(up.Edges, e => Assert.Equal("remix", e.Kind));
        Assert.Contains(new LineageEdge($"track-{chain[9]}", $"track-{chain[10]}", "remix", up.Edges.Single(e => e.To == up.Root).LinkId), up.Edges);
        Assert.False(up.Deeper);
        Assert.False(down.Deeper);
        Assert.Equal(0, up.Omitted);
    }

    [Fact]
    public async Task Depth_StopsTheWalkAndSaysThereIsMore()
    {
        var owner = await _data.UserAsync("Deep");
        var chain = await _data.ChainAsync(owner, 6);

        var two = (await ReadAsync(l => l.DerivativesAsync(chain[0], Viewer.Anonymous, 2, default)))!;
        var all = (await ReadAsync(l => l.DerivativesAsync(chain[0], Viewer.Anonymous, 5, default)))!;
        var graph = (await ReadAsync(l => l.GraphAsync(chain[2], Viewer.Anonymous, 1, default)))!;

        Assert.Equal([("Gen 1", 1), ("Gen 2", 2)], Tracks(two));
        Assert.True(two.Deeper);
        Assert.False(all.Deeper);
        Assert.Equal([("Gen 1", 1), ("Gen 3", 1)], Tracks(graph));
        Assert.Equal([0, -1, 1], graph.Nodes.Select(n => n.Layer));
        Assert.True(graph.Deeper);
    }

    [Fact]
    public async Task ManyPaths_EachWorkOnceAtItsNearestGeneration()
    {
        var owner = await _data.UserAsync("Diamond");
        var a = await _data.TrackAsync(owner, "A");
        var b = await _data.TrackAsync(owner, "B");
        var c = await _data.TrackAsync(owner, "C");
        var d = await _data.TrackAsync(owner, "D");
        await _data.LinkAsync(a, b);
        await _data.LinkAsync(a, c, RelationKind.Cover);
        await _data.LinkAsync(b, d, RelationKind.Mashup);
        await _data.LinkAsync(c, d, RelationKind.Mashup);
        await _data.LinkAsync(a, d, RelationKind.SampleBased);

        var up = (await ReadAsync(l => l.AttributionAsync(d, Viewer.Anonymous, 10, default)))!;

        Assert.Equal([("A", 1), ("B", 1), ("C", 1)], Tracks(up).OrderBy(t => t.Title));
        Assert.Equal(5, up.Edges.Count);
        Assert.Contains(up.Edges, e => e.Kind == "sample-based" && e.From == $"track-{a}");
        Assert.Contains(up.Edges, e => e.Kind == "cover");
    }

    [Fact]
    public async Task PendingAndDeclinedLinks_DoNotCount()
    {
        var owner = await _data.UserAsync("Pending");
        var original = await _data.TrackAsync(owner, "Original");
        var pending = await _data.TrackAsync(owner, "Waiting");
        var declined = await _data.TrackAsync(owner, "Refused");
        await _data.LinkAsync(original, pending, status: LinkStatus.Pending);
        await _data.LinkAsync(original, declined, status: LinkStatus.Declined);

        var down = (await ReadAsync(l => l.DerivativesAsync(original, Viewer.Anonymous, 3, default)))!;

        Assert.Empty(Tracks(down));
        Assert.Empty(down.Edges);
    }

    [Fact]
    public async Task PrivateAndDeletedWorksInTheMiddle_AreMaskedAndTheChainGoesOn()
    {
        var owner = await _data.UserAsync("Visible");
        var other = await _data.UserAsync("Secretive");
        var root = await _data.TrackAsync(owner, "Open Root");
        var hidden = await _data.TrackAsync(other, "Hidden Middle", isPublic: false);
        var gone = await _data.TrackAsync(owner, "Gone Middle", deleted: true);
        var goneHidden = await _data.TrackAsync(other, "Gone Hidden", isPublic: false, deleted: true);
        var leaf = await _data.TrackAsync(owner, "Open Leaf");
        await _data.LinkAsync(root, hidden);
        await _data.LinkAsync(hidden, gone);
        await _data.LinkAsync(gone, goneHidden);
        await _data.LinkAsync(goneHidden, leaf);
        var viewer = new Viewer(owner, false);

        var up = (await ReadAsync(l => l.AttributionAsync(leaf, viewer, 10, default)))!;
        var down = (await ReadAsync(l => l.DerivativesAsync(root, viewer, 10, default)))!;
        var asOther = (await ReadAsync(l => l.AttributionAsync(leaf, new Viewer(other, false), 10, default)))!;

        Assert.Equal([("a private work", 1), ("a removed work", 2), ("a private work", 3), ("Open Root", 4)], Tracks(up));
        Assert.Equal([("a private work", 1), ("a removed work", 2), ("a private work", 3), ("Open Leaf", 4)], Tracks(down));
        // Their own private work is theirs to see; deleted ones they could see say "removed".
        Assert.Equal([("a removed work", 1), ("a removed work", 2), ("Hidden Middle", 3), ("Open Root", 4)], Tracks(asOther));
        foreach (var graph in new[] { up, down })
        {
            var json = JsonSerializer.Serialize(graph, JsonSerializerOptions.Web);
            Assert.DoesNotContain("Hidden", json, StringComparison.Ordinal);
            Assert.DoesNotContain("Gone", json, StringComparison.Ordinal);
            Assert.DoesNotContain("Secretive", json, StringComparison.Ordinal);
            foreach (var id in new[] { hidden, gone, goneHidden })
            {
                Assert.DoesNotContain($"-{id}\"", json, StringComparison.Ordinal);
                Assert.DoesNotContain($":{id},", json, StringComparison.Ordinal);
            }
            var masked = graph.Nodes.Where(n => n.IsMasked).ToList();
            Assert.All(masked, n => Assert.Equal((null, null, null, null, null), (n.Id, n.Title, n.Artist, n.Owner, n.License)));
            Assert.All(graph.Edges.Where(e => e.From.StartsWith("masked") || e.To.StartsWith("masked")), e => Assert.Null(e.LinkId));
            Assert.Equal(4, graph.Edges.Count);
        }
    }

    [Fact]
    public async Task InvisibleTrack_AnswersNull()
    {
        var owner = await _data.UserAsync("Private");
        var track = await _data.TrackAsync(owner, "Mine", isPublic: false);

        Assert.Null(await ReadAsync(l => l.AttributionAsync(track, Viewer.Anonymous, 3, default)));
        Assert.Null(await ReadAsync(l => l.GraphAsync(track, Viewer.Anonymous, 3, default)));
        Assert.NotNull(await ReadAsync(l => l.GraphAsync(track, new Viewer(owner, false), 3, default)));
    }

    [Fact]
    public async Task Graph_HasStemsAsLeaves_UsedOnesAndTheTracksOwn()
    {
        var owner = await _data.UserAsync("Stemmer");
        var original = await _data.TrackAsync(owner, "Source Song");
        var unrelated = await _data.TrackAsync(owner, "Elsewhere");
        var track = await _data.TrackAsync(owner, "Center");
        var remix = await _data.TrackAsync(owner, "Remix");
        var bass = await _data.StemAsync(original, "Bass");
        var vocal = await _data.StemAsync(track, "Vocal");
        var drums = await _data.StemAsync(unrelated, "Drums");
        var removedStem = await _data.StemAsync(unrelated, "Old Keys", deleted: true);
        await _data.UseStemAsync(bass, track);
        await _data.LinkAsync(track, remix);
        await _data.UseStemAsync(drums, remix);
        await _data.UseStemAsync(removedStem, remix);

        var graph = (await ReadAsync(l => l.GraphAsync(track, Viewer.Anonymous, 2, default)))!;
        var up = (await ReadAsync(l => l.AttributionAsync(track, Viewer.Anonymous, 10, default)))!;

        Assert.Equal(
            [("track-" + track, 0), ("stem-" + vocal, 0), ("stem-" + drums, 0), ("masked-1", 0), ("track-" + original, -1), ("stem-" + bass, -1), ("track-" + remix, 1)],
            graph.Nodes.Select(n => (n.Key, n.Layer)));
        Assert.Equal("a removed work", graph.Nodes.Single(n => n.IsMasked).Label);
        Assert.Equal(
            [
                ($"track-{track}", $"track-{remix}", "remix"), ($"track-{original}", $"stem-{bass}", "stem-of"),
                ($"track-{track}", $"stem-{vocal}", "stem-of"), ($"stem-{bass}", $"track-{track}", "uses-stem"),
                ($"stem-{drums}", $"track-{remix}", "uses-stem"), ("masked-1", $"track-{remix}", "uses-stem"),
            ],
            graph.Edges.Select(e => (e.From, e.To, e.Kind)));
        var stemNode = graph.Nodes.Single(n => n.Key == $"stem-{bass}");
        Assert.Equal(("Bass", original, "Artist of Source Song", "cc-by"), (stemNode.Title, stemNode.TrackId, stemNode.Artist, stemNode.License!.Code));
        Assert.Equal([($"track-{original}", 1), ($"stem-{bass}", 1)], up.Nodes.Where(n => n.Key != up.Root).Select(n => (n.Key, n.Generation)));
    }

    [Fact]
    public async Task StemViews_UsageDownEveryGeneration_SourcesAndAttribution()
    {
        var owner = await _data.UserAsync("StemViews");
        var original = await _data.TrackAsync(owner, "Stem Home");
        var older = await _data.TrackAsync(owner, "Older");
        await _data.LinkAsync(older, original);
        var user = await _data.TrackAsync(owner, "Stem User");
        var later = await _data.TrackAsync(owner, "Later");
        var stem = await _data.StemAsync(original, "Pad");
        await _data.UseStemAsync(stem, user);
        await _data.LinkAsync(user, later);

        var usage = (await ReadAsync(l => l.StemUsageAsync(stem, Viewer.Anonymous, 10, default)))!;
        var sources = (await ReadAsync(l => l.StemSourcesAsync(user, Viewer.Anonymous, default)))!;
        var attribution = (await ReadAsync(l => l.StemAttributionAsync(stem, Viewer.Anonymous, default)))!;

        Assert.Equal([($"stem-{stem}", 0), ($"track-{user}", 1), ($"track-{later}", 2)], usage.Nodes.Select(n => (n.Key, n.Generation)));
        Assert.Equal($"stem-{stem}", usage.Root);
        Assert.Equal([("Pad", "Stem Home")], sources.Select(s => (s.Stem.Title, s.Track.Title)));
        Assert.Equal(("Pad", "Stem Home"), (attribution.Stem.Title, attribution.Track.Title));
        Assert.Equal(["Older"], attribution.BasedOn.Nodes.Where(n => n.Key != attribution.BasedOn.Root).Select(n => n.Title));
    }

    [Fact]
    public async Task HugeGraph_IsCappedAndSaysHowManyWereLeftOut()
    {
        var owner = await _data.UserAsync("Popular");
        var root = await _data.TrackAsync(owner, "Everyone's Sample");
        await using (var scope = fixture.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MusicSite.Data.MusicSiteDbContext>();
            var license = db.Licenses.Single(l => l.Code == "cc-by").Id;
            var tracks = Enumerable.Range(0, MusicSite.Attribution.Lineage.MaxNodes + 10).Select(i => new Track
            {
                Title = $"Remix {i}", ArtistName = "Crowd", UploaderId = owner, LicenseId = license, State = TrackState.Ready,
                MediaFolder = Guid.NewGuid().ToString("N"), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            }).ToList();
            db.Tracks.AddRange(tracks);
            await db.SaveChangesAsync();
            db.TrackRelations.AddRange(tracks.Select(t => new TrackRelation
            {
                OriginalId = root, DerivativeId = t.Id, Kind = RelationKind.Remix, Status = LinkStatus.Approved, RequestedById = owner,
                CreatedAt = DateTime.UtcNow,
            }));
            await db.SaveChangesAsync();
        }

        var down = (await ReadAsync(l => l.DerivativesAsync(root, Viewer.Anonymous, 1, default)))!;

        Assert.Equal(MusicSite.Attribution.Lineage.MaxNodes, down.Nodes.Count);
        Assert.Equal(11, down.Omitted);
        Assert.Equal(MusicSite.Attribution.Lineage.MaxNodes - 1, down.Edges.Count);
    }
}
