using Microsoft.Extensions.DependencyInjection;
using MusicSite.Artists;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Artists;

public sealed class ArtistDirectoryTests(ReferenceDataFixture core) : IClassFixture<ReferenceDataFixture>
{
    private sealed record Catalog(int Artist, int Public, int Private, int Pending, int Deleted, int Album);

    /// <summary>An artist with one track of each kind: public and ready, private, still processing, deleted; and one album.</summary>
    private async Task<Catalog> ArtistWithEveryKindOfTrackAsync()
    {
        var artist = await ArtistRows.UserAsync(core.Services, $"Mixed {ArtistRows.Token()}", bio: "Plays things.");
        var album = await ArtistRows.AlbumAsync(core.Services, artist, "Record");
        return new Catalog(artist,
            await ArtistRows.TrackAsync(core.Services, artist, "Public", plays: 5, albumId: album),
            await ArtistRows.TrackAsync(core.Services, artist, "Private", isPublic: false, plays: 7),
            await ArtistRows.TrackAsync(core.Services, artist, "Pending", state: TrackState.Processing),
            await ArtistRows.TrackAsync(core.Services, artist, "Deleted", deleted: true, plays: 11),
            album);
    }

    private async Task<T> WithDirectoryAsync<T>(Func<ArtistDirectory, Task<T>> action)
    {
        await using var scope = core.Scope();
        return await action(scope.ServiceProvider.GetRequiredService<ArtistDirectory>());
    }

    [Fact]
    public async Task Tracks_AnotherViewer_SeesOnlyPublicReadyTracksAndTheirTotals()
    {
        var c = await ArtistWithEveryKindOfTrackAsync();
        var listener = new Viewer(await ArtistRows.UserAsync(core.Services, "Listener"), false);

        var (tracks, total) = await WithDirectoryAsync(d => d.TracksAsync(c.Artist, listener, ArtistTrackSort.Newest, 1, 20, default));
        var profile = await WithDirectoryAsync(d => d.FindAsync(c.Artist, Viewer.Anonymous, default));

        Assert.Equal([c.Public], tracks.Select(t => t.Id));
        Assert.Equal(1, total);
        Assert.Equal(new ArtistTotals(1, 1, 5), profile!.Totals);
        Assert.Equal("Plays things.", profile.Bio);
    }

    [Fact]
    public async Task Tracks_TheArtistThemselves_AlsoSeeTheirPrivateReadyTracks()
    {
        var c = await ArtistWithEveryKindOfTrackAsync();

        var (tracks, _) = await WithDirectoryAsync(d => d.TracksAsync(c.Artist, new Viewer(c.Artist, false, true), ArtistTrackSort.Newest, 1, 20, default));

        Assert.Equal([c.Public, c.Private], tracks.Select(t => t.Id).Order());
    }

    [Fact]
    public async Task Find_AccountWithOnlyPrivateOrUnfinishedTracks_IsNoArtist()
    {
        var hidden = await ArtistRows.UserAsync(core.Services, $"Hidden {ArtistRows.Token()}");
        await ArtistRows.TrackAsync(core.Services, hidden, "Secret", isPublic: false);
        await ArtistRows.TrackAsync(core.Services, hidden, "Unfinished", state: TrackState.Failed);
        await ArtistRows.TrackAsync(core.Services, hidden, "Gone", deleted: true);

        Assert.Null(await WithDirectoryAsync(d => d.FindAsync(hidden, new Viewer(hidden, false, true), default)));
        Assert.Null(await WithDirectoryAsync(d => d.SlugOfAsync(hidden, default)));
    }

    [Fact]
    public async Task Find_AccountWithOnlyAnAlbum_IsAnArtist()
    {
        var owner = await ArtistRows.UserAsync(core.Services, $"Album only {ArtistRows.Token()}");
        await ArtistRows.AlbumAsync(core.Services, owner, "Soon");

        var profile = await WithDirectoryAsync(d => d.FindAsync(owner, Viewer.Anonymous, default));

        Assert.Equal(new ArtistTotals(0, 1, 0), profile!.Totals);
    }

    [Theory]
    [InlineData(ArtistTrackSort.Newest, "b-middle,a-first,C-last")]
    [InlineData(ArtistTrackSort.Title, "a-first,b-middle,C-last")]
    [InlineData(ArtistTrackSort.Plays, "C-last,a-first,b-middle")]
    public async Task Tracks_EachSort_OrdersAsItsLabelSays(ArtistTrackSort sort, string expected)
    {
        var artist = await ArtistRows.UserAsync(core.Services, $"Sorter {ArtistRows.Token()}");
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await ArtistRows.TrackAsync(core.Services, artist, "a-first", plays: 5, createdAt: start.AddDays(1));
        await ArtistRows.TrackAsync(core.Services, artist, "C-last", plays: 9, createdAt: start);
        await ArtistRows.TrackAsync(core.Services, artist, "b-middle", plays: 1, createdAt: start.AddDays(2));

        var (tracks, _) = await WithDirectoryAsync(d => d.TracksAsync(artist, Viewer.Anonymous, sort, 1, 20, default));

        Assert.Equal(expected, string.Join(",", tracks.Select(t => t.Title)));
    }

    [Fact]
    public async Task Tracks_Paged_GivesEachTrackOnceAndTheTotal()
    {
        var artist = await ArtistRows.UserAsync(core.Services, $"Pager {ArtistRows.Token()}");
        for (var i = 0; i < 5; i++)
        {
            await ArtistRows.TrackAsync(core.Services, artist, $"Track {i}");
        }

        var pages = new List<int>();
        for (var page = 1; page <= 3; page++)
        {
            var (items, total) = await WithDirectoryAsync(d => d.TracksAsync(artist, Viewer.Anonymous, ArtistTrackSort.Title, page, 2, default));
            Assert.Equal(5, total);
            pages.AddRange(items.Select(t => t.Id));
        }

        Assert.Equal(5, pages.Distinct().Count());
    }

    [Fact]
    public async Task TrackSummaries_CarryTheUploaderAndTheSlug()
    {
        var artist = await ArtistRows.UserAsync(core.Services, $"Linked {ArtistRows.Token()}");
        await ArtistRows.TrackAsync(core.Services, artist, "Credit", artistName: "Someone Else Entirely");
        var slug = await WithDirectoryAsync(d => d.SlugOfAsync(artist, default));

        var (tracks, _) = await WithDirectoryAsync(d => d.TracksAsync(artist, Viewer.Anonymous, ArtistTrackSort.Newest, 1, 20, default));

        Assert.Equal(artist, tracks.Single().Uploader!.Id);
        Assert.Equal(slug, tracks.Single().Uploader!.Slug);
        Assert.Equal("Someone Else Entirely", tracks.Single().ArtistName);
    }

    [Fact]
    public async Task List_IncludesArtistsOnlyAndMakesTheirSlugs()
    {
        var token = ArtistRows.Token();
        var artist = await ArtistRows.UserAsync(core.Services, $"Listed {token}");
        await ArtistRows.TrackAsync(core.Services, artist, "Out");
        var quiet = await ArtistRows.UserAsync(core.Services, $"Quiet {token}");
        await ArtistRows.TrackAsync(core.Services, quiet, "Unheard", isPublic: false);

        var (items, total) = await WithDirectoryAsync(d => d.ListAsync(1, 100, default));

        var listed = Assert.Single(items, a => a.Id == artist);
        Assert.Equal($"listed-{token}", listed.Slug);
        Assert.DoesNotContain(items, a => a.Id == quiet);
        Assert.Equal(items.Count, total);
    }
}
