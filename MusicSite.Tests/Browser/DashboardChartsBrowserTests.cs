using Microsoft.Playwright;
using MusicSite.Catalog;
using MusicSite.Tests.Admin;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>A site with its admin and known plays: three tracks played 6, 3 and 1 times in the last days, in two genres.</summary>
public sealed class DashboardBrowserFixture : IAsyncLifetime
{
    public BrowserFixture Browser { get; } = new();
    public int Loud { get; private set; }

    public async Task InitializeAsync()
    {
        Browser.Site.WithAdmin();
        await Browser.InitializeAsync();
        Loud = await Browser.Site.WithDbAsync(async db =>
        {
            var today = DateTime.UtcNow.Date.AddHours(12);
            var artist = await DashboardData.UserAsync(db, "Charted");
            var house = await DashboardData.GenreAsync(db, "Chart House");
            var techno = await DashboardData.GenreAsync(db, "Chart Techno");
            var loud = await DashboardData.TrackAsync(db, artist.Id, "Loud Song", createdAt: today, genreIds: [house.Id, techno.Id]);
            var middle = await DashboardData.TrackAsync(db, artist.Id, "Middle Song", createdAt: today.AddDays(-8), genreIds: [house.Id]);
            var quiet = await DashboardData.TrackAsync(db, artist.Id, "Quiet Song", createdAt: today.AddDays(-15));
            await DashboardData.PlaysAsync(db, loud.Id, Enumerable.Range(0, 6).Select(d => today.AddDays(-d).AddHours(-d)).ToArray());
            await DashboardData.PlaysAsync(db, middle.Id, DashboardData.Repeat(today.AddDays(-2), 3));
            await DashboardData.PlaysAsync(db, quiet.Id, today.AddDays(-10));
            return loud.Id;
        });
    }

    public Task DisposeAsync() => Browser.DisposeAsync();
}

/// <summary>The dashboard's four charts in Chromium: drawn (bars with a size), and each bar's value is the number in its
/// table's row; on a phone in the dark, without JavaScript, the page fits the screen.</summary>
[Trait("Category", "Slow")]
public sealed class DashboardChartsBrowserTests(DashboardBrowserFixture fixture) : IClassFixture<DashboardBrowserFixture>
{
    private static readonly string[] Charts = ["chart-plays", "chart-uploads", "chart-top-tracks", "chart-top-genres"];

    [Theory]
    [InlineData(Viewport.Desktop, ColorScheme.Light, true)]
    [InlineData(Viewport.Phone, ColorScheme.Dark, false)]
    public async Task Charts_OnKnownPlays_DrawBarsThatMatchTheirTables(Viewport viewport, ColorScheme scheme, bool javaScript)
    {
        var page = await SignedInAdminAsync(viewport, scheme, javaScript);
        var response = await page.GotoAsync("/admin");
        Assert.Equal(200, response!.Status);

        foreach (var chart in Charts)
        {
            var svg = page.Locator($"svg[data-chart={chart}]");
            Assert.Equal("img", await svg.GetAttributeAsync("role"));
            Assert.False(string.IsNullOrWhiteSpace(await page.Locator($"svg[data-chart={chart}] title").First.TextContentAsync()));
            var bars = await svg.Locator("rect.chart-bar").AllAsync();
            var rows = page.Locator($"[data-testid={chart}-table] tbody tr");
            var nonZeroRows = 0;
            foreach (var row in await rows.AllAsync())
            {
                nonZeroRows += int.Parse((await row.Locator("td[data-value]").TextContentAsync())!) > 0 ? 1 : 0;
            }
            Assert.True(bars.Count > 0, $"{chart}: no bars");
            Assert.Equal(nonZeroRows, bars.Count);
            foreach (var bar in bars)
            {
                var box = await bar.BoundingBoxAsync();
                Assert.True(box is { Width: > 0, Height: > 0 }, $"{chart}: a bar without size");
                var key = await bar.GetAttributeAsync("data-key");
                var shown = await page.Locator($"[data-testid={chart}-table] tr[data-key='{key}'] td").TextContentAsync();
                Assert.Equal(await bar.GetAttributeAsync("data-value"), shown);
            }
        }

        Assert.Equal(["6", "3", "1"], await page.Locator("[data-testid=chart-top-tracks-table] td").AllTextContentsAsync());
        Assert.Equal(fixture.Loud.ToString(), await page.Locator("[data-testid=chart-top-tracks-table] tbody tr").First.GetAttributeAsync("data-key"));
        Assert.Equal(["9", "6"], await page.Locator("[data-testid=chart-top-genres-table] td").AllTextContentsAsync());
        var perDay = await page.Locator("[data-testid=chart-plays-table] td").AllTextContentsAsync();
        Assert.Equal(10, perDay.Sum(int.Parse));
        // A taller bar for a larger number: the loud track's bar is six times the quiet one's.
        var loud = await page.Locator("svg[data-chart=chart-top-tracks] rect[data-value='6']").BoundingBoxAsync();
        var quiet = await page.Locator("svg[data-chart=chart-top-tracks] rect[data-value='1']").BoundingBoxAsync();
        Assert.Equal(6.0, loud!.Width / quiet!.Width, 1);

        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= viewport.Size().Width, $"the page is {width} px wide at {viewport}");
    }

    private async Task<IPage> SignedInAdminAsync(Viewport viewport, ColorScheme scheme, bool javaScript)
    {
        var signIn = await fixture.Browser.NewPageAsync(Viewport.Desktop);
        await signIn.GotoAsync("/account/login");
        await signIn.FillAsync("#email", TrackUploads.AdminEmail);
        await signIn.FillAsync("#password", TrackUploads.AdminPassword);
        await signIn.ClickAsync("main button[type=submit]");
        await Assertions.Expect(signIn.Locator("[data-testid=account-name]")).ToBeVisibleAsync();
        var session = await signIn.Context.StorageStateAsync();
        await signIn.Context.CloseAsync();
        return await fixture.Browser.NewPageAsync(viewport, scheme, javaScript, session);
    }
}
