using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Genres;

/// <summary>GET /api/genres/{id}/children, /{id}/ancestors and /api/music/genres on the seeded tree.</summary>
public sealed class GenrePathApiTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    [Fact]
    public async Task Ancestors_OfBigRoomHouse_AreElectronicHouseElectroHouse_RootFirst()
    {
        var id = await GenreIdAsync("big-room-house");

        var list = await (await site.CreateClient().GetAsync($"/api/genres/{id}/ancestors")).JsonAsync();

        Assert.Equal(["electronic", "house", "electro-house"], Slugs(list));
        Assert.Equal(3, list.GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Ancestors_OfARoot_AreEmpty()
    {
        var list = await (await site.CreateClient().GetAsync($"/api/genres/{await GenreIdAsync("jazz")}/ancestors")).JsonAsync();

        Assert.Empty(Slugs(list));
    }

    [Fact]
    public async Task Children_OfHouse_AreItsDirectSubgenres_ByNameAndPaged()
    {
        var id = await GenreIdAsync("house");
        await using var scope = site.Services.CreateAsyncScope();
        var expected = await scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>().Genres
            .Where(g => g.ParentId == id).Select(g => new { g.Name, g.Slug }).ToListAsync();

        var first = await (await site.CreateClient().GetAsync($"/api/genres/{id}/children?limit=5")).JsonAsync();
        var second = await (await site.CreateClient().GetAsync($"/api/genres/{id}/children?limit=5&page=2")).JsonAsync();

        Assert.Equal(expected.Count, first.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(expected.OrderBy(g => g.Name, StringComparer.Ordinal).Select(g => g.Slug).Take(10), Slugs(first).Concat(Slugs(second)));
        Assert.DoesNotContain("big-room-house", Slugs(first).Concat(Slugs(second)));
    }

    [Theory]
    [InlineData("/api/genres/999999/children")]
    [InlineData("/api/genres/999999/ancestors")]
    public async Task UnknownGenre_Is404GenreNotFound(string path) =>
        await (await site.CreateClient().GetAsync(path)).ProblemAsync(404, "GENRE_NOT_FOUND");

    [Theory]
    [InlineData("children?limit=0", "limit")]
    [InlineData("children?page=0", "page")]
    [InlineData("ancestors?limit=101", "limit")]
    public async Task BadPaging_Is400WithTheField(string tail, string field)
    {
        var response = await site.CreateClient().GetAsync($"/api/genres/{await GenreIdAsync("house")}/{tail}");

        var problem = await response.ProblemAsync(400, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task MusicGenres_OfATrack_EachWithItsAncestorPath()
    {
        var (trackId, _) = await AddTrackAsync(isPublic: true, "deep-house", "bebop");

        var list = await (await site.CreateClient().GetAsync($"/api/music/genres?trackId={trackId}")).JsonAsync();

        var genres = list.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["bebop", "deep-house"], genres.Select(g => g.GetProperty("slug").GetString()!));
        Assert.Equal(["jazz"], genres[0].GetProperty("ancestors").EnumerateArray().Select(a => a.GetProperty("slug").GetString()!));
        Assert.Equal(["electronic", "house"], genres[1].GetProperty("ancestors").EnumerateArray().Select(a => a.GetProperty("slug").GetString()!));
    }

    [Fact]
    public async Task MusicGenres_OfAnAlbum_EachWithItsAncestorPath()
    {
        var (_, albumId) = await AddTrackAsync(isPublic: true, "tech-house");

        var list = await (await site.CreateClient().GetAsync($"/api/music/genres?albumId={albumId}")).JsonAsync();

        var genre = Assert.Single(list.GetProperty("data").EnumerateArray());
        Assert.Equal("tech-house", genre.GetProperty("slug").GetString());
        Assert.Equal(["electronic", "house"], genre.GetProperty("ancestors").EnumerateArray().Select(a => a.GetProperty("slug").GetString()!));
    }

    [Fact]
    public async Task MusicGenres_OfAPrivateTrack_Is404ForOthers()
    {
        var (trackId, _) = await AddTrackAsync(isPublic: false, "house");

        await (await site.CreateClient().GetAsync($"/api/music/genres?trackId={trackId}")).ProblemAsync(404, "TRACK_NOT_FOUND");
    }

    [Theory]
    [InlineData("/api/music/genres?trackId=999999", 404, "TRACK_NOT_FOUND")]
    [InlineData("/api/music/genres?albumId=999999", 404, "ALBUM_NOT_FOUND")]
    [InlineData("/api/music/genres", 400, "VALIDATION_FAILED")]
    [InlineData("/api/music/genres?trackId=1&albumId=1", 400, "VALIDATION_FAILED")]
    [InlineData("/api/music/genres?trackId=1&limit=500", 400, "VALIDATION_FAILED")]
    public async Task MusicGenres_BadOrUnknownIds_AreProblems(string path, int status, string code) =>
        await (await site.CreateClient().GetAsync(path)).ProblemAsync(status, code);

    private static List<string> Slugs(JsonElement list) =>
        list.GetProperty("data").EnumerateArray().Select(g => g.GetProperty("slug").GetString()!).ToList();

    private async Task<int> GenreIdAsync(string slug)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>().Genres.Where(g => g.Slug == slug).Select(g => g.Id).SingleAsync();
    }

    /// <summary>A ready track (rows only: no audio is needed to read genres) on an album, both tagged with the genres.</summary>
    private async Task<(int TrackId, int AlbumId)> AddTrackAsync(bool isPublic, params string[] slugs)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var email = $"paths-{Guid.NewGuid():N}@example.com";
        var owner = new AppUser { UserName = email, Email = email, DisplayName = "Path Artist", CreatedAt = DateTime.UtcNow };
        Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(owner)).Succeeded);
        var genreIds = await db.Genres.Where(g => slugs.Contains(g.Slug)).Select(g => g.Id).ToListAsync();
        var album = new Album
        {
            Title = "Paths", ArtistName = owner.DisplayName, OwnerId = owner.Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            Genres = genreIds.Select(id => new AlbumGenre { GenreId = id }).ToList(),
        };
        var track = new Track
        {
            Title = "Path track", ArtistName = owner.DisplayName, LicenseId = await db.Licenses.Select(l => l.Id).FirstAsync(), UploaderId = owner.Id,
            IsPublic = isPublic, State = TrackState.Ready, MediaFolder = "paths", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            Album = album, Genres = genreIds.Select(id => new TrackGenre { GenreId = id }).ToList(),
        };
        db.Tracks.Add(track);
        await db.SaveChangesAsync();
        return (track.Id, album.Id);
    }
}
