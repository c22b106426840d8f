using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MusicSite.Admin;
using MusicSite.Artists;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Tests.Infrastructure;
using static MusicSite.Tests.Admin.DashboardData;

namespace MusicSite.Tests.Admin;

/// <summary>The dashboard's plays windows and series on constructed rows, with the clock on a Wednesday: each window
/// starts exactly at its UTC midnight (Monday for the week, the 1st for the month), and a play one second earlier is out.</summary>
public sealed class SiteChartsTests(CoreServicesFixture core) : IClassFixture<CoreServicesFixture>
{
    [Fact]
    public async Task PlaysAndSeries_OnConstructedData_CountExactlyAtTheWindowEdges()
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var clock = new ManualClock(Now);
        var statistics = new TrackStatistics(db, clock);
        var figures = new SiteFigures(db, scope.ServiceProvider.GetRequiredService<ArtistDirectory>(), statistics, clock,
            scope.ServiceProvider.GetRequiredService<IOptions<MusicSiteOptions>>());
        var charts = new SiteCharts(db, statistics);

        var artist = await UserAsync(db, "Edge");
        var house = await GenreAsync(db, "House");
        var techno = await GenreAsync(db, "Techno");
        var loud = await TrackAsync(db, artist.Id, "Loud", genreIds: [house.Id, techno.Id]);
        var quiet = await TrackAsync(db, artist.Id, "Quiet", genreIds: [house.Id]);
        var gone = await TrackAsync(db, artist.Id, "Gone", deletedAt: Utc(12, 2));
        await PlaysAsync(db, loud.Id,
            Utc(12, 16), Utc(12, 15, 23, 59, 59), Utc(12, 14), Utc(12, 13, 23, 59, 59), Utc(12, 1),
            Utc(11, 30, 23, 59, 59), Utc(11, 17), Utc(11, 16, 23, 59, 59));
        await PlaysAsync(db, quiet.Id, Repeat(Utc(12, 10, 8), 3));
        await PlaysAsync(db, gone.Id, Repeat(Utc(12, 1, 12), 2));

        var plays = await figures.PlaysAsync(CancellationToken.None);
        Assert.Equal((Utc(12, 16), Utc(12, 14), Utc(12, 1)), (plays.TodayFrom, plays.WeekFrom, plays.MonthFrom));
        Assert.Equal(1, plays.Today);
        Assert.Equal(3, plays.ThisWeek);
        Assert.Equal(5 + 3 + 2, plays.ThisMonth);

        var set = await charts.BuildAsync(CancellationToken.None);
        Assert.Equal(SiteCharts.Days, set.PlaysPerDay.Count);
        Assert.Equal(("2026-11-17", 1), (set.PlaysPerDay[0].Key, set.PlaysPerDay[0].Value));
        Assert.Equal(("2026-12-16", "16 Dec", 1), (set.PlaysPerDay[^1].Key, set.PlaysPerDay[^1].Label, set.PlaysPerDay[^1].Value));
        Assert.Equal(7 + 3 + 2, set.PlaysPerDay.Sum(d => d.Value)); // the play of 16 November is a day too old
        Assert.Equal(3, set.PlaysPerDay.Single(d => d.Key == "2026-12-10").Value);
        Assert.Equal(3, set.PlaysPerDay.Single(d => d.Key == "2026-12-01").Value);

        Assert.Equal(
            [($"{loud.Id}", "Loud · Someone", 7, $"/tracks/{loud.Id}"), ($"{quiet.Id}", "Quiet · Someone", 3, $"/tracks/{quiet.Id}"),
                ($"{gone.Id}", $"Removed track #{gone.Id}", 2, null)],
            set.TopTracks.Select(b => (b.Key, b.Label, b.Value, b.Link)).ToList());
        Assert.Equal([("House", 10), ("Techno", 7)], set.TopGenres.Select(b => (b.Label, b.Value)).ToList());
    }

    [Fact]
    public async Task UploadsPerWeek_OnConstructedData_CountsEachTrackInItsMondayToSundayWeek()
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var charts = new SiteCharts(db, new TrackStatistics(db, new ManualClock(Now.AddYears(1))));
        var artist = await UserAsync(db, "Weekly");
        var weekStart = new DateTime(2027, 12, 13, 0, 0, 0, DateTimeKind.Utc); // the Monday before Thursday 16 December 2027
        var firstWeek = weekStart.AddDays(-7 * (SiteCharts.Weeks - 1));
        foreach (var at in new[] { weekStart, weekStart, weekStart.AddSeconds(-1), firstWeek, firstWeek.AddSeconds(-1) })
        {
            await TrackAsync(db, artist.Id, "Upload", TrackState.Failed, createdAt: at, deletedAt: at == firstWeek ? at : null);
        }

        var weeks = await charts.UploadsPerWeekAsync(CancellationToken.None);

        Assert.Equal(SiteCharts.Weeks, weeks.Count);
        Assert.Equal(firstWeek.ToString("yyyy-MM-dd"), weeks[0].Key);
        Assert.Equal(1, weeks[0].Value); // deleted since, but uploaded in that week
        Assert.Equal(1, weeks[^2].Value);
        Assert.Equal(2, weeks[^1].Value);
        Assert.Equal(4, weeks.Sum(w => w.Value));
    }
}
