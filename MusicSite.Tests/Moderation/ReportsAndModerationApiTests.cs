using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MusicSite.Moderation;
using MusicSite.Notifications;
using MusicSite.Tests.Infrastructure;
using MusicSite.Tests.Notifications;

namespace MusicSite.Tests.Moderation;

/// <summary>Listeners report tracks and comments through the API; admins see the open reports grouped by target,
/// dismiss them, unpublish and delete what was reported, and every action lands in the audit log.</summary>
public sealed class ReportsAndModerationApiTests : IClassFixture<MusicSiteFactory>
{
    private readonly MusicSiteFactory _site;

    public ReportsAndModerationApiTests(MusicSiteFactory site) => _site = site.WithAdmin();

    private sealed record User(HttpClient Client, int Id, string Email);

    private async Task<User> UserAsync(string accountType = "Listener")
    {
        var email = $"reports-{Guid.NewGuid():N}@example.com";
        var client = _site.CreateClient();
        Assert.Equal(201, (int)(await client.RegisterAsync(email, accountType: accountType)).StatusCode);
        var token = (await client.LoginAsync(email)).GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return new User(client, await _site.UserIdAsync(email), email);
    }

    private Task<int> AuditCountAsync(string action, string entityId) =>
        _site.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == action && e.EntityId == entityId));

    [Fact]
    public async Task ReportTrack_CreatesOnce_SecondIsAcknowledged_AdminSeesItGrouped_AndDismisses()
    {
        var artist = await UserAsync("Artist");
        var track = await TestCatalog.AddReadyTrackAsync(_site.Services, "Reported song", seconds: 5, uploaderEmail: artist.Email);
        var (first, second) = (await UserAsync(), await UserAsync());

        var created = await first.Client.PostAsJsonAsync($"/api/music/tracks/{track}/reports", new { reason = "spam", details = "Ads for pills" });
        Assert.Equal(201, (int)created.StatusCode);
        var report = await created.JsonAsync();
        Assert.Equal("open", report.GetProperty("resolvedAt").ValueKind == System.Text.Json.JsonValueKind.Null ? "open" : "closed");
        var again = await first.Client.PostAsJsonAsync($"/api/music/tracks/{track}/reports", new { reason = "abuse" });
        Assert.Equal(200, (int)again.StatusCode);
        Assert.Equal(report.GetProperty("id").GetInt32(), (await again.JsonAsync()).GetProperty("id").GetInt32());
        Assert.Equal(201, (int)(await second.Client.PostAsJsonAsync($"/api/music/tracks/{track}/reports", new { reason = "copyright" })).StatusCode);

        var admin = await _site.AdminClientAsync();
        var listed = await admin.GetAsync("/api/admin/reports?limit=100");
        Assert.True(listed.IsSuccessStatusCode, await listed.Content.ReadAsStringAsync());
        var open = (await listed.JsonAsync()).GetProperty("data").EnumerateArray()
            .Single(i => i.GetProperty("targetType").GetString() == "track" && i.GetProperty("targetId").GetInt32() == track);
        Assert.Equal(2, open.GetProperty("reportCount").GetInt32());
        Assert.Equal(["copyright", "spam"], open.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("reason").GetString()).Order());
        Assert.Equal("Reported song", open.GetProperty("title").GetString());

        var resolved = await (await admin.PostAsync($"/api/admin/reports/{report.GetProperty("id").GetInt32()}/resolve", null)).JsonAsync();
        Assert.Equal(2, resolved.GetProperty("closed").GetInt32());
        Assert.Equal(2, await _site.WithDbAsync(db => db.ContentReports.CountAsync(r => r.TargetId == track && r.Outcome == ReportOutcome.Dismissed)));
        Assert.Equal(1, await AuditCountAsync("report.resolve", track.ToString()));
        Assert.Equal(2, await AuditCountAsync("report.create", track.ToString()));
        await (await admin.PostAsync($"/api/admin/reports/{report.GetProperty("id").GetInt32()}/resolve", null)).ProblemAsync(409, "REPORT_RESOLVED");
        await (await admin.PostAsync("/api/admin/reports/999999/resolve", null)).ProblemAsync(404, "REPORT_NOT_FOUND");
    }

    [Fact]
    public async Task Report_PrivateTrackOfOthers_Is404_OwnTrackAndOwnComment_AreRefused_BadReasonIs400()
    {
        var artist = await UserAsync("Artist");
        var hidden = await TestCatalog.AddReadyTrackAsync(_site.Services, "Hidden", seconds: 30, isPublic: false, uploaderEmail: artist.Email);
        var open = await TestCatalog.AddReadyTrackAsync(_site.Services, "Open", seconds: 30, uploaderEmail: artist.Email);
        var listener = await UserAsync();

        await (await listener.Client.PostAsJsonAsync($"/api/music/tracks/{hidden}/reports", new { reason = "spam" })).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await artist.Client.PostAsJsonAsync($"/api/music/tracks/{open}/reports", new { reason = "spam" })).ProblemAsync(403, "OWN_CONTENT");
        var bad = await (await listener.Client.PostAsJsonAsync($"/api/music/tracks/{open}/reports", new { reason = "boring", details = new string('x', 1001) }))
            .ProblemAsync(400, "VALIDATION_FAILED");
        Assert.True(bad.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("details", out _));
        await (await _site.CreateClient().PostAsJsonAsync($"/api/music/tracks/{open}/reports", new { reason = "spam" })).ProblemAsync(401, "UNAUTHORIZED");

        var comment = (await (await listener.Client.PostAsJsonAsync($"/api/music/tracks/{open}/comments", new { content = "Mine", timestamp = 1 })).JsonAsync())
            .GetProperty("id").GetInt32();
        await (await listener.Client.PostAsJsonAsync($"/api/comments/{comment}/reports", new { reason = "abuse" })).ProblemAsync(403, "OWN_CONTENT");
        Assert.Equal(201, (int)(await artist.Client.PostAsJsonAsync($"/api/comments/{comment}/reports", new { reason = "abuse" })).StatusCode);
        Assert.Equal(0, await _site.WithDbAsync(db => db.ContentReports.CountAsync(r => r.TargetType == ReportTarget.Track && (r.TargetId == hidden || r.TargetId == open))));
    }

    [Fact]
    public async Task AdminActions_UnpublishAndDelete_WorkCloseReports_NotifyTheOwner_AndAreAudited()
    {
        var artist = await UserAsync("Artist");
        var unpublished = await TestCatalog.AddReadyTrackAsync(_site.Services, "To hide", seconds: 30, uploaderEmail: artist.Email);
        var deleted = await TestCatalog.AddReadyTrackAsync(_site.Services, "To remove", seconds: 30, uploaderEmail: artist.Email);
        var stem = await TestStems.AddAsync(_site.Services, deleted, new StemSeed("Loop"));
        var listener = await UserAsync();
        Assert.Equal(201, (int)(await listener.Client.PostAsJsonAsync($"/api/music/tracks/{unpublished}/reports", new { reason = "copyright" })).StatusCode);
        var comment = (await (await listener.Client.PostAsJsonAsync($"/api/music/tracks/{unpublished}/comments", new { content = "Rude words", timestamp = 2 })).JsonAsync())
            .GetProperty("id").GetInt32();
        Assert.Equal(201, (int)(await artist.Client.PostAsJsonAsync($"/api/comments/{comment}/reports", new { reason = "abuse" })).StatusCode);
        Assert.Equal(201, (int)(await listener.Client.PostAsJsonAsync($"/api/ratings/track/{deleted}", new { score = 1, review = "Spam link here" })).StatusCode);
        var rating = await _site.WithDbAsync(db => db.Ratings.Where(r => r.TrackId == deleted).Select(r => r.Id).SingleAsync());
        var admin = await _site.AdminClientAsync();

        await (await listener.Client.PostAsync($"/api/admin/tracks/{unpublished}/unpublish", null)).ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        Assert.Equal(204, (int)(await admin.PostAsync($"/api/admin/tracks/{unpublished}/unpublish", null)).StatusCode);
        Assert.Equal(204, (int)(await admin.DeleteAsync($"/api/admin/comments/{comment}")).StatusCode);
        Assert.Equal(204, (int)(await admin.DeleteAsync($"/api/admin/ratings/{rating}")).StatusCode);
        Assert.Equal(204, (int)(await admin.DeleteAsync($"/api/admin/stems/{stem}")).StatusCode);
        Assert.Equal(204, (int)(await admin.DeleteAsync($"/api/admin/tracks/{deleted}")).StatusCode);
        await (await admin.DeleteAsync($"/api/admin/tracks/{deleted}")).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await admin.DeleteAsync("/api/admin/ratings/999999")).ProblemAsync(404, "RATING_NOT_FOUND");

        Assert.False(await _site.WithDbAsync(db => db.Tracks.Where(t => t.Id == unpublished).Select(t => t.IsPublic).SingleAsync()));
        await (await listener.Client.GetAsync($"/api/music/tracks/{unpublished}")).ProblemAsync(404, "TRACK_NOT_FOUND");
        Assert.Equal(ReportOutcome.Unpublished, await _site.WithDbAsync(db => db.ContentReports.Where(r => r.TargetId == unpublished && r.TargetType == ReportTarget.Track).Select(r => r.Outcome).SingleAsync()));
        Assert.Equal(ReportOutcome.Removed, await _site.WithDbAsync(db => db.ContentReports.Where(r => r.TargetId == comment && r.TargetType == ReportTarget.Comment).Select(r => r.Outcome).SingleAsync()));
        Assert.Equal(2, await _site.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == artist.Id && n.Kind == NotificationKind.ContentModerated)));
        var adminId = await _site.UserIdAsync(TrackUploads.AdminEmail);
        foreach (var (action, id) in new[] { ("track.unpublish", unpublished), ("comment.delete", comment), ("rating.delete", rating), ("stem.delete", stem), ("track.delete", deleted) })
        {
            Assert.Equal(1, await _site.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == action && e.EntityId == id.ToString() && e.ActorId == adminId)));
        }
    }

    [Fact]
    public async Task AdminAlbumActions_UnpublishMakesItsTracksPrivate_DeleteRemovesIt_BothAudited()
    {
        var artist = await UserAsync("Artist");
        var track = await TestCatalog.AddReadyTrackAsync(_site.Services, "Album cut", seconds: 30, uploaderEmail: artist.Email);
        var album = await _site.WithDbAsync(async db =>
        {
            var a = new MusicSite.Catalog.Album { Title = "Moderated album", ArtistName = "A", OwnerId = artist.Id, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Albums.Add(a);
            await db.SaveChangesAsync();
            await db.Tracks.Where(t => t.Id == track).ExecuteUpdateAsync(s => s.SetProperty(t => t.AlbumId, a.Id));
            return a.Id;
        });
        var admin = await _site.AdminClientAsync();

        var recent = await (await admin.GetAsync("/api/admin/content/albums?limit=100")).JsonAsync();
        Assert.Contains(recent.GetProperty("data").EnumerateArray(), a => a.GetProperty("id").GetInt32() == album && a.GetProperty("publicTrackCount").GetInt32() == 1);
        Assert.Equal(204, (int)(await admin.PostAsync($"/api/admin/albums/{album}/unpublish", null)).StatusCode);
        Assert.False(await _site.WithDbAsync(db => db.Tracks.Where(t => t.Id == track).Select(t => t.IsPublic).SingleAsync()));
        Assert.Equal(204, (int)(await admin.DeleteAsync($"/api/admin/albums/{album}")).StatusCode);
        Assert.Equal(0, await _site.WithDbAsync(db => db.Albums.CountAsync(a => a.Id == album)));
        Assert.Equal(1, await AuditCountAsync("album.unpublish", album.ToString()));
        Assert.Equal(1, await AuditCountAsync("album.delete", album.ToString()));
    }
}
