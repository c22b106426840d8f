using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Events;

/// <summary>Creating, editing and deleting events through the forms, as a browser without JavaScript does.</summary>
public sealed class EventFormTests(EventSite events) : IClassFixture<EventSite>
{
    private static Dictionary<string, string> Fields(string title = "Release night", string startsAt = "2026-12-05T21:00",
        string endsAt = "2026-12-06T02:00", string timeZone = "Europe/Berlin") => new()
    {
        ["title"] = title, ["startsAt"] = startsAt, ["endsAt"] = endsAt, ["timeZone"] = timeZone, ["venueName"] = "Kesselhaus",
        ["venueAddress"] = "Schönhauser Allee 36", ["venueCity"] = "Berlin", ["ticketUrl"] = "https://tickets.example.com/a",
        ["description"] = "Doors at 20:30.",
    };

    private Task<int> AuditCountAsync(string action, int id) =>
        events.Site.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == action && a.EntityId == id.ToString()));

    [Fact]
    public async Task NewEvent_ByAnArtist_IsTheirs_InVenueTime_WithTheirTrack()
    {
        var (client, artistId, email) = await events.ArtistAsync();
        var track = await TestCatalog.AddReadyTrackAsync(events.Site.Services, "Sodium Lights", uploaderEmail: email);
        var form = await client.GetStringAsync("/events/new");
        Assert.Contains($"value=\"{track}\"", form);

        var fields = Fields();
        var response = await client.PostNamedFormAsync("/events/new", "event", [.. fields, new("trackIds", track.ToString()), new("artistId", "1")]);

        Assert.Equal(302, (int)response.StatusCode);
        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
        var saved = (await events.FindAsync(id))!;
        Assert.Equal(artistId, saved.ArtistId); // an artist's event is their own, whatever the form says
        Assert.Equal(new DateTime(2026, 12, 5, 20, 0, 0, DateTimeKind.Utc), saved.StartsAt);
        Assert.Equal(new DateTime(2026, 12, 6, 1, 0, 0, DateTimeKind.Utc), saved.EndsAt);
        Assert.Equal([track], saved.Tracks.Select(t => t.TrackId));
        Assert.Equal(0, await AuditCountAsync("event.create", id));
        var edit = new HtmlParser().ParseDocument(await client.GetStringAsync($"/events/{id}/edit"));
        Assert.Equal("2026-12-05T21:00", edit.QuerySelector("#startsAt")!.GetAttribute("value"));
        Assert.NotNull(edit.QuerySelector("#timeZone option[value='Europe/Berlin'][selected]"));
    }

    [Fact]
    public async Task NewEvent_WithBadFields_ShowsEachFieldsMessage_AndSavesNothing()
    {
        var (client, _, _) = await events.ArtistAsync();
        var before = await events.Site.CountAsync<MusicSite.Events.Event>();
        var fields = Fields(title: "", startsAt: "2026-03-29T02:30", timeZone: "Europe/Berlin");
        fields["ticketUrl"] = "javascript:alert(1)";
        fields["venueCity"] = "";

        var response = await client.PostNamedFormAsync("/events/new", "event", [.. fields, new("trackIds", "999999")]);

        Assert.Equal(200, (int)response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        foreach (var field in new[] { "title", "startsAt", "venueCity", "ticketUrl", "trackIds" })
        {
            Assert.True(page.QuerySelector($"#{field}-error") is not null, $"no message for {field}");
        }
        Assert.Equal("Schönhauser Allee 36", page.QuerySelector("#venueAddress")!.GetAttribute("value"));
        Assert.Equal(before, await events.Site.CountAsync<MusicSite.Events.Event>());
    }

    [Fact]
    public async Task Forms_Anonymous_AreSentToSignIn_AndListenersAreRefused()
    {
        var anonymous = events.Site.CreateClient(new() { AllowAutoRedirect = false });
        var (listener, _, _) = await events.ArtistAsync("Listener");

        var response = await anonymous.GetAsync("/events/new");
        var edit = await anonymous.GetAsync("/events/1/edit");

        Assert.Equal(302, (int)response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
        Assert.Equal(302, (int)edit.StatusCode);
        var refused = await listener.GetAsync("/events/new");
        Assert.Equal(403, (int)refused.StatusCode);
        Assert.Contains("You do not have access to this page", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EditAndDelete_ByAnotherArtist_Are403_AndChangeNothing()
    {
        var (_, ownerId, _) = await events.ArtistAsync();
        var (other, _, _) = await events.ArtistAsync();
        var id = await events.AddEventAsync("Not yours", events.Now.AddDays(5), artistId: ownerId);
        var token = await PageSessions.AntiforgeryTokenAsync(other, "/events/new");

        var page = await other.GetAsync($"/events/{id}/edit");
        var post = await other.PostAsync($"/events/{id}/edit", new FormUrlEncodedContent(
            [.. Fields(title: "Taken over"), new("__RequestVerificationToken", token), new("_handler", "event")]));
        var delete = await other.PostAsync($"/events/{id}/delete", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("confirm", "yes")]));

        Assert.Equal(403, (int)page.StatusCode);
        Assert.Equal(403, (int)post.StatusCode);
        Assert.Equal(403, (int)delete.StatusCode);
        Assert.Equal("Not yours", (await events.FindAsync(id))!.Title);
    }

    [Fact]
    public async Task Edit_ByAnAdmin_NamesTheArtist_AndIsAudited()
    {
        var (_, artistId, email) = await events.ArtistAsync();
        var track = await TestCatalog.AddReadyTrackAsync(events.Site.Services, "Glass Horizon", uploaderEmail: email);
        var id = await events.AddEventAsync("Planetarium", events.Now.AddDays(9), artistId: artistId, trackIds: [track]);
        var (admin, _) = await events.AdminAsync();

        var response = await admin.PostNamedFormAsync($"/events/{id}/edit", "event",
            [.. Fields(title: "Planetarium, extended", timeZone: "America/New_York", startsAt: "2026-12-20T19:30", endsAt: ""),
             new("artistId", artistId.ToString()), new("trackIds", track.ToString())]);

        Assert.Equal(302, (int)response.StatusCode);
        var saved = (await events.FindAsync(id))!;
        Assert.Equal(("Planetarium, extended", artistId, "America/New_York"), (saved.Title, saved.ArtistId, saved.TimeZone));
        Assert.Equal(new DateTime(2026, 12, 21, 0, 30, 0, DateTimeKind.Utc), saved.StartsAt);
        Assert.Null(saved.EndsAt);
        Assert.Equal(1, await AuditCountAsync("event.update", id));
    }

    [Fact]
    public async Task Delete_ByItsArtist_NeedsTheBox_ThenRemovesAndRecordsIt()
    {
        var (client, artistId, _) = await events.ArtistAsync();
        var id = await events.AddEventAsync("Cancelled gig", events.Now.AddDays(2), artistId: artistId);
        var token = await PageSessions.AntiforgeryTokenAsync(client, $"/events/{id}/edit");

        var unticked = await client.PostAsync($"/events/{id}/delete", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        var noToken = await client.PostAsync($"/events/{id}/delete", new FormUrlEncodedContent([new("confirm", "yes")]));
        Assert.Equal(302, (int)unticked.StatusCode);
        Assert.Equal(400, (int)noToken.StatusCode);
        Assert.NotNull(await events.FindAsync(id));

        var deleted = await client.PostAsync($"/events/{id}/delete", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("confirm", "yes")]));

        Assert.Equal(302, (int)deleted.StatusCode);
        Assert.Equal("/events?deleted=1", deleted.Headers.Location!.OriginalString);
        Assert.Null(await events.FindAsync(id));
        Assert.Equal(1, await AuditCountAsync("event.delete", id));
    }
}
