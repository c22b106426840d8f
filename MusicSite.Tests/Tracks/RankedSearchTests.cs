using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Tests.Artists;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Tracks;

/// <summary>
/// A catalog where the best matches for "quasar" are tracks most viewers may not see: 70 private ones of the owner
/// rank above every public one, with pending, deleted and other people's private matches among them, and exact ties
/// (identical text) among the public ones. Totals are counted one by one up to 35 (<c>CatalogTotals:Cap</c>), which is
/// exactly the number of public matches.
/// </summary>
public sealed class RankedSearchFixture : MusicSiteFactory, IAsyncLifetime
{
    public const int Cap = 35;
    public int Owner { get; private set; }
    public int Other { get; private set; }
    public int OneMore { get; private set; }

    public sealed record Row(int Id, int UploaderId, bool IsPublic, bool Ready, bool Deleted, int? Bpm);

    public List<Row> Rows { get; } = [];

    public RankedSearchFixture() => Settings["CatalogTotals:Cap"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        Owner = await ArtistRows.UserAsync(Services, "Owner");
        Other = await ArtistRows.UserAsync(Services, "Other");
        OneMore = await ArtistRows.UserAsync(Services, "One More");
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var license = (await db.Licenses.FirstAsync()).Id;
        var tracks = new List<Track>();
        void Add(int uploader, string title, string? description, int count, bool isPublic = true, TrackState state = TrackState.Ready,
            bool deleted = false)
        {
            for (var i = 0; i < count; i++)
            {
                var when = DateTime.UtcNow.AddMinutes(-tracks.Count);
                tracks.Add(new Track
                {
                    Title = title, ArtistName = "Someone", Description = description, LicenseId = license, UploaderId = uploader,
                    IsPublic = isPublic, State = state, Bpm = (i % 4) switch { 0 => null, var n => 80 + 30 * n },
                    MediaFolder = Guid.NewGuid().ToString("N"), CreatedAt = when, UpdatedAt = when, DeletedAt = deleted ? when : null,
                });
            }
        }
        // Interleaved so that ids do not follow rank: the window's tie order has to be the final one.
        Add(Other, "Plain Track", "about a quasar", 12);
        Add(Owner, "Quasar Quasar", null, 40, isPublic: false);
        Add(Other, "Quasar Quasar", null, 3, deleted: true);
        Add(Owner, "Quasar Quasar", null, 2, isPublic: false, state: TrackState.Processing);
        Add(Other, "Quasar Light", null, 10);
        Add(Owner, "Quasar Quasar", null, 30, isPublic: false);
        Add(OneMore, "Quasar Quasar", null, 1, isPublic: false);
        Add(Other, "Plain Track", "about a quasar", 13);
        Add(Owner, "Unrelated", "nothing to find", 5);
        db.Tracks.AddRange(tracks);
        await db.SaveChangesAsync();
        Rows.AddRange(tracks.Select(t => new Row(t.Id, t.UploaderId, t.IsPublic, t.State == TrackState.Ready, t.DeletedAt is not null, t.Bpm)));
    }

    /// <summary>What a viewer may see of the catalog, by brute force.</summary>
    public bool Sees(Viewer viewer, Row row) =>
        row.Ready && !row.Deleted && (viewer.IsAdmin || row.IsPublic || row.UploaderId == viewer.UserId);

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>Relevance order (decision 0049) against the index's own ranking of every match, filtered by brute force:
/// each viewer gets full pages, in rank order with ties by id, whatever outranks what they may see.</summary>
public sealed class RankedSearchTests(RankedSearchFixture site) : IClassFixture<RankedSearchFixture>
{
    public static TheoryData<string> Viewers() => ["anonymous", "owner", "other", "one-more", "admin"];

    private Viewer ViewerOf(string name) => name switch
    {
        "owner" => new Viewer(site.Owner, false),
        "other" => new Viewer(site.Other, false),
        "one-more" => new Viewer(site.OneMore, false),
        "admin" => new Viewer(null, true),
        _ => Viewer.Anonymous,
    };

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task Search_PrivateMatchesOutrankPublicOnes_EveryPageIsFullAndInRankOrder(string viewerName)
    {
        var viewer = ViewerOf(viewerName);
        var expected = await ExpectedAsync(viewer, _ => true);

        foreach (var limit in new[] { 20, 7 })
        {
            var pages = new List<int>();
            for (var page = 1; page <= expected.Count / limit + 2; page++)
            {
                var result = await SearchAsync(new TrackQuery { Search = "quasar", Limit = limit, Page = page }, viewer);
                var ids = result.Items.Select(t => t.Id).ToList();
                Assert.Equal(expected.Skip((page - 1) * limit).Take(limit), ids);
                pages.AddRange(ids);
            }
            Assert.Equal(expected, pages);
        }
    }

    [Theory]
    [MemberData(nameof(Viewers))]
    public async Task Search_LeastRelevantFirst_IsTheExactReverse(string viewerName)
    {
        var viewer = ViewerOf(viewerName);
        var expected = await ExpectedAsync(viewer, _ => true);
        expected.Reverse();

        var result = await SearchAsync(new TrackQuery { Search = "quasar", Sort = TrackSort.Relevance, Descending = false, Limit = 30 }, viewer);

        Assert.Equal(expected.Take(30), result.Items.Select(t => t.Id));
    }

    [Theory]
    [InlineData("anonymous", 110, 140)]
    [InlineData("owner", 110, 140)]
    [InlineData("owner", null, 100)]
    [InlineData("admin", 100, null)]
    public async Task Search_WithFilters_IsTheRankOrderFilteredByBruteForce(string viewerName, int? bpmMin, int? bpmMax)
    {
        var viewer = ViewerOf(viewerName);
        var expected = await ExpectedAsync(viewer, r => r.Bpm is { } bpm && bpm >= (bpmMin ?? 0) && bpm <= (bpmMax ?? int.MaxValue));
        var query = new TrackQuery { Search = "quasar", BpmMin = bpmMin, BpmMax = bpmMax, Limit = 5 };

        var first = await SearchAsync(query, viewer);
        var second = await SearchAsync(query with { Page = 2 }, viewer);

        Assert.Equal(expected.Take(5), first.Items.Select(t => t.Id));
        Assert.Equal(expected.Skip(5).Take(5), second.Items.Select(t => t.Id));
        Assert.Equal((Math.Min(expected.Count, RankedSearchFixture.Cap), expected.Count <= RankedSearchFixture.Cap), (first.Total, first.TotalExact));
    }

    [Theory]
    [InlineData("anonymous", true)]  // exactly the cap: 35 public matches
    [InlineData("other", true)]      // the same 35: their deleted ones never count
    [InlineData("one-more", false)]  // 35 and their one private match: "35+"
    [InlineData("owner", false)]
    public async Task Search_TotalAtTheCap_IsExactAndOnePastItIsTheCapNotExact(string viewerName, bool exact)
    {
        var viewer = ViewerOf(viewerName);
        var expected = await ExpectedAsync(viewer, _ => true);

        var result = await SearchAsync(new TrackQuery { Search = "quasar" }, viewer);

        Assert.Equal(exact, expected.Count == RankedSearchFixture.Cap);
        Assert.Equal((RankedSearchFixture.Cap, exact), (result.Total, result.TotalExact));
        Assert.Equal(exact, result.Facets.Exact);
        if (exact)
        {
            Assert.Equal(site.Rows.Count(r => expected.Contains(r.Id) && r.Bpm is not null), result.Facets.BpmRanges.Sum(b => b.Count));
        }
        else
        {
            Assert.Equal(RankedSearchFixture.Cap, result.Facets.Among);
        }
    }

    [Fact]
    public async Task Api_AnonymousPages_AreTheListedMatchesInRankOrder()
    {
        var expected = await ExpectedAsync(Viewer.Anonymous, _ => true);
        var client = site.CreateClient();

        var second = await (await client.GetAsync("/api/music/tracks?search=quasar&limit=20&page=2")).JsonAsync();

        Assert.Equal(expected.Skip(20), second.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()));
        Assert.Equal(RankedSearchFixture.Cap, second.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.True(second.GetProperty("meta").GetProperty("totalExact").GetBoolean());
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync("/tracks?search=quasar"));
        Assert.Equal(expected.Take(20).Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            page.QuerySelectorAll("ol.track-list > li").Select(li => li.GetAttribute("data-track-id")!));
        Assert.Equal("35 tracks", page.QuerySelector("[data-testid=result-count]")?.TextContent);
    }

    /// <summary>Every match as the index itself ranks it (its rank setting, ties by id, newest first), then what the
    /// viewer may see and the filter allows, by brute force.</summary>
    private async Task<List<int>> ExpectedAsync(Viewer viewer, Func<RankedSearchFixture.Row, bool> filter)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var ranked = await db.Database.SqlQuery<int>(
            $"""SELECT rowid AS "Value" FROM "TrackSearch" WHERE "TrackSearch" MATCH '"quasar"*' ORDER BY rank, rowid DESC""").ToListAsync();
        var rows = site.Rows.ToDictionary(r => r.Id);
        return ranked.Where(id => site.Sees(viewer, rows[id]) && filter(rows[id])).ToList();
    }

    private async Task<TrackSearchResult> SearchAsync(TrackQuery query, Viewer viewer)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogSearch>().SearchAsync(query, viewer, CancellationToken.None);
    }
}
