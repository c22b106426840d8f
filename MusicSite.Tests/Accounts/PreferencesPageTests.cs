using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MusicSite.Accounts;
using MusicSite.Notifications;
using MusicSite.Tests.Infrastructure;
using MusicSite.Tests.Notifications;

namespace MusicSite.Tests.Accounts;

/// <summary>/account/settings without JavaScript (a form that posts and redirects), the theme on every page's
/// &lt;html&gt;, the stream quality handed to the player, and what a private profile hides.</summary>
public sealed class PreferencesPageTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private async Task<(HttpClient Client, int UserId)> VisitorAsync(string accountType = "Listener", string? email = null)
    {
        email ??= $"settings-{Guid.NewGuid():N}@example.com";
        var client = await site.CookieClientAsync(accountType, email);
        return (client, await site.UserIdAsync(email));
    }

    [Fact]
    public async Task Page_Anonymous_RedirectsToSignIn()
    {
        var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/settings");

        Assert.Equal(302, (int)response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Page_WithoutARow_ShowsTheDefaultsInLabelledFieldsets()
    {
        var (client, _) = await VisitorAsync();

        var doc = await client.PageAsync("/account/settings");

        var form = doc.QuerySelector("form[data-testid=settings-form]")!;
        Assert.Equal(["Theme", "Playback", "Mail me when…", "Privacy"], form.QuerySelectorAll("fieldset > legend").Select(l => l.TextContent.Trim()));
        Assert.Equal("system", form.QuerySelector("input[name=theme][checked]")!.GetAttribute("value"));
        Assert.Equal("high", form.QuerySelector("select[name=streamQuality] option[selected]")!.GetAttribute("value"));
        Assert.Equal(Enum.GetValues<NotificationKind>().Length, form.QuerySelectorAll("input[name=mail]").Length);
        Assert.Empty(form.QuerySelectorAll("input[name=mail][checked]"));
        Assert.Equal(3, form.QuerySelectorAll("input[type=checkbox][value=true][checked]").Length);
        Assert.All(form.QuerySelectorAll("input[name=mail]"), box => Assert.False(string.IsNullOrWhiteSpace(box.ParentElement!.TextContent)));
        Assert.Equal("/account/settings", doc.QuerySelector("#site-header a[href='/account/settings']")!.GetAttribute("href"));
        Assert.Equal("system", doc.DocumentElement.GetAttribute("data-theme"));
        Assert.Equal("high", doc.Body!.GetAttribute("data-stream-quality"));
    }

    [Fact]
    public async Task Post_NoJavaScript_SavesEveryChoiceRedirectsAndAppliesThemeAndQualityToEveryPage()
    {
        var (client, me) = await VisitorAsync();

        var response = await client.PostNamedFormAsync("/account/settings", "settings", [
            new("theme", "dark"), new("streamQuality", "low"), new("mail", "comment-received"), new("mail", "new-release"),
            new("likesPublic", "true"),
        ]);

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal("/account/settings?saved=1", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString);
        var doc = await client.PageAsync("/account/settings?saved=1");
        Assert.NotNull(doc.QuerySelector("[data-testid=settings-saved]"));
        Assert.Equal("dark", doc.QuerySelector("input[name=theme][checked]")!.GetAttribute("value"));
        Assert.Equal(["comment-received", "new-release"], doc.QuerySelectorAll("input[name=mail][checked]").Select(i => i.GetAttribute("value")));
        foreach (var path in new[] { "/", "/tracks", "/account/settings" })
        {
            var page = await client.PageAsync(path);
            Assert.Equal("dark", page.DocumentElement.GetAttribute("data-theme"));
            Assert.Equal("dark", page.QuerySelector("meta[name=color-scheme]")!.GetAttribute("content"));
            Assert.Equal("low", page.Body!.GetAttribute("data-stream-quality"));
        }
        var saved = await site.WithDbAsync(db => db.UserPreferences.AsNoTracking().SingleAsync(p => p.UserId == me));
        Assert.Equal((false, true, false), (saved.ProfilePublic, saved.LikesPublic, saved.FollowsPublic));
    }

    [Fact]
    public async Task Post_TamperedValue_ShowsAMessageAndSavesNothing()
    {
        var (client, me) = await VisitorAsync();

        var response = await client.PostNamedFormAsync("/account/settings", "settings", [new("theme", "neon"), new("streamQuality", "low")]);

        Assert.Equal(200, (int)response.StatusCode);
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.NotNull(doc.QuerySelector("[role=alert]"));
        Assert.Contains("system, light or dark", doc.QuerySelector(".field-error")!.TextContent);
        Assert.False(await site.WithDbAsync(db => db.UserPreferences.AnyAsync(p => p.UserId == me)));
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        var (client, me) = await VisitorAsync();

        var response = await client.PostAsync("/account/settings", new FormUrlEncodedContent([new("_handler", "settings"), new("theme", "dark")]));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.False(await site.WithDbAsync(db => db.UserPreferences.AnyAsync(p => p.UserId == me)));
    }

    [Fact]
    public async Task AnonymousPage_HasNoThemeOrQuality()
    {
        var doc = await site.CreateClient().PageAsync("/");

        Assert.Null(doc.DocumentElement.GetAttribute("data-theme"));
        Assert.Equal("light dark", doc.QuerySelector("meta[name=color-scheme]")!.GetAttribute("content"));
        Assert.Null(doc.Body!.GetAttribute("data-stream-quality"));
    }

    [Fact]
    public async Task PrivateProfile_HidesBioAndAvatarFromOthersButNotFromTheOwner()
    {
        var email = $"private-{Guid.NewGuid():N}@example.com";
        var (owner, ownerId) = await VisitorAsync("Artist", email);
        await site.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == ownerId);
            user.Bio = "Private words about me";
            user.AvatarPath = "avatars/private.jpg";
            db.UserPreferences.Add(new UserPreferences { UserId = ownerId, ProfilePublic = false });
            return await db.SaveChangesAsync();
        });
        Directory.CreateDirectory(Path.Combine(site.DataDirectory, "media", "avatars"));
        await File.WriteAllBytesAsync(Path.Combine(site.DataDirectory, "media", "avatars", "private.jpg"), [0xFF, 0xD8, 0xFF, 0xD9]);
        await TestCatalog.AddReadyTrackAsync(site.Services, "Published Anyway", uploaderEmail: email);
        var stranger = site.CreateClient();

        var asStranger = await (await stranger.GetAsync($"/api/artists/{ownerId}")).JsonAsync();
        var slug = asStranger.GetProperty("slug").GetString();
        var pageToOwner = await owner.PageAsync($"/artists/{slug}");
        var pageToStranger = await stranger.PageAsync($"/artists/{slug}");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, asStranger.GetProperty("bio").ValueKind);
        Assert.Null(pageToStranger.QuerySelector("[data-testid=artist-bio]"));
        Assert.Null(pageToStranger.QuerySelector($"img[src^='/api/users/{ownerId}/avatar']"));
        Assert.Equal(404, (int)(await stranger.GetAsync($"/api/users/{ownerId}/avatar")).StatusCode);
        Assert.Contains("Private words about me", pageToOwner.QuerySelector("[data-testid=artist-bio]")!.TextContent);
        Assert.Equal(200, (int)(await owner.GetAsync($"/api/users/{ownerId}/avatar")).StatusCode);
        Assert.Contains("Published Anyway", pageToStranger.QuerySelector("main")!.TextContent);
    }
}
