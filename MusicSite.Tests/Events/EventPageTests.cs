using AngleSharp.Html.Parser;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Events;

/// <summary>The event page without JavaScript: times in the visitor's and the venue's zones, venue, links, calendar file.</summary>
public sealed class EventPageTests(EventSite events) : IClassFixture<EventSite>
{
    private static readonly HtmlParser Parser = new();

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(string path, string? cookie = null)
    {
        var client = events.Site.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        var response = await client.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static (string Time, string Zone) Shown(AngleSharp.Html.Dom.IHtmlDocument page, string testId)
    {
        var cell = page.QuerySelector($"[data-testid={testId}]")!;
        return (string.Join(" until ", cell.QuerySelectorAll("time").Select(t => t.TextContent.Trim())), cell.QuerySelector(".muted")?.TextContent.Trim() ?? "");
    }

    [Fact]
    public async Task EventPage_BerlinEventAcrossTheSpringChange_ShowsVenueAndVisitorTimesExactly()
    {
        // 29 March 2026: Berlin moves to summer time at 01:00 UTC; New York moved three weeks before.
        var beforeChange = await events.AddEventAsync("Last night of winter", new DateTime(2026, 3, 29, 0, 30, 0));
        var afterChange = await events.AddEventAsync("First night of summer", new DateTime(2026, 3, 29, 1, 30, 0), new DateTime(2026, 3, 29, 4, 0, 0));

        var before = await PageAsync($"/events/{beforeChange}?tz=America/New_York");
        var after = await PageAsync($"/events/{afterChange}?tz=America/New_York");

        Assert.Equal(("Sunday 29 March 2026, 01:30", "(Europe/Berlin, UTC+01:00)"), Shown(before, "venue-time"));
        Assert.Equal(("Saturday 28 March 2026, 20:30", "(America/New_York, UTC-04:00)"), Shown(before, "visitor-time"));
        Assert.Equal(("Sunday 29 March 2026, 03:30 until 06:00", "(Europe/Berlin, UTC+02:00)"), Shown(after, "venue-time"));
        Assert.Equal(("Saturday 28 March 2026, 21:30", "(America/New_York, UTC-04:00)"), Shown(after, "visitor-time"));
        Assert.Equal("2026-03-29T01:30:00Z", after.QuerySelector("[data-testid=visitor-time] time")!.GetAttribute("datetime"));
    }

    [Fact]
    public async Task EventPage_NewYorkEvent_ShowsInTheCookieZoneOrUtcForScriptToRewrite()
    {
        var id = await events.AddEventAsync("Planetarium night", new DateTime(2026, 11, 1, 0, 30, 0), timeZone: "America/New_York",
            venueName: "Planetarium Hall", venueAddress: "200 Central Park West", venueCity: "New York");

        var tokyo = await PageAsync($"/events/{id}", cookie: "tz=Asia/Tokyo");
        var unknown = await PageAsync($"/events/{id}?tz=Not/AZone");

        // 1 November 2026 00:30 UTC: still summer time in New York (it ends that night), 09:30 in Tokyo.
        Assert.Equal(("Saturday 31 October 2026, 20:30", "(America/New_York, UTC-04:00)"), Shown(tokyo, "venue-time"));
        Assert.Equal(("Sunday 1 November 2026, 09:30", "(Asia/Tokyo, UTC+09:00)"), Shown(tokyo, "visitor-time"));
        var utc = unknown.QuerySelector("[data-testid=visitor-time] time[data-visitor-time]")!;
        Assert.Equal("Sunday 1 November 2026, 00:30 UTC", utc.TextContent.Trim());
        Assert.Equal("2026-11-01T00:30:00Z", utc.GetAttribute("datetime"));
    }

    [Fact]
    public async Task EventPage_ShowsVenueMapTicketArtistAndVisibleTracksOnly()
    {
        var (_, artistId, email) = await events.ArtistAsync();
        var shown = await TestCatalog.AddReadyTrackAsync(events.Site.Services, "Sodium Lights", uploaderEmail: email);
        var hidden = await TestCatalog.AddReadyTrackAsync(events.Site.Services, "Unreleased Sketch", isPublic: false, uploaderEmail: email);
        var id = await events.AddEventAsync("Release night", events.Now.AddDays(3), artistId: artistId,
            ticketUrl: "https://tickets.example.com/release", trackIds: [shown, hidden], description: "Doors at 19:30.\n\nBring earplugs.");

        var page = await PageAsync($"/events/{id}");

        var map = page.QuerySelectorAll("a").Single(a => a.TextContent.Contains("map"));
        Assert.Equal("https://www.openstreetmap.org/search?query=Kesselhaus%2C%20Sch%C3%B6nhauser%20Allee%2036%2C%20Berlin", map.GetAttribute("href"));
        var ticket = page.QuerySelector("[data-testid=ticket-link]")!;
        Assert.Equal("https://tickets.example.com/release", ticket.GetAttribute("href"));
        Assert.Equal("external noopener noreferrer", ticket.GetAttribute("rel"));
        Assert.StartsWith("/artists/", page.QuerySelector(".lede a.artist-link")!.GetAttribute("href"));
        var tracks = page.QuerySelectorAll(".event-tracks li");
        Assert.Equal($"/tracks/{shown}", Assert.Single(tracks).QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(tracks[0].QuerySelector("img.cover"));
        Assert.Equal(2, page.QuerySelectorAll(".event-description p").Length);
        Assert.Equal($"/events/{id}.ics", page.QuerySelectorAll("a").Single(a => a.TextContent.Contains("Add to calendar")).GetAttribute("href"));
        Assert.Null(page.QuerySelector("a[href$='/edit']"));
    }

    [Fact]
    public async Task Api_OneEvent_HasVenueLocalTimeArtistAndAddresses()
    {
        var (_, artistId, _) = await events.ArtistAsync();
        var id = await events.AddEventAsync("Dome night", new DateTime(2026, 7, 5, 1, 0, 0), timeZone: "America/New_York", artistId: artistId,
            ticketUrl: "https://tickets.example.com/dome");

        var e = await (await events.Site.CreateClient().GetAsync($"/api/events/{id}")).JsonAsync();

        Assert.Equal("Dome night", e.GetProperty("title").GetString());
        Assert.Equal("2026-07-05T01:00:00Z", e.GetProperty("startsAt").GetString());
        Assert.Equal("2026-07-04T21:00:00-04:00", e.GetProperty("localStartsAt").GetString());
        Assert.Equal(artistId, e.GetProperty("artist").GetProperty("id").GetInt32());
        Assert.Equal("https://tickets.example.com/dome", e.GetProperty("ticketUrl").GetString());
        Assert.Equal($"/events/{id}.ics", e.GetProperty("urls").GetProperty("calendar").GetString());
        Assert.False(e.GetProperty("upcoming").GetBoolean());
    }

    [Fact]
    public async Task EventPage_UnknownId_Is404()
    {
        var response = await events.Site.CreateClient().GetAsync("/events/987654");

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task CalendarFile_WithCommasSemicolonsNewlinesAndLongText_ParsesStrictly()
    {
        var title = "Rain, wind; and \"static\" — a very long night of ambient music in the old planetarium dome ☄";
        var id = await events.AddEventAsync(title, new DateTime(2026, 12, 5, 19, 0, 0), new DateTime(2026, 12, 5, 22, 30, 0),
            description: "Line one, with a comma.\n\nLine two; with a semicolon \\ and a backslash.", ticketUrl: "https://tickets.example.com/x");

        var response = await events.Site.CreateClient().GetAsync($"/events/{id}.ics");
        var again = await events.Site.CreateClient().GetAsync($"/events/{id}.ics");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var calendar = CalendarParser.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("VCALENDAR", calendar.Name);
        Assert.Equal("2.0", calendar.Value("VERSION"));
        Assert.NotNull(calendar.Value("PRODID"));
        var e = Assert.Single(calendar.Children);
        Assert.Equal("VEVENT", e.Name);
        Assert.Equal(title, e.Text("SUMMARY"));
        Assert.Contains("Line one, with a comma.\n\nLine two; with a semicolon \\ and a backslash.", e.Text("DESCRIPTION"));
        Assert.Equal("Kesselhaus, Schönhauser Allee 36, Berlin", e.Text("LOCATION"));
        Assert.Equal("20261205T190000Z", e.Value("DTSTART"));
        Assert.Equal("20261205T223000Z", e.Value("DTEND"));
        Assert.Matches("^[0-9]{8}T[0-9]{6}Z$", e.Value("DTSTAMP"));
        Assert.EndsWith($"/events/{id}", e.Value("URL"));
        var uid = e.Value("UID");
        Assert.Equal(uid, CalendarParser.Parse(await again.Content.ReadAsByteArrayAsync()).Children[0].Value("UID"));
        Assert.Equal($"event-{id}@localhost", uid);
        Assert.Contains("\r\n ", await response.Content.ReadAsStringAsync()); // the title is long enough to be folded
    }

    [Fact]
    public async Task CalendarFile_UnknownEvent_Is404()
    {
        Assert.Equal(404, (int)(await events.Site.CreateClient().GetAsync("/events/987654.ics")).StatusCode);
    }
}
