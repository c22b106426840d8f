using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Artists;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Artists;

/// <summary>/api/artists shows what the artist page shows; album JSON carries its addresses.</summary>
public sealed class ArtistsApiTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>, IDisposable
{
    private readonly TempDirectory _files = new("musicsite-artists-api");

    private async Task<string> SlugAsync(int userId)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ArtistDirectory>().SlugOfAsync(userId, default))!;
    }

    [Fact]
    public async Task Get_Artist_HasTotalsBioAndAddresses()
    {
        var artist = await ArtistRows.UserAsync(site.Services, $"Api Artist {ArtistRows.Token()}", bio: "Hello.");
        await ArtistRows.TrackAsync(site.Services, artist, "Counted", plays: 6);
        await ArtistRows.TrackAsync(site.Services, artist, "Private", isPublic: false, plays: 9);
        await ArtistRows.AlbumAsync(site.Services, artist, "Api album");

        var json = await (await site.CreateClient().GetAsync($"/api/artists/{artist}")).JsonAsync();

        var slug = await SlugAsync(artist);
        Assert.Equal(slug, json.GetProperty("slug").GetString());
        Assert.Equal("Hello.", json.GetProperty("bio").GetString());
        var totals = json.GetProperty("totals");
        Assert.Equal((1, 1, 6L), (totals.GetProperty("tracks").GetInt32(), totals.GetProperty("albums").GetInt32(), totals.GetProperty("plays").GetInt64()));
        var urls = json.GetProperty("urls");
        Assert.Equal($"/artists/{slug}", urls.GetProperty("page").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, urls.GetProperty("avatar").ValueKind);
        Assert.Equal($"/api/artists/{artist}/tracks", urls.GetProperty("tracks").GetString());
    }

    [Fact]
    public async Task Get_ArtistWithAnAvatar_LinksAnAvatarThatLoads()
    {
        var artist = await ArtistRows.UserAsync(site.Services, $"Pictured {ArtistRows.Token()}");
        await ArtistRows.TrackAsync(site.Services, artist, "Pictured tune");
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await using var image = File.OpenRead(MediaFixtures.Image(_files.Path, "png", 300, 300));
            Assert.True((await scope.ServiceProvider.GetRequiredService<AccountService>().SetAvatarAsync(artist, image, default)).Succeeded);
        }
        var client = site.CreateClient();

        var avatar = (await (await client.GetAsync($"/api/artists/{artist}")).JsonAsync()).GetProperty("urls").GetProperty("avatar").GetString()!;

        var response = await client.GetAsync(avatar);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_UnknownOrUnpublishedAccount_IsArtistNotFound()
    {
        var quiet = await ArtistRows.UserAsync(site.Services, $"Unpublished {ArtistRows.Token()}");
        await ArtistRows.TrackAsync(site.Services, quiet, "Draft", isPublic: false);
        var client = site.CreateClient();

        foreach (var path in new[] { $"/api/artists/{quiet}", $"/api/artists/{quiet}/tracks", $"/api/artists/{quiet}/albums", "/api/artists/999999" })
        {
            await (await client.GetAsync(path)).ProblemAsync(404, "ARTIST_NOT_FOUND");
        }
    }

    [Fact]
    public async Task Tracks_ListEnvelopeSortedAndWithoutPrivateTracks()
    {
        var artist = await ArtistRows.UserAsync(site.Services, $"Lister {ArtistRows.Token()}");
        var low = await ArtistRows.TrackAsync(site.Services, artist, "Low", plays: 1);
        var high = await ArtistRows.TrackAsync(site.Services, artist, "High", plays: 8);
        var mid = await ArtistRows.TrackAsync(site.Services, artist, "Mid", plays: 4);
        await ArtistRows.TrackAsync(site.Services, artist, "Private", isPublic: false, plays: 99);

        var json = await (await site.CreateClient().GetAsync($"/api/artists/{artist}/tracks?sort=plays&limit=2&page=1")).JsonAsync();

        Assert.Equal([high, mid], json.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()));
        var meta = json.GetProperty("meta");
        Assert.Equal((3, 2, true), (meta.GetProperty("total").GetInt32(), meta.GetProperty("totalPages").GetInt32(), meta.GetProperty("hasNext").GetBoolean()));
        var uploader = json.GetProperty("data")[0].GetProperty("uploader");
        Assert.Equal((artist, await SlugAsync(artist)), (uploader.GetProperty("id").GetInt32(), uploader.GetProperty("slug").GetString()));
        Assert.NotEqual(low, high);
    }

    [Theory]
    [InlineData("?sort=bogus", "sort")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?page=0", "page")]
    public async Task Tracks_BadQuery_IsAValidationProblemNamingTheField(string query, string field)
    {
        var artist = await ArtistRows.UserAsync(site.Services, $"Strict {ArtistRows.Token()}");
        await ArtistRows.TrackAsync(site.Services, artist, "Strict tune");

        var problem = await (await site.CreateClient().GetAsync($"/api/artists/{artist}/tracks{query}")).ProblemAsync(400, "VALIDATION_FAILED");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task AlbumJson_InListsDetailAndArtistAlbums_CarriesPageArtworkAndThumbnail()
    {
        var artist = await ArtistRows.UserAsync(site.Services, $"Album maker {ArtistRows.Token()}");
        var album = await ArtistRows.AlbumAsync(site.Services, artist, "Addressed");
        var client = site.CreateClient();

        var detail = await (await client.GetAsync($"/api/music/albums/{album}")).JsonAsync();
        var ofArtist = await (await client.GetAsync($"/api/artists/{artist}/albums")).JsonAsync();
        var list = await (await client.GetAsync("/api/music/albums?limit=100")).JsonAsync();

        var listed = list.GetProperty("data").EnumerateArray().Single(a => a.GetProperty("id").GetInt32() == album);
        foreach (var json in new[] { detail, ofArtist.GetProperty("data").EnumerateArray().Single(), listed })
        {
            var urls = json.GetProperty("urls");
            Assert.Equal($"/albums/{album}", urls.GetProperty("page").GetString());
            Assert.StartsWith($"/api/music/albums/{album}/artwork", urls.GetProperty("artwork").GetString());
            Assert.StartsWith($"/api/music/albums/{album}/artwork", urls.GetProperty("thumbnail").GetString());
        }
        Assert.Equal(artist, listed.GetProperty("owner").GetProperty("id").GetInt32());
    }

    public void Dispose() => _files.Dispose();
}
