using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Community;
using MusicSite.Hosting;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Admin;

/// <summary>Deleting a user through /api/admin/users/{id}?content=keep|remove: the account can never sign in again and
/// has no artist page either way; kept work stays public, credited "Former member"; removed work is gone, its files
/// removed by the cleanup jobs; and the audit entry says which choice was made.</summary>
public sealed class AdminUserDeletionTests(AdminUsersApiTests.AdminSite site) : IClassFixture<AdminUsersApiTests.AdminSite>
{
    private readonly AdminUserRows rows = new(site.Services);

    private sealed record Holdings(int UserId, string Email, string Slug, int TrackId, int StemId, int AlbumId, int CommentId, string TrackFolder);

    /// <summary>An artist with a public track (with its file), a stem, an album, a comment and a follower.</summary>
    private async Task<Holdings> ArtistWithWorkAsync()
    {
        var email = $"leaving-{Guid.NewGuid():N}@example.com";
        var name = $"Leaving {Guid.NewGuid().ToString("N")[..6]}";
        Assert.Equal(201, (int)(await site.CreateClient().RegisterAsync(email, displayName: name, accountType: "Artist")).StatusCode);
        var trackId = await TestCatalog.AddReadyTrackAsync(site.Services, "Parting Song", seconds: 2, uploaderEmail: email);
        var stemId = await TestStems.AddAsync(site.Services, trackId, new StemSeed("Parting drums"));
        var follower = await site.SignedInClientAsync($"fan-{Guid.NewGuid():N}@example.com");
        return await rows.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.NormalizedEmail == email.ToUpperInvariant());
            var track = await db.Tracks.Include(t => t.MediaFiles).SingleAsync(t => t.Id == trackId);
            track.MediaFolder = track.MediaFiles[0].RelativePath.Split('/', '\\')[1];
            var album = new Album { Title = "Farewell", ArtistName = name, OwnerId = user.Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Albums.Add(album);
            var comment = new TrackComment { TrackId = trackId, UserId = user.Id, Content = "My last words", CreatedAt = DateTime.UtcNow };
            db.TrackComments.Add(comment);
            await db.SaveChangesAsync();
            var slug = await site.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<MusicSite.Artists.ArtistSlugs>().EnsureAsync(user.Id, default);
            Assert.Equal(200, (int)(await follower.PutAsync($"/api/artists/{user.Id}/follow", null)).StatusCode);
            return new Holdings(user.Id, email, slug!, trackId, stemId, album.Id, comment.Id, track.MediaFolder);
        });
    }

    private string TrackFolder(Holdings held) =>
        site.Services.GetRequiredService<IOptions<MusicSiteOptions>>().Value.Paths.MediaPath(Path.Combine("tracks", held.TrackFolder));

    private async Task<HttpClient> AdminAsync() => TestClientAddress.From(await site.AdminClientAsync(), "198.51.100.41");

    [Fact]
    public async Task Delete_Keep_WorkStaysCreditedFormerMemberAndTheAccountIsGone()
    {
        var held = await ArtistWithWorkAsync();
        Assert.Equal(200, (int)(await site.CreateClient().GetAsync($"/artists/{held.Slug}")).StatusCode);

        var response = await (await AdminAsync()).DeleteAsync($"/api/admin/users/{held.UserId}?content=keep");

        var report = await response.JsonAsync();
        Assert.Equal("keep", report.GetProperty("content").GetString());
        var track = await (await site.CreateClient().GetAsync($"/api/music/tracks/{held.TrackId}")).JsonAsync();
        Assert.Equal(AppUser.FormerMemberName, track.GetProperty("artistName").GetString());
        Assert.Equal(AppUser.FormerMemberName, track.GetProperty("uploader").GetProperty("displayName").GetString());
        Assert.True(Directory.Exists(TrackFolder(held)));
        await rows.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == held.UserId);
            Assert.Null(user.Email);
            Assert.Null(user.PasswordHash);
            Assert.Equal(AppUser.FormerMemberName, user.DisplayName);
            Assert.NotNull(user.DeletedAt);
            Assert.False(await db.UserRoles.AnyAsync(r => r.UserId == held.UserId));
            Assert.False(await db.ArtistFollows.AnyAsync(f => f.ArtistId == held.UserId));
            Assert.Equal(AppUser.FormerMemberName, (await db.Albums.SingleAsync(a => a.Id == held.AlbumId)).ArtistName);
            Assert.True(await db.TrackComments.AnyAsync(c => c.Id == held.CommentId));
            Assert.Null((await db.Stems.SingleAsync(s => s.Id == held.StemId)).DeletedAt);
            return 0;
        });
        Assert.Equal(404, (int)(await site.CreateClient().GetAsync($"/artists/{held.Slug}")).StatusCode);
        await (await site.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = held.Email, password = "Passw0rdOk" }))
            .ProblemAsync(401, "INVALID_CREDENTIALS");
        await (await (await AdminAsync()).GetAsync($"/api/admin/users/{held.UserId}")).ProblemAsync(404, "USER_NOT_FOUND");
        var entry = await rows.LastAsync("user.delete", held.UserId);
        Assert.Equal("keep", AdminUserRows.Json(entry!.After).GetProperty("content").GetString());
        Assert.Equal(held.Email, AdminUserRows.Json(entry.Before).GetProperty("email").GetString());
        Assert.Equal("198.51.100.41", entry.ClientAddress);
    }

    [Fact]
    public async Task Delete_Remove_WorkIsGoneAndItsFilesAreRemovedByTheCleanupJobs()
    {
        var held = await ArtistWithWorkAsync();
        Assert.True(Directory.Exists(TrackFolder(held)));

        var response = await (await AdminAsync()).DeleteAsync($"/api/admin/users/{held.UserId}?content=remove");

        var report = await response.JsonAsync();
        Assert.Equal(1, report.GetProperty("tracks").GetInt32());
        Assert.Equal(1, report.GetProperty("comments").GetInt32());
        Assert.Contains((int)(await site.CreateClient().GetAsync($"/api/music/tracks/{held.TrackId}")).StatusCode, new[] { 404, 410 });
        await rows.WithDbAsync(async db =>
        {
            Assert.NotNull((await db.Tracks.SingleAsync(t => t.Id == held.TrackId)).DeletedAt);
            Assert.NotNull((await db.Stems.SingleAsync(s => s.Id == held.StemId)).DeletedAt);
            Assert.False(await db.Albums.AnyAsync(a => a.Id == held.AlbumId));
            Assert.False(await db.TrackComments.AnyAsync(c => c.Id == held.CommentId));
            Assert.NotNull((await db.Users.SingleAsync(u => u.Id == held.UserId)).DeletedAt);
            return 0;
        });
        await Eventually.True("the deleted track's folder is removed", () => !Directory.Exists(TrackFolder(held)));
        await Eventually.True("the track's media rows are removed",
            () => rows.WithDbAsync(db => db.MediaFiles.AllAsync(m => m.TrackId != held.TrackId)));
        var entry = await rows.LastAsync("user.delete", held.UserId);
        Assert.Equal("remove", AdminUserRows.Json(entry!.After).GetProperty("content").GetString());
    }

    [Fact]
    public async Task Delete_Twice_SecondIs404()
    {
        var held = await ArtistWithWorkAsync();
        var admin = await AdminAsync();

        Assert.Equal(200, (int)(await admin.DeleteAsync($"/api/admin/users/{held.UserId}?content=keep")).StatusCode);
        await (await admin.DeleteAsync($"/api/admin/users/{held.UserId}?content=remove")).ProblemAsync(404, "USER_NOT_FOUND");
    }
}
