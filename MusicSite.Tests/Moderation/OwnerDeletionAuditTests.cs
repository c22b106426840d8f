using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MusicSite.Admin;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;
using MusicSite.Tests.Notifications;

namespace MusicSite.Tests.Moderation;

/// <summary>Every deletion by an owner lands in the audit log with the values before, the actor, the client address
/// and the user agent: tracks, albums, stems, ratings (reviews) and the author's own comments.</summary>
public sealed class OwnerDeletionAuditTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private const string Agent = "OwnerDeletionAuditTests/1.0";
    private const string Address = "203.0.113.41";

    private async Task<(HttpClient Client, int Id, string Email)> UserAsync(string accountType)
    {
        var email = $"owner-audit-{Guid.NewGuid():N}@example.com";
        var client = site.CreateClient();
        Assert.Equal(201, (int)(await client.RegisterAsync(email, accountType: accountType)).StatusCode);
        var token = (await client.LoginAsync(email)).GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Agent);
        TestClientAddress.From(client, Address);
        return (client, await site.UserIdAsync(email), email);
    }

    private Task<AuditEntry?> EntryAsync(string action, int id) =>
        site.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Action == action && e.EntityId == id.ToString()));

    private static void AssertOwnerEntry(AuditEntry? entry, int ownerId, string beforeContains)
    {
        Assert.NotNull(entry);
        Assert.Equal(ownerId, entry.ActorId);
        Assert.Contains(beforeContains, entry.Before);
        Assert.Null(entry.After);
        Assert.Equal(Agent, entry.UserAgent);
        Assert.Equal(Address, entry.ClientAddress);
    }

    [Fact]
    public async Task OwnerDeletes_TrackAlbumAndStem_EachIsAudited()
    {
        var (owner, ownerId, email) = await UserAsync("Artist");
        var track = await TestCatalog.AddReadyTrackAsync(site.Services, "Audited track", seconds: 5, uploaderEmail: email);
        var stem = await TestStems.AddAsync(site.Services, track, new StemSeed("Audited stem"));
        var album = await site.WithDbAsync(async db =>
        {
            var a = new Album { Title = "Audited album", ArtistName = "Owner", OwnerId = ownerId, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Albums.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });

        Assert.Equal(204, (int)(await owner.DeleteAsync($"/api/stems/{stem}")).StatusCode);
        Assert.Equal(204, (int)(await owner.DeleteAsync($"/api/music/albums/{album}")).StatusCode);
        Assert.Equal(204, (int)(await owner.DeleteAsync($"/api/music/tracks/{track}")).StatusCode);

        AssertOwnerEntry(await EntryAsync("stem.delete", stem), ownerId, "Audited stem");
        AssertOwnerEntry(await EntryAsync("album.delete", album), ownerId, "Audited album");
        AssertOwnerEntry(await EntryAsync("track.delete", track), ownerId, "Audited track");
    }

    [Fact]
    public async Task ListenerDeletes_OwnRatingAndOwnComment_EachIsAudited()
    {
        var (listener, listenerId, _) = await UserAsync("Listener");
        var track = await TestCatalog.AddReadyTrackAsync(site.Services, "Rated track", seconds: 30);
        Assert.Equal(201, (int)(await listener.PostAsJsonAsync($"/api/ratings/track/{track}", new { score = 2, review = "Too quiet for me" })).StatusCode);
        var ratingId = await site.WithDbAsync(db => db.Ratings.Where(r => r.TrackId == track).Select(r => r.Id).SingleAsync());
        var comment = await (await listener.PostAsJsonAsync($"/api/music/tracks/{track}/comments", new { content = "Mine to remove", timestamp = 3 })).JsonAsync();
        var commentId = comment.GetProperty("id").GetInt32();

        Assert.Equal(204, (int)(await listener.DeleteAsync($"/api/ratings/track/{track}")).StatusCode);
        Assert.Equal(204, (int)(await listener.DeleteAsync($"/api/comments/{commentId}")).StatusCode);

        AssertOwnerEntry(await EntryAsync("rating.delete", ratingId), listenerId, "Too quiet for me");
        AssertOwnerEntry(await EntryAsync("comment.delete", commentId), listenerId, "Mine to remove");
    }
}
