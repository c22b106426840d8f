using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MusicSite.Tests.Accessibility;

/// <summary>
/// axe-core audits every main page, with real content, at 1366×900 and 390×844, in light and dark: no serious or
/// critical violation is allowed. Every violation, of any impact, is printed with the elements it was found on.
/// </summary>
[Trait("Category", "Slow")]
[Collection(ShowcaseCollection.Name)]
public sealed class AccessibilityAuditBrowserTests(ShowcaseSite showcase, ITestOutputHelper output)
{
    /// <summary>An audited page: its name, its path in the showcase catalog, whether it is opened in the showcase
    /// artist's session (or the admin's), and what to do on it before the audit (for a state only a click reaches).</summary>
    private sealed record AuditedPage(string Name, Func<ShowcaseSite, string> Path, bool SignedIn = false, Func<IPage, Task>? Prepare = null,
        bool Admin = false);

    private static readonly AuditedPage[] AuditedPages =
    [
        new("home", _ => "/"),
        new("catalog", _ => "/tracks"),
        new("track", s => $"/tracks/{s.TrackWithArtwork}"),
        new("track, own (ratings note)", s => $"/tracks/{s.TrackWithArtwork}", SignedIn: true),
        new("track, rating form", s => $"/tracks/{s.TrackWithArtwork}", Admin: true),
        new("track without artwork", s => $"/tracks/{s.TrackWithoutArtwork}"),
        new("track with stems", s => $"/tracks/{s.TrackWithStems}"),
        new("track, playing", s => $"/tracks/{s.TrackWithArtwork}", Prepare: ShowcaseSite.PlayFirstTrackAsync),
        new("player, full screen", s => $"/tracks/{s.TrackWithArtwork}", Prepare: OpenFullScreenPlayerAsync),
        new("album", s => $"/albums/{s.Album}"),
        new("albums", _ => "/albums"),
        new("artist", _ => ShowcaseSite.ArtistPath),
        new("artists", _ => "/artists"),
        new("share page", s => s.SharePath),
        new("genres", _ => "/genres"),
        new("genres, filtered", _ => "/genres?q=house"),
        new("genres, no match", _ => "/genres?q=xyzzy"),
        new("genre", s => $"/genres/{s.Genre}"),
        new("genre with subgenres", _ => "/genres/electronic"),
        new("stems", _ => "/stems"),
        new("stem", s => $"/stems/{s.Stems[0]}"),
        new("sign-in", _ => "/account/login"),
        new("register", _ => "/account/register"),
        new("upload", _ => "/upload", SignedIn: true),
        new("my uploads", _ => "/me/uploads", SignedIn: true),
        new("your stats", _ => "/me/stats", SignedIn: true),
        new("track, signed in (comment forms)", s => $"/tracks/{s.TrackWithArtwork}", SignedIn: true),
        new("share links", s => $"/tracks/{s.TrackWithArtwork}/share", SignedIn: true),
        new("edit track", s => $"/tracks/{s.TrackWithArtwork}/edit", SignedIn: true),
        new("add stems", s => $"/tracks/{s.TrackWithArtwork}/stems/new", SignedIn: true),
        new("edit stem", s => $"/stems/{s.Stems[0]}/edit", SignedIn: true),
        new("new album", _ => "/albums/new", SignedIn: true),
        new("profile", _ => "/account/profile", SignedIn: true),
        new("settings", _ => "/account/settings", SignedIn: true),
        new("notifications", _ => "/notifications", SignedIn: true),
        new("my likes", _ => "/me/likes", SignedIn: true),
        new("feed", _ => "/feed", SignedIn: true),
        new("artist, signed in", _ => ShowcaseSite.ArtistPath, SignedIn: true),
        new("requests", _ => "/me/requests", SignedIn: true),
        new("credit originals", s => $"/tracks/{s.TrackWithArtwork}/lineage?q=a", SignedIn: true),
        new("admin dashboard", _ => "/admin", Admin: true),
        new("curate genres", _ => "/admin/genres", Admin: true),
        new("curate genres, found", _ => "/admin/genres?q=house", Admin: true),
        new("edit genre", s => $"/admin/genres/{s.Genres.House}", Admin: true),
        new("merge genre", s => $"/admin/genres/{s.Genres.House}/merge?into={s.Genres.Techno}", Admin: true),
        new("delete genre", s => $"/admin/genres/{s.Genres.House}/delete", Admin: true),
        new("blog", _ => "/blog"),
        new("blog category", s => $"/blog/category/{s.BlogPost.CategorySlug}"),
        new("blog post", s => $"/blog/{s.BlogPost.Slug}"),
        new("admin blog posts", _ => "/admin/blog", Admin: true),
        new("admin blog editor", s => $"/admin/blog/{s.BlogPost.Id}", Admin: true),
        new("admin new blog post", _ => "/admin/blog/new", Admin: true),
        new("delete blog post", s => $"/admin/blog/{s.BlogPost.Id}/delete", Admin: true),
        new("admin content, reported", _ => "/admin/content", Admin: true),
        new("admin content, recent tracks", _ => "/admin/content?show=tracks", Admin: true),
        new("admin content, unpublish confirmation", s => $"/admin/content/track/{s.TrackWithArtwork}/unpublish", Admin: true),
        new("track, report form open", s => $"/tracks/{s.TrackWithArtwork}", Admin: true,
            Prepare: page => page.Locator("#report-track summary").ClickAsync()),
        new("admin users", _ => "/admin/users", Admin: true),
        new("admin user", s => $"/admin/users/{s.ArtistUser}", Admin: true),
        new("admin delete user, the choice", s => $"/admin/users/{s.ArtistUser}/delete", Admin: true),
        new("admin audit log", _ => "/admin/audit", Admin: true),
        new("admin jobs", _ => "/admin/jobs", Admin: true),
        new("admin job run with its ffmpeg log", s => $"/admin/jobs/runs/{s.FailedRun}", Admin: true),
        new("admin cancel job, nothing chosen", _ => "/admin/jobs/cancel", Admin: true),
        new("admin backups after backing up", _ => "/admin/backups", Admin: true, Prepare: BackUpNowAsync),
        new("admin health", _ => "/admin/health", Admin: true),
        new("admin inbox", _ => "/admin/inbox", Admin: true),
        new("admin inbox, a message", s => $"/admin/inbox/{s.ContactMessage}", Admin: true),
        new("admin events", _ => "/admin/events", Admin: true),
        new("admin events, past", _ => "/admin/events?show=past", Admin: true),
        new("contact", _ => "/contact"),
        new("contact sent", _ => "/contact/sent"),
        new("events", _ => "/events"),
        new("past events", _ => "/events/past"),
        new("event", s => $"/events/{s.Event}"),
        new("past event", s => $"/events/{s.PastEvent}"),
        new("edit event", s => $"/events/{s.Event}/edit", SignedIn: true),
        new("new event, admin", _ => "/events/new", Admin: true),
    ];

    public static TheoryData<string> Pages() => new(AuditedPages.Select(p => p.Name));

    /// <summary>
    /// One page load per page: axe-core is injected once (most of the cost) and run in each look, switching the
    /// colour scheme by media emulation and the viewport by resizing the same page to the phone's 390×844.
    /// </summary>
    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_OnDesktopAndPhone_InLightAndDark_HasNoSeriousOrCriticalViolation(string name)
    {
        var audited = AuditedPages.Single(p => p.Name == name);
        var path = audited.Path(showcase);
        var page = await showcase.Browser.NewPageAsync(Viewport.Desktop, storageState: audited.Admin ? showcase.AdminSession : audited.SignedIn ? showcase.ArtistSession : null);
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{name}: {response?.Status}");
        if (audited.Prepare is { } prepare)
        {
            await prepare(page);
        }

        var failures = new List<string>();
        (Viewport, ColorScheme)[] looks =
            [(Viewport.Desktop, ColorScheme.Light), (Viewport.Desktop, ColorScheme.Dark), (Viewport.Phone, ColorScheme.Dark), (Viewport.Phone, ColorScheme.Light)];
        foreach (var (viewport, scheme) in looks)
        {
            await page.SetViewportSizeAsync(viewport.Size().Width, viewport.Size().Height);
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme });
            var violations = await AxeAudit.RunAsync(page);

            var blocking = violations.Where(v => v.Blocks).ToList();
            var look = $"{name} ({path}) at {viewport} in {scheme}";
            output.WriteLine($"{look}: {violations.Count} violations, {blocking.Count} serious or critical");
            violations.ToList().ForEach(v => output.WriteLine(v.ToString()));
            if (blocking.Count > 0)
            {
                failures.Add($"{look}: {blocking.Count} serious or critical violations\n" + string.Join("\n", blocking));
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static async Task BackUpNowAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Back up now" }).ClickAsync();
        await page.GetByTestId("backup-status").WaitForAsync();
    }

    private static async Task OpenFullScreenPlayerAsync(IPage page)
    {
        await ShowcaseSite.PlayFirstTrackAsync(page);
        await page.ClickAsync("#player-expand");
        await Assertions.Expect(page.Locator("#player-close")).ToBeVisibleAsync();
    }

    /// <summary>The audit itself: on a page with known faults axe runs, and each fault comes back with its impact.</summary>
    [Fact]
    public async Task Audit_OnAPageWithKnownFaults_ReportsEachWithItsImpact()
    {
        var page = await showcase.Browser.NewPageAsync(Viewport.Desktop);
        await page.SetContentAsync("""
            <!doctype html><html lang="en"><head><title>Faults</title></head><body><main>
            <h1>Faults</h1>
            <p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40"></p>
            <p><a href="/x"></a></p>
            <p class="pale">Pale grey on white</p>
            <style>.pale { color: #c8c8c8; background: #fff; }</style>
            </main></body></html>
            """);

        var violations = await AxeAudit.RunAsync(page);

        var found = violations.ToDictionary(v => v.Id, v => v.Impact);
        Assert.Equal("critical", found.GetValueOrDefault("image-alt"));
        Assert.Equal("serious", found.GetValueOrDefault("link-name"));
        Assert.Equal("serious", found.GetValueOrDefault("color-contrast"));
        Assert.Contains(violations.Single(v => v.Id == "color-contrast").Nodes, n => n.Target == ".pale");
    }
}
