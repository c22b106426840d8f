using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Artists;

/// <summary>The showcase's fast paths (decision 0048) against the same rule computed by brute force over every row:
/// the week's chart read from a kept ranking past hidden tracks, the newest releases read from the newest tracks, and a
/// genre's most played tracks by either plan. Each test has its own database.</summary>
public sealed class ShowcaseRankingTests : IAsyncLifetime, IDisposable
{
    private readonly ReferenceDataFixture _core = new();

    public Task InitializeAsync() => _core.InitializeAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _core.Dispose();

    [Fact]
    public async Task Popular_MostPlayedAreHidden_ChartReadsPastThemInRankOrder()
    {
        var artist = await ArtistRows.UserAsync(_core.Services, "Deep chart");
        var tracks = new List<(int Id, int Plays, bool Shown)>();
        for (var i = 0; i < 40; i++)
        {
            // The 30 most played are private or deleted; two of the rest tie on plays (the higher id first).
            var shown = i >= 30;
            var id = await ArtistRows.TrackAsync(_core.Services, artist, $"Charted {i}", isPublic: shown || i % 2 == 0, deleted: !shown && i % 2 == 0);
            var plays = i == 33 ? 7 : 40 - i;
            await ArtistRows.PlaysAsync(_core.Services, id, plays, DateTime.UtcNow.AddHours(-3));
            tracks.Add((id, plays, shown));
        }

        await using var scope = _core.Scope();
        var popular = await scope.ServiceProvider.GetRequiredService<Showcase>().PopularAsync(Viewer.Anonymous, 4, default);

        var expected = tracks.Where(t => t.Shown).OrderByDescending(t => t.Plays).ThenByDescending(t => t.Id).Take(4).Select(t => (t.Id, t.Plays));
        Assert.True(popular.ThisWeek);
        Assert.Equal(expected, popular.Entries.Select(e => (e.Track.Id, e.Plays)));
    }

    [Fact]
    public async Task NewReleases_ManyTracksPerAlbum_SameAsEveryReleaseDatedByItsNewestTrack()
    {
        var artist = await ArtistRows.UserAsync(_core.Services, "Prolific");
        var start = DateTime.UtcNow.AddDays(-100);
        var albums = new List<int>();
        for (var a = 0; a < 5; a++)
        {
            albums.Add(await ArtistRows.AlbumAsync(_core.Services, artist, $"Long album {a}"));
        }
        var rows = new List<(int Id, int? Album, DateTime At, bool Shown)>();
        for (var i = 0; i < 120; i++)
        {
            // Most tracks go to five albums (so many tracks must be read to find enough releases), some are singles,
            // some are hidden, and a few share a moment.
            int? album = i % 7 == 0 ? null : albums[i % 5];
            var at = start.AddHours(i - i % 3);
            var shown = i % 11 != 0;
            var id = await ArtistRows.TrackAsync(_core.Services, artist, $"Release track {i}", isPublic: shown, createdAt: at, albumId: album);
            rows.Add((id, album, at, shown));
        }

        await using var scope = _core.Scope();
        var releases = await scope.ServiceProvider.GetRequiredService<Showcase>().NewReleasesAsync(Viewer.Anonymous, 8, default);

        var shownRows = rows.Where(r => r.Shown).ToList();
        var expected = shownRows.Where(r => r.Album is not null).GroupBy(r => r.Album!.Value)
            .Select(g => (Kind: ReleaseKind.Album, Id: g.Key, At: g.Max(r => r.At), Tracks: g.Count()))
            .Concat(shownRows.Where(r => r.Album is null).Select(r => (Kind: ReleaseKind.Track, r.Id, r.At, Tracks: 1)))
            .OrderByDescending(r => r.At).ThenBy(r => r.Kind).ThenByDescending(r => r.Id).Take(8).ToList();
        Assert.Equal(expected, releases.Select(r => (r.Kind, r.Id, r.PublishedAt, r.TrackCount)));
    }

    [Theory]
    [InlineData("electronic", 12)] // most of the catalog: walks the plays index
    [InlineData("jazz", 3)] // a few tracks: gathers and sorts them
    public async Task GenrePopularTracks_EitherPlan_SameAsBruteForce(string slug, int inGenre)
    {
        var artist = await ArtistRows.UserAsync(_core.Services, "Genre charting");
        int genreId, childId, otherId;
        await using (var setup = _core.Scope())
        {
            var db = setup.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
            genreId = await db.Genres.Where(g => g.Slug == slug).Select(g => g.Id).SingleAsync();
            childId = await db.Genres.Where(g => g.ParentId == genreId).Select(g => g.Id).FirstAsync();
            otherId = await db.Genres.Where(g => g.Slug == "rock").Select(g => g.Id).SingleAsync();
        }
        var start = DateTime.UtcNow.AddDays(-30);
        var rows = new List<(int Id, int Plays, DateTime At, bool InGenre)>();
        for (var i = 0; i < 16; i++)
        {
            var member = i < inGenre;
            var hidden = i % 5 == 4;
            // Plays tie in pairs, so the newer of two goes first; hidden tracks are among the most played.
            var id = await ArtistRows.TrackAsync(_core.Services, artist, $"Genre track {i}", isPublic: !hidden, plays: 10 - i / 2 + (hidden ? 50 : 0),
                createdAt: start.AddDays(i % 4));
            await using var scope = _core.Scope();
            var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
            db.TrackGenres.Add(new TrackGenre { TrackId = id, GenreId = member ? (i % 2 == 0 ? genreId : childId) : otherId });
            if (member && i % 3 == 0)
            {
                db.TrackGenres.Add(new TrackGenre { TrackId = id, GenreId = i % 2 == 0 ? childId : genreId }); // counted once
            }
            await db.SaveChangesAsync();
            rows.Add((id, 10 - i / 2 + (hidden ? 50 : 0), start.AddDays(i % 4), member && !hidden));
        }

        await using var read = _core.Scope();
        var tracks = await read.ServiceProvider.GetRequiredService<GenreShowcase>().PopularTracksAsync(genreId, Viewer.Anonymous, 4, default);

        var expected = rows.Where(r => r.InGenre).OrderByDescending(r => r.Plays).ThenByDescending(r => r.At).ThenByDescending(r => r.Id)
            .Take(4).Select(r => r.Id);
        Assert.Equal(expected, tracks.Select(t => t.Id));
    }
}
