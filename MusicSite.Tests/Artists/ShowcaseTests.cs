using Microsoft.Extensions.DependencyInjection;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Artists;

/// <summary>The home page's features. Each test has its own database: "popular" and "newest" look at the whole site.</summary>
public sealed class ShowcaseTests : IAsyncLifetime, IDisposable
{
    private readonly ReferenceDataFixture _core = new();

    public Task InitializeAsync() => _core.InitializeAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _core.Dispose();

    private async Task<T> WithShowcaseAsync<T>(Func<Showcase, Task<T>> action)
    {
        await using var scope = _core.Scope();
        return await action(scope.ServiceProvider.GetRequiredService<Showcase>());
    }

    [Fact]
    public async Task Popular_PlaysInTheLastSevenDays_RankTracksByThoseAlone()
    {
        var artist = await ArtistRows.UserAsync(_core.Services, "Charting");
        var oldHit = await ArtistRows.TrackAsync(_core.Services, artist, "Old hit", plays: 100);
        var newHit = await ArtistRows.TrackAsync(_core.Services, artist, "New hit", plays: 3);
        var quiet = await ArtistRows.TrackAsync(_core.Services, artist, "Quiet", plays: 1);
        var hidden = await ArtistRows.TrackAsync(_core.Services, artist, "Hidden", isPublic: false, plays: 9);
        var now = DateTime.UtcNow;
        await ArtistRows.PlaysAsync(_core.Services, oldHit, 50, now.AddDays(-10));
        await ArtistRows.PlaysAsync(_core.Services, newHit, 3, now.AddDays(-1));
        await ArtistRows.PlaysAsync(_core.Services, quiet, 1, now.AddDays(-6));
        await ArtistRows.PlaysAsync(_core.Services, hidden, 9, now.AddHours(-1));

        var popular = await WithShowcaseAsync(s => s.PopularAsync(Viewer.Anonymous, 10, default));

        Assert.True(popular.ThisWeek);
        Assert.Equal([(newHit, 3), (quiet, 1)], popular.Entries.Select(e => (e.Track.Id, e.Plays)));
    }

    [Fact]
    public async Task Popular_NothingPlayedThisWeek_FallsBackToTheMostPlayedOfAllTime()
    {
        var artist = await ArtistRows.UserAsync(_core.Services, "Classic");
        var big = await ArtistRows.TrackAsync(_core.Services, artist, "Big", plays: 40);
        var small = await ArtistRows.TrackAsync(_core.Services, artist, "Small", plays: 2);
        await ArtistRows.TrackAsync(_core.Services, artist, "Never played");

        var popular = await WithShowcaseAsync(s => s.PopularAsync(Viewer.Anonymous, 10, default));

        Assert.False(popular.ThisWeek);
        Assert.Equal([big, small], popular.Entries.Select(e => e.Track.Id));
    }

    [Fact]
    public async Task EmptySite_HasNoReleasesNoChartAndOffersTheTopLevelGenres()
    {
        var releases = await WithShowcaseAsync(s => s.NewReleasesAsync(Viewer.Anonymous, 8, default));
        var popular = await WithShowcaseAsync(s => s.PopularAsync(Viewer.Anonymous, 10, default));
        var genres = await WithShowcaseAsync(s => s.GenresAsync(Viewer.Anonymous, 16, default));

        Assert.Empty(releases);
        Assert.Empty(popular.Entries);
        Assert.NotEmpty(genres);
        Assert.All(genres, g => Assert.Null(g.TrackCount));
    }

    [Fact]
    public async Task NewReleases_AlbumsWithAPlayableTrackAndSingles_NewestFirst()
    {
        var artist = await ArtistRows.UserAsync(_core.Services, "Releaser");
        var start = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var album = await ArtistRows.AlbumAsync(_core.Services, artist, "Long player");
        await ArtistRows.TrackAsync(_core.Services, artist, "Album side A", albumId: album, createdAt: start.AddDays(2));
        await ArtistRows.TrackAsync(_core.Services, artist, "Album side B", albumId: album, createdAt: start.AddDays(3));
        var emptyAlbum = await ArtistRows.AlbumAsync(_core.Services, artist, "Nothing on it");
        await ArtistRows.TrackAsync(_core.Services, artist, "Private on it", albumId: emptyAlbum, isPublic: false, createdAt: start.AddDays(9));
        var single = await ArtistRows.TrackAsync(_core.Services, artist, "Single", createdAt: start.AddDays(5));
        var older = await ArtistRows.TrackAsync(_core.Services, artist, "Older single", createdAt: start);

        var releases = await WithShowcaseAsync(s => s.NewReleasesAsync(Viewer.Anonymous, 8, default));

        Assert.Equal([(ReleaseKind.Track, single), (ReleaseKind.Album, album), (ReleaseKind.Track, older)], releases.Select(r => (r.Kind, r.Id)));
        Assert.Equal(2, releases[1].TrackCount);
        Assert.Equal(artist, releases[1].Artist.Id);
    }

    [Fact]
    public async Task Genres_WithTracks_ComeByHowManyPlayableTracksTheyHold()
    {
        var artist = await ArtistRows.UserAsync(_core.Services, "Genre mixer");
        var a = await ArtistRows.TrackAsync(_core.Services, artist, "One");
        var b = await ArtistRows.TrackAsync(_core.Services, artist, "Two");
        await using (var scope = _core.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MusicSite.Data.MusicSiteDbContext>();
            var genres = db.Genres.OrderBy(g => g.Id).Take(2).ToList();
            db.TrackGenres.AddRange(new TrackGenre { TrackId = a, GenreId = genres[0].Id }, new TrackGenre { TrackId = b, GenreId = genres[0].Id },
                new TrackGenre { TrackId = a, GenreId = genres[1].Id });
            await db.SaveChangesAsync();
        }

        var chips = await WithShowcaseAsync(s => s.GenresAsync(Viewer.Anonymous, 16, default));

        Assert.Equal([2, 1], chips.Select(c => c.TrackCount ?? 0));
    }
}
