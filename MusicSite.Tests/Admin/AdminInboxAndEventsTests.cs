using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MusicSite.Contact;
using MusicSite.Events;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Admin;

/// <summary>/admin/inbox and /admin/events without JavaScript: a message sent through the contact API is listed unread,
/// opening it (page or API) marks it read, the handled form flips its state (audited) and the filters follow; a hostile
/// text shows as text; unknown ids are 404 pages; the events page lists upcoming and past events with their editors.</summary>
public sealed class AdminInboxAndEventsTests : IClassFixture<MusicSiteFactory>
{
    private readonly MusicSiteFactory _site;

    public AdminInboxAndEventsTests(MusicSiteFactory site) => _site = site.WithAdmin();

    private static string Token() => Guid.NewGuid().ToString("N")[..12];

    private async Task<int> SendAsync(string subject, string message)
    {
        var visitor = TestClientAddress.From(_site.CreateClient(new() { AllowAutoRedirect = false }), "203.0.113.41");
        visitor.DefaultRequestHeaders.UserAgent.ParseAdd("InboxTest/2.0");
        var sent = await visitor.PostAsJsonAsync("/api/contact", new { name = "Ines Sender", email = "ines@example.com", subject, message });
        Assert.Equal(202, (int)sent.StatusCode);
        return await _site.WithDbAsync(db => db.ContactMessages.Where(m => m.Subject == subject).Select(m => m.Id).SingleAsync());
    }

    private static AngleSharp.Dom.IElement? Row(AngleSharp.Html.Dom.IHtmlDocument page, int id) =>
        page.QuerySelector($"[data-testid=inbox-row][data-id='{id}']");

    [Fact]
    public async Task InboxPage_ContactMessage_IsUnread_OpeningMarksRead_HandledFormFlipsStateAndFilter()
    {
        var subject = $"Booking {Token()}";
        var id = await SendAsync(subject, "First line\nSecond line");
        var admin = await _site.SignedInCookieClientAsync(TrackUploads.AdminEmail, TrackUploads.AdminPassword);

        var list = await admin.PageAsync("/admin/inbox");
        var row = Row(list, id)!;
        Assert.Contains(subject, row.TextContent);
        Assert.Contains("Ines Sender", row.TextContent);
        Assert.Contains("ines@example.com", row.TextContent);
        Assert.Equal("Unread", row.QuerySelector("[data-testid=inbox-read]")!.TextContent.Trim());
        Assert.Equal("Not handled", row.QuerySelector("[data-testid=inbox-handled]")!.TextContent.Trim());
        Assert.NotNull(Row(await admin.PageAsync("/admin/inbox?filter=unread"), id));
        Assert.Equal(ContactDesk.InboxPath, "/admin/inbox");

        var opened = await admin.PageAsync($"/admin/inbox/{id}");
        Assert.Equal("First line\nSecond line", opened.QuerySelector("[data-testid=inbox-text]")!.TextContent);
        Assert.StartsWith("mailto:ines@example.com", opened.QuerySelector("[data-testid=inbox-reply]")!.GetAttribute("href"));
        Assert.Contains("203.0.113.41", opened.QuerySelector("dl.facts")!.TextContent);
        Assert.Contains("InboxTest/2.0", opened.QuerySelector("dl.facts")!.TextContent);
        Assert.Equal("Read", opened.QuerySelector("[data-testid=inbox-read]")!.TextContent.Trim());
        Assert.NotNull(await _site.WithDbAsync(db => db.ContactMessages.Where(m => m.Id == id).Select(m => m.ReadAt).SingleAsync()));
        Assert.Null(Row(await admin.PageAsync("/admin/inbox?filter=unread"), id));
        Assert.NotNull(Row(await admin.PageAsync("/admin/inbox?filter=unhandled"), id));

        var handled = await admin.PostNamedFormAsync($"/admin/inbox/{id}", "handled", [new("Handled", "true")]);
        Assert.Equal(302, (int)handled.StatusCode);
        Assert.Equal($"/admin/inbox/{id}?done=handled", handled.Headers.Location!.PathAndQuery);
        var after = await admin.PageAsync(handled.Headers.Location.PathAndQuery);
        Assert.Contains("marked handled", after.QuerySelector("[data-testid=inbox-done]")!.TextContent);
        Assert.StartsWith("Handled", after.QuerySelector("[data-testid=inbox-handled]")!.TextContent.Trim());
        Assert.Null(Row(await admin.PageAsync("/admin/inbox?filter=unhandled"), id));
        Assert.Equal("Handled", Row(await admin.PageAsync("/admin/inbox"), id)!.QuerySelector("[data-testid=inbox-handled]")!.TextContent.Trim());
        Assert.Equal(1, await _site.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "message.handled" && e.EntityId == id.ToString())));

        var reopened = await admin.PostNamedFormAsync($"/admin/inbox/{id}", "handled", [new("Handled", "false")]);
        Assert.Equal($"/admin/inbox/{id}?done=unhandled", reopened.Headers.Location!.PathAndQuery);
        Assert.NotNull(Row(await admin.PageAsync("/admin/inbox?filter=unhandled"), id));
        Assert.Equal(1, await _site.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "message.unhandled" && e.EntityId == id.ToString())));
    }

    [Fact]
    public async Task InboxApi_Open_MarksRead_Handled_IsAudited()
    {
        var id = await SendAsync($"Api inbox {Token()}", "Hello");
        var admin = await _site.AdminClientAsync();

        var listed = await (await admin.GetAsync("/api/admin/inbox?filter=unread")).JsonAsync();
        Assert.Contains(listed.GetProperty("data").EnumerateArray(), i => i.GetProperty("id").GetInt32() == id);
        var opened = await (await admin.GetAsync($"/api/admin/inbox/{id}")).JsonAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, opened.GetProperty("readAt").ValueKind);
        Assert.Equal(200, (int)(await admin.PostAsync($"/api/admin/inbox/{id}/read", null)).StatusCode);
        var handled = await (await admin.PostAsync($"/api/admin/inbox/{id}/handled", null)).JsonAsync();
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, handled.GetProperty("handledAt").ValueKind);
        Assert.Equal(1, await _site.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "message.handled" && e.EntityId == id.ToString())));
        await (await admin.GetAsync("/api/admin/inbox/987654")).ProblemAsync(404, "MESSAGE_NOT_FOUND");
    }

    [Fact]
    public async Task InboxMessagePage_HostileText_IsText_UnknownIdIsNotFound()
    {
        var id = await SendAsync($"Hostile {Token()}", "<script>alert(1)</script>\n<b>bold</b>");
        var admin = await _site.SignedInCookieClientAsync(TrackUploads.AdminEmail, TrackUploads.AdminPassword);

        var page = await admin.PageAsync($"/admin/inbox/{id}");
        var text = page.QuerySelector("[data-testid=inbox-text]")!;
        Assert.Equal("<script>alert(1)</script>\n<b>bold</b>", text.TextContent);
        Assert.Empty(text.Children);
        Assert.Equal(404, (int)(await admin.GetAsync("/admin/inbox/987654")).StatusCode);
    }

    [Fact]
    public async Task EventsPage_ListsUpcomingAndPast_WithEditorLinks()
    {
        var (soon, gone) = ($"Soon {Token()}", $"Gone {Token()}");
        var (upcomingId, pastId) = await _site.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            Event Make(string title, DateTime startsAt) => new()
            {
                Title = title, StartsAt = startsAt, TimeZone = "Europe/Berlin", VenueName = "Kesselhaus", VenueCity = "Berlin",
                CreatedAt = now, UpdatedAt = now,
            };
            var (upcoming, past) = (Make(soon, now.AddDays(30)), Make(gone, now.AddDays(-30)));
            db.Events.AddRange(upcoming, past);
            await db.SaveChangesAsync();
            return (upcoming.Id, past.Id);
        });
        var admin = await _site.SignedInCookieClientAsync(TrackUploads.AdminEmail, TrackUploads.AdminPassword);

        var upcomingPage = await admin.PageAsync("/admin/events");
        var row = upcomingPage.QuerySelector($"[data-testid=admin-events-upcoming] [data-id='{upcomingId}']")!;
        Assert.Contains(soon, row.TextContent);
        Assert.Contains("Kesselhaus, Berlin", row.TextContent);
        Assert.NotNull(row.QuerySelector($"a[href='/events/{upcomingId}/edit']"));
        Assert.NotNull(row.QuerySelector($"a[href='/events/{upcomingId}']"));
        Assert.NotNull(row.QuerySelector($"a[href='/events/{upcomingId}/edit#delete']"));
        Assert.NotNull(upcomingPage.QuerySelector("main a[href='/events/new']"));
        Assert.DoesNotContain(gone, upcomingPage.QuerySelector("main")!.TextContent);

        var pastPage = await admin.PageAsync("/admin/events?show=past");
        Assert.NotNull(pastPage.QuerySelector($"[data-testid=admin-events-past] [data-id='{pastId}'] a[href='/events/{pastId}/edit']"));
        Assert.DoesNotContain(soon, pastPage.QuerySelector("main")!.TextContent);
        Assert.NotNull((await admin.PageAsync($"/events/{pastId}/edit")).QuerySelector("#delete"));
        Assert.Equal(200, (int)(await admin.GetAsync("/admin/events?show=nonsense&page=-4")).StatusCode);
    }
}
