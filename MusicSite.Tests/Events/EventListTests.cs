using System.Text.Json;
using AngleSharp.Html.Parser;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Events;

/// <summary>Upcoming and past lists, API and pages, on a site of their own: every event there is made by these tests.</summary>
public sealed class EventListTests(EventSite events) : IClassFixture<EventSite>
{
    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(200 == (int)response.StatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    private static string[] Titles(JsonElement list) => list.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("title").GetString()!).ToArray();

    [Fact]
    public async Task Lists_SplitUpcomingAndPast_OrderThemAndPage_AndTheFeedHoldsOnlyUpcoming()
    {
        var now = events.Now;
        var client = events.Site.CreateClient();
        Assert.Equal(0, (await GetJsonAsync(client, "/api/events")).GetProperty("meta").GetProperty("total").GetInt32());
        var emptyPage = new HtmlParser().ParseDocument(await client.GetStringAsync("/events"));
        Assert.NotNull(emptyPage.QuerySelector("main p.empty"));

        await events.AddEventAsync("In three days", now.AddDays(3));
        await events.AddEventAsync("Tomorrow", now.AddDays(1), timeZone: "America/New_York", venueCity: "New York");
        await events.AddEventAsync("Running now", now.AddHours(-1), now.AddHours(2));
        await events.AddEventAsync("Last week", now.AddDays(-7), now.AddDays(-7).AddHours(3));
        await events.AddEventAsync("Yesterday, no end", now.AddDays(-1));
        await events.AddEventAsync("Last month", now.AddDays(-30));

        var upcoming = await GetJsonAsync(client, "/api/events");
        Assert.Equal(["Running now", "Tomorrow", "In three days"], Titles(upcoming));
        Assert.Equal(["Yesterday, no end", "Last week", "Last month"], Titles(await GetJsonAsync(client, "/api/events/past")));
        var first = upcoming.GetProperty("data")[1];
        Assert.Equal("America/New_York", first.GetProperty("timeZone").GetString());
        Assert.Equal("New York", first.GetProperty("venue").GetProperty("city").GetString());
        Assert.StartsWith("https://www.openstreetmap.org/search?query=", first.GetProperty("venue").GetProperty("mapUrl").GetString());
        Assert.EndsWith("Z", first.GetProperty("startsAt").GetString());

        var page2 = await GetJsonAsync(client, "/api/events/past?page=2&limit=2");
        Assert.Equal(["Last month"], Titles(page2));
        var meta = page2.GetProperty("meta");
        Assert.Equal((2, 2, 3, 2, false, true), (meta.GetProperty("page").GetInt32(), meta.GetProperty("perPage").GetInt32(),
            meta.GetProperty("total").GetInt32(), meta.GetProperty("totalPages").GetInt32(), meta.GetProperty("hasNext").GetBoolean(),
            meta.GetProperty("hasPrev").GetBoolean()));

        var listPage = new HtmlParser().ParseDocument(await client.GetStringAsync("/events"));
        Assert.Equal(["Running now", "Tomorrow", "In three days"], listPage.QuerySelectorAll(".event-row h2").Select(h => h.TextContent.Trim()));
        Assert.Equal("/events/feed.ics", listPage.QuerySelector("link[rel=alternate][type='text/calendar']")!.GetAttribute("href"));
        var row = listPage.QuerySelector(".event-row")!;
        Assert.Contains("Kesselhaus", row.TextContent);
        Assert.NotNull(row.QuerySelector("time[datetime]"));
        var pastPage = new HtmlParser().ParseDocument(await client.GetStringAsync("/events/past"));
        Assert.Equal(["Yesterday, no end", "Last week", "Last month"], pastPage.QuerySelectorAll(".event-row h2").Select(h => h.TextContent.Trim()));

        var feed = await client.GetAsync("/events/feed.ics");
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var calendar = CalendarParser.Parse(await feed.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Running now", "Tomorrow", "In three days"], calendar.Children.Select(c => c.Text("SUMMARY")));
        Assert.All(calendar.Children, c => Assert.Equal("VEVENT", c.Name));
        Assert.Equal(3, calendar.Children.Select(c => c.Value("UID")).Distinct().Count());

        // A day later, "Running now" and "Tomorrow" have ended or started and ended: the lists follow the clock.
        events.Site.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(["In three days"], Titles(await GetJsonAsync(client, "/api/events")));
        Assert.Equal(["In three days"], CalendarParser.Parse(await client.GetByteArrayAsync("/events/feed.ics")).Children.Select(c => c.Text("SUMMARY")));
    }

    [Theory]
    [InlineData("/api/events?page=0", "page")]
    [InlineData("/api/events?limit=1000", "limit")]
    [InlineData("/api/events/past?limit=0", "limit")]
    [InlineData("/api/events/past?page=-3", "page")]
    public async Task Api_BadPaging_Is400WithTheField(string path, string field)
    {
        var problem = await (await events.Site.CreateClient().GetAsync(path)).ProblemAsync(400, "VALIDATION_FAILED");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("/api/events/987654", "EVENT_NOT_FOUND")]
    [InlineData("/api/events/abc", "NOT_FOUND")]
    [InlineData("/api/events/99999999999", "NOT_FOUND")]
    public async Task Api_UnknownOrUnreadableId_Is404Problem(string path, string code)
    {
        await (await events.Site.CreateClient().GetAsync(path)).ProblemAsync(404, code);
    }

    [Fact]
    public async Task Pages_HandEditedPageNumbers_DoNotFail()
    {
        var client = events.Site.CreateClient();

        Assert.Equal(200, (int)(await client.GetAsync("/events?page=abc")).StatusCode);
        Assert.Equal(200, (int)(await client.GetAsync("/events/past?page=-1")).StatusCode);
        Assert.Equal(302, (int)(await events.Site.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/events/past?page=999")).StatusCode);
    }
}
