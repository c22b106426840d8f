using Microsoft.EntityFrameworkCore;
using MusicSite.Moderation;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Moderation;

/// <summary>The pages without JavaScript: a listener reports a track and a comment from the track page (post, redirect,
/// thanks), the admin sees them on /admin/content, dismisses one and deletes the other through its confirmation step;
/// a private track's report form is not there for others and its post is 404; the owner gets no report form.</summary>
public sealed class ModerationPageTests : IClassFixture<MusicSiteFactory>
{
    private readonly MusicSiteFactory _site;

    public ModerationPageTests(MusicSiteFactory site) => _site = site.WithAdmin();

    private static KeyValuePair<string, string> Field(string name, string value) => new(name, value);

    private async Task<HttpResponseMessage> PostReportAsync(HttpClient client, string pagePath, string action, string reason, string details)
    {
        var token = await PageSessions.AntiforgeryTokenAsync(client, pagePath);
        return await client.PostAsync(action, new FormUrlEncodedContent([Field("__RequestVerificationToken", token), Field("reason", reason), Field("details", details)]));
    }

    [Fact]
    public async Task ListenerReports_FromTrackPage_AdminSeesThem_DismissesOne_DeletesTheOther()
    {
        var ownerEmail = $"page-owner-{Guid.NewGuid():N}@example.com";
        var owner = await _site.CookieClientAsync("Artist", ownerEmail);
        var track = await TestCatalog.AddReadyTrackAsync(_site.Services, "Page reported", seconds: 30, uploaderEmail: ownerEmail);
        var commentId = await _site.WithDbAsync(async db =>
        {
            var author = await db.Users.Where(u => u.Email == ownerEmail).Select(u => u.Id).SingleAsync();
            var c = new MusicSite.Community.TrackComment { TrackId = track, UserId = author, Content = "Buy cheap things", TimestampSeconds = 1, CreatedAt = DateTime.UtcNow };
            db.TrackComments.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        var listener = await _site.CookieClientAsync();
        var path = $"/tracks/{track}";

        var page = await listener.PageAsync(path);
        Assert.NotNull(page.QuerySelector("[data-testid=report-form-track]"));
        Assert.NotNull(page.QuerySelector($"[data-testid=report-form-comment-{commentId}]"));
        Assert.Null((await owner.PageAsync(path)).QuerySelector("[data-testid=report-form-track]"));

        var sent = await PostReportAsync(listener, path, $"/tracks/{track}/report", "copyright", "Line one\nLine two");
        Assert.Equal(302, (int)sent.StatusCode);
        Assert.Equal($"/tracks/{track}?report=thanks&on=track#report-track", sent.Headers.Location!.OriginalString);
        var thanked = await listener.PageAsync(sent.Headers.Location.OriginalString);
        Assert.Contains("an admin will look", thanked.QuerySelector("#report-track [data-testid=report-done]")!.TextContent);
        var again = await PostReportAsync(listener, path, $"/tracks/{track}/report", "spam", "");
        Assert.Contains("report=already", again.Headers.Location!.OriginalString);
        var own = await PostReportAsync(owner, path, $"/tracks/{track}/report", "spam", "");
        Assert.Contains("report=own", own.Headers.Location!.OriginalString);
        var comment = await PostReportAsync(listener, path, $"/comments/{commentId}/report", "spam", "");
        Assert.Equal($"/tracks/{track}?report=thanks&on=comment-{commentId}#comment-{commentId}", comment.Headers.Location!.OriginalString);

        var admin = await _site.SignedInCookieClientAsync(TrackUploads.AdminEmail, TrackUploads.AdminPassword);
        var content = await admin.PageAsync("/admin/content");
        var trackItem = content.QuerySelector($"[data-testid=reported-item][data-target=track-{track}]")!;
        Assert.Contains("Copyright", trackItem.TextContent);
        Assert.NotNull(content.QuerySelector($"[data-testid=reported-item][data-target=comment-{commentId}]"));

        var reportId = await _site.WithDbAsync(db => db.ContentReports.Where(r => r.TargetType == ReportTarget.Track && r.TargetId == track).Select(r => r.Id).SingleAsync());
        var dismissed = await admin.PostNamedFormAsync("/admin/content", $"dismiss-{reportId}", []);
        Assert.Equal(302, (int)dismissed.StatusCode);
        Assert.Contains("done=dismissed", dismissed.Headers.Location!.OriginalString);

        var confirmPath = $"/admin/content/comment/{commentId}/delete";
        Assert.Contains("Buy cheap things", (await admin.PageAsync(confirmPath)).QuerySelector("[data-testid=moderation-summary]")!.TextContent);
        var unticked = await admin.PostNamedFormAsync(confirmPath, "moderate", []);
        Assert.Equal(200, (int)unticked.StatusCode);
        Assert.True(await _site.WithDbAsync(db => db.TrackComments.AnyAsync(c => c.Id == commentId)));
        var deleted = await admin.PostNamedFormAsync(confirmPath, "moderate", [Field("confirm", "yes")]);
        Assert.Equal(302, (int)deleted.StatusCode);
        Assert.False(await _site.WithDbAsync(db => db.TrackComments.AnyAsync(c => c.Id == commentId)));
        Assert.Equal(ReportOutcome.Removed, await _site.WithDbAsync(db => db.ContentReports.Where(r => r.TargetType == ReportTarget.Comment && r.TargetId == commentId).Select(r => r.Outcome).SingleAsync()));
        Assert.Equal(ReportOutcome.Dismissed, await _site.WithDbAsync(db => db.ContentReports.Where(r => r.Id == reportId).Select(r => r.Outcome).SingleAsync()));
        Assert.Equal(1, await _site.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "comment.delete" && e.EntityId == commentId.ToString())));
        Assert.Equal(404, (int)(await admin.GetAsync($"/admin/content/comment/{commentId}/delete")).StatusCode);
        Assert.Equal(404, (int)(await admin.GetAsync($"/admin/content/stem/{track}/unpublish")).StatusCode);
    }

    [Fact]
    public async Task PrivateTrack_ReportPostFromOthers_Is404()
    {
        var ownerEmail = $"page-private-{Guid.NewGuid():N}@example.com";
        var track = await TestCatalog.AddReadyTrackAsync(_site.Services, "Private page", seconds: 30, isPublic: false, uploaderEmail: ownerEmail);
        var listener = await _site.CookieClientAsync();

        var response = await PostReportAsync(listener, "/", $"/tracks/{track}/report", "spam", "");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal(0, await _site.WithDbAsync(db => db.ContentReports.CountAsync(r => r.TargetId == track && r.TargetType == ReportTarget.Track)));
    }
}
