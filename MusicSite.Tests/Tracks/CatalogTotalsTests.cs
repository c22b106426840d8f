using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Tests.Artists;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Tracks;

/// <summary>A site that counts lists one by one only up to 10 (<c>CatalogTotals:Cap</c>), with artists of exactly
/// 10 and of 11 listed tracks, and unlisted tracks of every kind.</summary>
public sealed class CappedCatalogFixture : MusicSiteFactory, IAsyncLifetime
{
    public const int Cap = 10;
    public int Owner { get; private set; }
    public int Other { get; private set; }
    public int GenreId { get; private set; }
    public string GenreSlug { get; private set; } = "";

    public sealed record Row(int UploaderId, bool IsPublic, bool Ready, bool Deleted, int? Bpm, bool InGenre, string Artist);

    public List<Row> Rows { get; } = [];

    public CappedCatalogFixture() => Settings["CatalogTotals:Cap"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        Owner = await ArtistRows.UserAsync(Services, "Owner");
        Other = await ArtistRows.UserAsync(Services, "Other");
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var genre = await db.Genres.OrderBy(g => g.Id).FirstAsync(g => g.ParentId != null);
        (GenreId, GenreSlug) = (genre.Id, genre.Slug);
        var license = (await db.Licenses.FirstAsync(l => l.Code == "cc-by")).Id;
        void Add(int uploader, string artist, int count, bool isPublic = true, TrackState state = TrackState.Ready, bool deleted = false)
        {
            for (var i = 0; i < count; i++)
            {
                var row = new Row(uploader, isPublic, state == TrackState.Ready, deleted, i % 3 == 0 ? null : 80 + 20 * (i % 5), i % 2 == 0, artist);
                Rows.Add(row);
                var when = DateTime.UtcNow.AddMinutes(-Rows.Count);
                db.Tracks.Add(new Track
                {
                    Title = $"{artist} {i}", ArtistName = artist, LicenseId = license, UploaderId = uploader, IsPublic = isPublic, State = state,
                    Bpm = row.Bpm, MediaFolder = Guid.NewGuid().ToString("N"), CreatedAt = when, UpdatedAt = when, DeletedAt = deleted ? when : null,
                    Genres = row.InGenre ? [new TrackGenre { GenreId = genre.Id }] : [],
                });
            }
        }
        Add(Owner, "Exact Ten", 10);
        Add(Other, "Eleven Over", 11);
        Add(Owner, "Owner Private", 3, isPublic: false);
        Add(Owner, "Owner Pending", 1, isPublic: false, state: TrackState.Processing);
        Add(Other, "Other Private", 2, isPublic: false);
        Add(Other, "Gone", 2, deleted: true);
        await db.SaveChangesAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>Totals and facets through the API (<c>meta.totalExact</c>, <c>facets.exact</c>), the page ("10+ tracks")
/// and the service for each kind of viewer: exact from the counters, exact up to the cap, the cap marked past it.</summary>
public sealed class CatalogTotalsTests(CappedCatalogFixture site) : IClassFixture<CappedCatalogFixture>
{
    private readonly HttpClient _client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Api_UnfilteredCatalog_IsExactFromTheCountersPastTheCap()
    {
        var response = await (await _client.GetAsync("/api/music/tracks?limit=5")).JsonAsync();

        var meta = response.GetProperty("meta");
        Assert.Equal(21, meta.GetProperty("total").GetInt32());
        Assert.True(meta.GetProperty("totalExact").GetBoolean());
        Assert.Equal(5, meta.GetProperty("totalPages").GetInt32());
        var facets = response.GetProperty("facets");
        Assert.True(facets.GetProperty("exact").GetBoolean());
        var listed = site.Rows.Where(r => r.IsPublic && r.Ready && !r.Deleted).ToList();
        Assert.Equal(listed.Count(r => r.Bpm is not null), facets.GetProperty("bpmRanges").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32()));
        Assert.Contains(facets.GetProperty("genres").EnumerateArray(),
            g => g.GetProperty("value").GetString() == site.GenreSlug && g.GetProperty("count").GetInt32() == listed.Count(r => r.InGenre));
    }

    [Theory]
    [InlineData("genre")]
    [InlineData("bpm")]
    [InlineData("license")]
    public async Task Api_OneGenreLicenseOrBpmBucket_IsExactFromTheCounters(string filter)
    {
        var listed = site.Rows.Where(r => r.IsPublic && r.Ready && !r.Deleted).ToList();
        var (url, expected) = filter switch
        {
            "genre" => ($"/api/music/tracks?genre={site.GenreSlug}", listed.Count(r => r.InGenre)),
            "bpm" => ("/api/music/tracks?bpm_min=90&bpm_max=109", listed.Count(r => r.Bpm is >= 90 and <= 109)),
            _ => ("/api/music/tracks?license=cc-by", 21),
        };

        var response = await (await _client.GetAsync(url)).JsonAsync();

        var meta = response.GetProperty("meta");
        Assert.Equal(expected, meta.GetProperty("total").GetInt32());
        Assert.True(meta.GetProperty("totalExact").GetBoolean());
        // The counters give the total whatever its size. The facets of one genre are kept within it (exact past the
        // cap, 11 here); those of a license or BPM bucket are exact only up to the cap.
        var facets = response.GetProperty("facets");
        Assert.Equal(filter == "genre" || expected <= CappedCatalogFixture.Cap, facets.GetProperty("exact").GetBoolean());
        if (filter == "genre")
        {
            Assert.True(expected > CappedCatalogFixture.Cap);
            var inGenre = listed.Where(r => r.InGenre).ToList();
            Assert.Equal(inGenre.Count(r => r.Bpm is not null), facets.GetProperty("bpmRanges").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32()));
            Assert.Contains(facets.GetProperty("genres").EnumerateArray(),
                g => g.GetProperty("value").GetString() == site.GenreSlug && g.GetProperty("count").GetInt32() == inGenre.Count);
        }
    }

    [Fact]
    public async Task Api_FilteredListOfExactlyTheCap_IsExact()
    {
        var response = await (await _client.GetAsync("/api/music/tracks?artist=Exact%20Ten&limit=5&page=2")).JsonAsync();

        var meta = response.GetProperty("meta");
        Assert.Equal(10, meta.GetProperty("total").GetInt32());
        Assert.True(meta.GetProperty("totalExact").GetBoolean());
        Assert.False(meta.GetProperty("hasNext").GetBoolean());
        Assert.True(response.GetProperty("facets").GetProperty("exact").GetBoolean());
        Assert.Equal(5, response.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Api_FilteredListOfCapPlusOne_IsTheCapMarkedNotExact_AndPagesGoOnPastIt()
    {
        var first = await (await _client.GetAsync("/api/music/tracks?artist=Eleven%20Over&limit=5&page=2")).JsonAsync();
        var meta = first.GetProperty("meta");
        Assert.Equal(CappedCatalogFixture.Cap, meta.GetProperty("total").GetInt32());
        Assert.False(meta.GetProperty("totalExact").GetBoolean());
        Assert.True(meta.GetProperty("hasNext").GetBoolean());
        var facets = first.GetProperty("facets");
        Assert.False(facets.GetProperty("exact").GetBoolean());
        Assert.Equal(CappedCatalogFixture.Cap, facets.GetProperty("among").GetInt32());
        Assert.True(facets.GetProperty("bpmRanges").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32()) <= CappedCatalogFixture.Cap);

        // Page 3 is past the capped total: its one track is there, and nothing after it.
        var last = await (await _client.GetAsync("/api/music/tracks?artist=Eleven%20Over&limit=5&page=3")).JsonAsync();
        Assert.Equal(1, last.GetProperty("data").GetArrayLength());
        Assert.False(last.GetProperty("meta").GetProperty("hasNext").GetBoolean());
        Assert.True(last.GetProperty("meta").GetProperty("hasPrev").GetBoolean());
    }

    [Fact]
    public async Task Page_PastTheCap_Shows10PlusAndSaysTheFacetsAreCountedAmongSome()
    {
        var doc = await PageAsync("/tracks?artist=Eleven%20Over&limit=5");

        Assert.Equal("10+ tracks", doc.QuerySelector("[data-testid=result-count]")?.TextContent);
        Assert.Equal("Counts among 10 of the matching tracks", doc.QuerySelector("[data-testid=facets-approximate]")?.TextContent);
        Assert.Equal("Page 1 of 2+", doc.QuerySelector(".pager span")?.TextContent);
    }

    [Fact]
    public async Task Page_NumberedPagePastTheCappedTotal_IsServedNotRedirected()
    {
        var doc = await PageAsync("/tracks?artist=Eleven%20Over&limit=5&page=3");

        Assert.Single(doc.QuerySelectorAll("#results .track-list > li"));
        Assert.Equal("Page 3", doc.QuerySelector(".pager span")?.TextContent);
        Assert.Null(doc.QuerySelector(".pager a[rel=next]"));
    }

    [Fact]
    public async Task Page_ListOfExactlyTheCap_ShowsTheExactCountAndNoNote()
    {
        var doc = await PageAsync("/tracks?artist=Exact%20Ten");

        Assert.Equal("10 tracks", doc.QuerySelector("[data-testid=result-count]")?.TextContent);
        Assert.Null(doc.QuerySelector("[data-testid=facets-approximate]"));
    }

    [Fact]
    public async Task Service_SignedInViewersAndAdmins_CountTheirUnlistedTracksToo()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<CatalogSearch>();
        foreach (var viewer in new[] { Viewer.Anonymous, new Viewer(site.Owner, false), new Viewer(site.Other, false), new Viewer(null, true) })
        {
            var seen = site.Rows.Where(r => r.Ready && !r.Deleted && (viewer.IsAdmin || r.IsPublic || r.UploaderId == viewer.UserId)).ToList();
            var all = await search.SearchAsync(new TrackQuery(), viewer, CancellationToken.None);
            Assert.Equal((seen.Count, true), (all.Total, all.TotalExact));
            Assert.Equal(seen.Count(r => r.Bpm is not null), all.Facets.BpmRanges.Sum(b => b.Count));
            Assert.Equal(seen.Count(r => r.InGenre), all.Facets.Genres.Single(g => g.Value == site.GenreSlug).Count);

            var inGenre = await search.SearchAsync(new TrackQuery { Genre = site.GenreSlug }, viewer, CancellationToken.None);
            Assert.Equal((seen.Count(r => r.InGenre), true), (inGenre.Total, inGenre.TotalExact));
            // The genre's kept counters plus the viewer's own unlisted tracks in it.
            Assert.True(inGenre.Facets.Exact);
            Assert.Equal(seen.Count(r => r.InGenre && r.Bpm is not null), inGenre.Facets.BpmRanges.Sum(b => b.Count));
            Assert.Equal(seen.Count(r => r.InGenre), inGenre.Facets.Genres.Single(g => g.Value == site.GenreSlug).Count);
        }
    }

    [Fact]
    public async Task Service_UnknownGenre_IsZeroExactly()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<CatalogSearch>()
            .SearchAsync(new TrackQuery { Genre = "no-such-genre" }, Viewer.Anonymous, CancellationToken.None);

        Assert.Equal((0, true), (result.Total, result.TotalExact));
        Assert.Empty(result.Facets.Genres);
    }

    [Theory]
    [InlineData(1, true, "1 track")]
    [InlineData(12345, true, "12,345 tracks")]
    [InlineData(1000, false, "1,000+ tracks")]
    public void CatalogTotal_InWords_MarksTheCap(int count, bool exact, string expected) =>
        Assert.Equal(expected, new CatalogTotal(count, exact).InWords);

    private async Task<IHtmlDocument> PageAsync(string url)
    {
        var response = await _client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} for {url}");
        return new HtmlParser().ParseDocument(html);
    }
}
