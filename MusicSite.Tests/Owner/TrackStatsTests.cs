using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Owner;

/// <summary>Counts in the API and on "Your stats", on a site clock set to Wednesday 10 March 2027, 12:00 UTC
/// (the week began Monday 8 March, the month on 1 March).</summary>
[Trait("Category", "Slow")]
public sealed class TrackStatsTests : IDisposable
{
    private static readonly DateTime Now = new(2027, 3, 10, 12, 0, 0, DateTimeKind.Utc);
    private readonly ClockedSite _site = new();

    public TrackStatsTests() => _site.Clock.Advance(new DateTimeOffset(Now) - _site.Clock.GetUtcNow());

    /// <summary>A play event of <paramref name="trackId"/> at <paramref name="at"/> (UTC), in its half hour.</summary>
    private static PlayEvent Play(int trackId, DateTime at, string listener) => new()
    {
        TrackId = trackId, ListenerKey = listener, PlayedAt = at, HalfHour = new DateTimeOffset(at).ToUnixTimeSeconds() / 1800,
    };

    /// <summary>Four plays by three listeners (today, Tuesday, 2 March, 27 February) and a download today.</summary>
    private async Task<int> TrackWithHistoryAsync(string? uploaderEmail = null)
    {
        var id = await TestCatalog.AddReadyTrackAsync(_site.Services, "Counted Tone", seconds: 2, uploaderEmail: uploaderEmail);
        await _site.WithDbAsync(async db =>
        {
            db.PlayEvents.AddRange(
                Play(id, new DateTime(2027, 3, 10, 9, 0, 0, DateTimeKind.Utc), "u:1"),
                Play(id, new DateTime(2027, 3, 9, 10, 0, 0, DateTimeKind.Utc), "u:1"),
                Play(id, new DateTime(2027, 3, 2, 10, 0, 0, DateTimeKind.Utc), "a:x"),
                Play(id, new DateTime(2027, 2, 27, 10, 0, 0, DateTimeKind.Utc), "a:y"));
            var today = new DateTime(2027, 3, 10, 8, 0, 0, DateTimeKind.Utc);
            db.DownloadEvents.Add(new DownloadEvent
            {
                TrackId = id, ListenerKey = "a:x", DownloadedAt = today, HalfHour = new DateTimeOffset(today).ToUnixTimeSeconds() / 1800,
            });
            var track = await db.Tracks.SingleAsync(t => t.Id == id);
            (track.PlayCount, track.DownloadCount) = (4, 1);
            return await db.SaveChangesAsync();
        });
        return id;
    }

    [Fact]
    public async Task ListAndDetail_CarryStatsInTheSiteClocksWindows_AndUrls()
    {
        var id = await TrackWithHistoryAsync();
        var quiet = await TestCatalog.AddReadyTrackAsync(_site.Services, "Quiet Tone", seconds: 2);
        var client = _site.CreateClient();

        var list = await (await client.GetAsync("/api/music/tracks?limit=100")).JsonAsync();
        var rows = list.GetProperty("data").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetInt32());
        var stats = rows[id].GetProperty("stats");
        Assert.Equal((4, 3, 1, 1, 2, 3), (stats.GetProperty("plays").GetInt32(), stats.GetProperty("uniqueListeners").GetInt32(),
            stats.GetProperty("downloads").GetInt32(), stats.GetProperty("playsToday").GetInt32(),
            stats.GetProperty("playsThisWeek").GetInt32(), stats.GetProperty("playsThisMonth").GetInt32()));
        Assert.Equal(0, rows[quiet].GetProperty("stats").GetProperty("plays").GetInt32());
        var urls = rows[id].GetProperty("urls");
        Assert.EndsWith($"/tracks/{id}", urls.GetProperty("page").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($"/api/music/stream/{id}", urls.GetProperty("stream").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($"/api/music/download/{id}", urls.GetProperty("download").GetString(), StringComparison.Ordinal);
        Assert.EndsWith($"/api/music/tracks/{id}/waveform", urls.GetProperty("waveform").GetString(), StringComparison.Ordinal);
        Assert.Contains($"/api/music/tracks/{id}/artwork", urls.GetProperty("artwork").GetString(), StringComparison.Ordinal);
        Assert.Contains($"/api/music/tracks/{id}/artwork", urls.GetProperty("thumbnail").GetString(), StringComparison.Ordinal);

        var detail = await (await client.GetAsync($"/api/music/tracks/{id}")).JsonAsync();
        Assert.Equal(3, detail.GetProperty("stats").GetProperty("playsThisMonth").GetInt32());
        Assert.False(detail.TryGetProperty("daily", out _));
        Assert.False(detail.TryGetProperty("related", out _));

        // The windows move with the clock: on Monday 15 March only nothing is this week's.
        _site.Clock.Advance(TimeSpan.FromDays(5));
        var later = await (await client.GetAsync($"/api/music/tracks/{id}")).JsonAsync();
        Assert.Equal((0, 0, 3), (later.GetProperty("stats").GetProperty("playsToday").GetInt32(),
            later.GetProperty("stats").GetProperty("playsThisWeek").GetInt32(), later.GetProperty("stats").GetProperty("playsThisMonth").GetInt32()));
    }

    [Fact]
    public async Task Windows_StartAtMidnightUtc_ToTheSecond()
    {
        var id = await TestCatalog.AddReadyTrackAsync(_site.Services, "Edge Tone", seconds: 2);
        await _site.WithDbAsync(async db =>
        {
            db.PlayEvents.AddRange(
                Play(id, new DateTime(2027, 3, 10, 0, 0, 0, DateTimeKind.Utc), "a:first-of-today"),
                Play(id, new DateTime(2027, 3, 9, 23, 59, 59, DateTimeKind.Utc), "a:last-of-tuesday"),
                Play(id, new DateTime(2027, 3, 8, 0, 0, 0, DateTimeKind.Utc), "a:first-of-the-week"),
                Play(id, new DateTime(2027, 3, 7, 23, 59, 59, DateTimeKind.Utc), "a:last-of-last-week"),
                Play(id, new DateTime(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc), "a:first-of-the-month"),
                Play(id, new DateTime(2027, 2, 28, 23, 59, 59, DateTimeKind.Utc), "a:last-of-february"));
            return await db.SaveChangesAsync();
        });

        var stats = (await (await _site.CreateClient().GetAsync($"/api/music/tracks/{id}")).JsonAsync()).GetProperty("stats");

        Assert.Equal((1, 3, 5, 6), (stats.GetProperty("playsToday").GetInt32(), stats.GetProperty("playsThisWeek").GetInt32(),
            stats.GetProperty("playsThisMonth").GetInt32(), stats.GetProperty("uniqueListeners").GetInt32()));
    }

    [Fact]
    public async Task Detail_IncludeStatsAndRelated_AddTheDailySeriesAndScoredRelatedTracks_AndBadFlagsAre400()
    {
        var id = await TrackWithHistoryAsync();
        var sibling = await TestCatalog.AddReadyTrackAsync(_site.Services, "Sibling Tone", seconds: 2);
        await _site.WithDbAsync(async db =>
        {
            foreach (var track in await db.Tracks.Where(t => t.Id == id || t.Id == sibling).ToListAsync())
            {
                track.ArtistName = "Shared Artist";
            }
            return await db.SaveChangesAsync();
        });
        var client = _site.CreateClient();

        var detail = await (await client.GetAsync($"/api/music/tracks/{id}?include_stats=true&include_related=true")).JsonAsync();
        var days = detail.GetProperty("daily").EnumerateArray().ToList();
        Assert.Equal(30, days.Count);
        Assert.Equal("2027-02-09", days[0].GetProperty("day").GetString());
        Assert.Equal("2027-03-10", days[^1].GetProperty("day").GetString());
        Assert.Equal((1, 1), (days[^1].GetProperty("plays").GetInt32(), days[^1].GetProperty("downloads").GetInt32()));
        Assert.Equal(4, days.Sum(d => d.GetProperty("plays").GetInt32()));
        var related = Assert.Single(detail.GetProperty("related").EnumerateArray());
        Assert.Equal(sibling, related.GetProperty("track").GetProperty("id").GetInt32());
        Assert.Equal(3, related.GetProperty("score").GetInt32());
        Assert.True(related.GetProperty("track").TryGetProperty("urls", out _));

        await (await client.GetAsync($"/api/music/tracks/{id}?include_stats=maybe")).ProblemAsync(400, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task YourStats_DrawsTheLast30DaysAsSvg_WithTablesBeside_AndEstimatesListeningTime()
    {
        var email = $"stats-{Guid.NewGuid():N}@example.com";
        var artist = await _site.CookieClientAsync("Artist", email);
        await TrackWithHistoryAsync(email);

        var page = new HtmlParser().ParseDocument(await artist.GetStringAsync("/me/stats"));
        var chart = page.QuerySelector("svg.stats-chart")!;
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Equal(4, chart.QuerySelectorAll("rect.stats-bar").Length); // four days with plays
        Assert.Single(chart.QuerySelectorAll("circle.stats-dot"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Equal(30, page.QuerySelectorAll("[data-testid=stats-days] tbody tr").Length);
        var row = page.QuerySelector("[data-testid=stats-tracks] tbody tr")!;
        Assert.Equal(["4", "8 s", "1"], row.QuerySelectorAll("td").Select(td => td.TextContent)); // 4 plays × 2 s
        Assert.Contains("estimated", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var listener = await _site.CookieClientAsync();
        Assert.NotEqual(200, (int)(await listener.GetAsync("/me/stats")).StatusCode);
    }

    [Fact]
    public async Task CreatedTrack_AnswersWithStatsAndUrls_LikeTheDetail()
    {
        using var files = new TempDirectory("musicsite-created-stats");
        var artist = await _site.ArtistClientAsync();

        var created = await artist.UploadAsync(MediaFixtures.Audio(files.Path, "mp3", 2), ("title", "Fresh Upload"));

        var id = created.GetProperty("id").GetInt32();
        Assert.Equal(0, created.GetProperty("stats").GetProperty("plays").GetInt32());
        Assert.EndsWith($"/tracks/{id}", created.GetProperty("urls").GetProperty("page").GetString(), StringComparison.Ordinal);
        Assert.Contains($"/api/music/tracks/{id}/artwork?size=", created.GetProperty("urls").GetProperty("thumbnail").GetString(),
            StringComparison.Ordinal);
    }

    public void Dispose() => _site.Dispose();
}
