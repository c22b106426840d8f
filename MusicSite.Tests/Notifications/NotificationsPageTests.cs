using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Notifications;

/// <summary>The /notifications page and the header's unread count, as a browser without JavaScript uses them.</summary>
public sealed class NotificationsPageTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private async Task<(HttpClient Client, int UserId)> VisitorAsync()
    {
        var email = $"bell-{Guid.NewGuid():N}@example.com";
        var client = await site.CookieClientAsync(email: email);
        return (client, await site.UserIdAsync(email));
    }

    [Fact]
    public async Task Page_Anonymous_RedirectsToSignIn()
    {
        var client = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/notifications");

        Assert.Equal(302, (int)response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Page_WithNone_ExplainsWhatWillShowHere()
    {
        var (client, _) = await VisitorAsync();

        var doc = await client.PageAsync("/notifications");

        Assert.Contains("No notifications yet", doc.QuerySelector("[data-testid=no-notifications]")!.TextContent);
        Assert.Null(doc.QuerySelector("form[action='/notifications/read-all']"));
    }

    [Fact]
    public async Task Page_ShowsReadStateInWords_NewestFirst_EachLinkingToOpenIt()
    {
        var (client, me) = await VisitorAsync();
        var old = await site.AddNotificationAsync(me, "Old and read", minutesAgo: 9, read: true);
        var fresh = await site.AddNotificationAsync(me, "Fresh news", minutesAgo: 1);

        var doc = await client.PageAsync("/notifications");

        var rows = doc.QuerySelectorAll(".notification-list > li");
        Assert.Equal([fresh.ToString(), old.ToString()], rows.Select(r => r.GetAttribute("data-notification-id")));
        Assert.Equal(["Unread", "Read"], rows.Select(r => r.QuerySelector(".notification-state")!.TextContent));
        Assert.Equal($"/notifications/{fresh}/open", rows[0].QuerySelector("a.notification-text")!.GetAttribute("href"));
        Assert.NotNull(rows[0].QuerySelector($"form[action='/notifications/{fresh}/read']"));
        Assert.Null(rows[1].QuerySelector("form"));
    }

    [Fact]
    public async Task MarkAllForm_WithoutJavaScript_MarksEveryUnreadAndSaysHowMany()
    {
        var (client, me) = await VisitorAsync();
        var ids = new[] { await site.AddNotificationAsync(me, "one"), await site.AddNotificationAsync(me, "two") };

        var fields = await PageSessions.HiddenFieldsAsync(client, "/notifications", "form[action='/notifications/read-all']");
        var response = await client.PostAsync("/notifications/read-all", new FormUrlEncodedContent(fields));

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal("/notifications?marked=2", response.Headers.Location!.OriginalString);
        foreach (var id in ids)
        {
            Assert.NotNull(await site.ReadAtAsync(id));
        }
        var after = await client.PageAsync("/notifications?marked=2");
        Assert.Contains("2 notifications marked as read", after.QuerySelector("[data-testid=marked]")!.TextContent);
        Assert.Equal(["Read", "Read"], after.QuerySelectorAll(".notification-state").Select(s => s.TextContent));
    }

    [Theory]
    [InlineData("/notifications/read-all")]
    [InlineData("/notifications/{id}/read")]
    public async Task MarkForms_WithoutAntiforgeryToken_ChangeNothing(string action)
    {
        var (client, me) = await VisitorAsync();
        var id = await site.AddNotificationAsync(me, "kept unread");

        var response = await client.PostAsync(action.Replace("{id}", id.ToString()),
            new FormUrlEncodedContent([new("returnUrl", "/notifications")]));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Null(await site.ReadAtAsync(id));
    }

    [Fact]
    public async Task MarkOneForm_WithoutJavaScript_MarksItAndReturnsToTheSamePage()
    {
        var (client, me) = await VisitorAsync();
        var id = await site.AddNotificationAsync(me, "just this one");
        var other = await site.AddNotificationAsync(me, "not this one", minutesAgo: 5);

        var fields = await PageSessions.HiddenFieldsAsync(client, "/notifications", $"form[action='/notifications/{id}/read']");
        fields.Add(new("returnUrl", "/notifications?unread=true"));
        var response = await client.PostAsync($"/notifications/{id}/read", new FormUrlEncodedContent(fields));

        Assert.Equal("/notifications?unread=true", response.Headers.Location!.OriginalString);
        Assert.NotNull(await site.ReadAtAsync(id));
        Assert.Null(await site.ReadAtAsync(other));
    }

    [Fact]
    public async Task Open_OwnNotification_MarksItReadAndGoesToItsPage()
    {
        var (client, me) = await VisitorAsync();
        var id = await site.AddNotificationAsync(me, "see the remix", link: "/me/requests");

        var response = await client.GetAsync($"/notifications/{id}/open");

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal("/me/requests", response.Headers.Location!.OriginalString);
        Assert.NotNull(await site.ReadAtAsync(id));
    }

    [Fact]
    public async Task Open_AnotherUsersNotification_Is404AndStaysUnread()
    {
        var (_, owner) = await VisitorAsync();
        var (intruder, _) = await VisitorAsync();
        var id = await site.AddNotificationAsync(owner, "private matter");

        var response = await intruder.GetAsync($"/notifications/{id}/open");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Null(await site.ReadAtAsync(id));
    }

    [Fact]
    public async Task Open_StoredLinkToAnotherSite_LandsOnTheSiteInstead()
    {
        var (client, me) = await VisitorAsync();
        var id = await site.AddNotificationAsync(me, "odd link", link: "//evil.example/path");

        var response = await client.GetAsync($"/notifications/{id}/open");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Page_WithMoreThanAPage_LinksToTheNextAndShowsTheRest()
    {
        var (client, me) = await VisitorAsync();
        for (var i = 0; i < 23; i++)
        {
            await site.AddNotificationAsync(me, $"item {i}", minutesAgo: i);
        }

        var first = await client.PageAsync("/notifications");
        var second = await client.PageAsync("/notifications?page=2");

        Assert.Equal(20, first.QuerySelectorAll(".notification-list > li").Length);
        Assert.Equal("/notifications?page=2", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        Assert.Equal(["item 20", "item 21", "item 22"], second.QuerySelectorAll(".notification-text").Select(a => a.TextContent));
    }

    [Fact]
    public async Task Header_SignedIn_NamesTheUnreadCountInWords()
    {
        var (client, me) = await VisitorAsync();
        await site.AddNotificationAsync(me, "one");
        await site.AddNotificationAsync(me, "two");
        await site.AddNotificationAsync(me, "three");
        await site.AddNotificationAsync(me, "old", read: true);

        var doc = await client.PageAsync("/tracks");

        var bell = doc.QuerySelector("#site-header [data-testid=notification-bell]")!;
        Assert.Equal("/notifications", bell.GetAttribute("href"));
        Assert.Equal("Notifications, 3 unread", bell.QuerySelector(".visually-hidden")!.TextContent);
        Assert.Equal("3", bell.QuerySelector("[data-testid=unread-count]")!.TextContent);
    }

    [Fact]
    public async Task Header_AfterReadingAll_SaysNoneUnreadAndShowsNoNumber()
    {
        var (client, me) = await VisitorAsync();
        await site.AddNotificationAsync(me, "read", read: true);

        var bell = (await client.PageAsync("/")).QuerySelector("[data-testid=notification-bell]")!;

        Assert.Equal("Notifications, none unread", bell.QuerySelector(".visually-hidden")!.TextContent);
        Assert.Null(bell.QuerySelector("[data-testid=unread-count]"));
    }

    [Fact]
    public async Task Header_Anonymous_HasNoBell()
    {
        var doc = new HtmlParser().ParseDocument(await site.CreateClient().GetStringAsync("/"));

        Assert.Null(doc.QuerySelector("[data-testid=notification-bell]"));
    }
}
