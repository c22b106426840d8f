using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Tracks;

[Trait("Category", "Slow")]
public sealed class RelatedTracksTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    [Fact]
    public async Task Related_RanksSameArtistThenSharedGenresThenTags_AndShowsOnThePage()
    {
        var source = await TestCatalog.AddReadyTrackAsync(site.Services, "Source", seconds: 2);
        var sameArtist = await TestCatalog.AddReadyTrackAsync(site.Services, "Same Artist", seconds: 2);
        var twoGenres = await TestCatalog.AddReadyTrackAsync(site.Services, "Two Genres", seconds: 2);
        var oneTag = await TestCatalog.AddReadyTrackAsync(site.Services, "One Tag", seconds: 2);
        var unrelated = await TestCatalog.AddReadyTrackAsync(site.Services, "Unrelated", seconds: 2);
        var privateMatch = await TestCatalog.AddReadyTrackAsync(site.Services, "Private Match", seconds: 2, isPublic: false);

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
            var house = await db.Genres.Where(g => g.Slug == "house").Select(g => g.Id).SingleAsync();
            var techno = await db.Genres.Where(g => g.Slug == "techno").Select(g => g.Id).SingleAsync();
            var tracks = await db.Tracks.Include(t => t.Genres).Include(t => t.Tags).ToDictionaryAsync(t => t.Id);
            void Set(int id, string artist, int[] genreIds, string[] tags)
            {
                tracks[id].ArtistName = artist;
                tracks[id].Genres.AddRange(genreIds.Select(g => new TrackGenre { GenreId = g }));
                tracks[id].Tags.AddRange(tags.Select(t => new TrackTag { Tag = t }));
            }
            Set(source, "Aurora", [house, techno], ["warm", "night"]);
            Set(sameArtist, "Aurora", [], []);
            Set(twoGenres, "Someone", [house, techno], []);
            Set(oneTag, "Someone Else", [], ["night"]);
            Set(unrelated, "Nobody", [], ["cold"]);
            Set(privateMatch, "Aurora", [house, techno], ["warm"]);
            await db.SaveChangesAsync();
        }

        await using var read = site.Services.CreateAsyncScope();
        var related = await read.ServiceProvider.GetRequiredService<TrackCatalog>().RelatedAsync(source, Viewer.Anonymous, 6, default);

        // two shared genres (4) > same artist (3) > one shared tag (1); the private match stays hidden.
        Assert.Equal([twoGenres, sameArtist, oneTag], related.Select(t => t.Id));
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await site.CreateClient().GetStringAsync($"/tracks/{source}"));
        Assert.Equal(["Two Genres", "Same Artist", "One Tag"],
            page.QuerySelectorAll("ol[aria-label='Related tracks'] .track-title").Select(a => a.TextContent));
    }
}
