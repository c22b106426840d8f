using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Artists;
using MusicSite.Tests.Artists;
using MusicSite.Tests.Infrastructure;
using MusicSite.Tests.Notifications;

namespace MusicSite.Tests.Community;

/// <summary>Hearts, follows, "My likes", the feed and the artist page's activity lists, as a browser without
/// JavaScript uses them (forms that post and come back), and the fragments htmx gets.</summary>
public sealed class SocialPagesTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private async Task<(HttpClient Client, int UserId)> VisitorAsync()
    {
        var email = $"social-{Guid.NewGuid():N}@example.com";
        var client = await site.CookieClientAsync(email: email);
        return (client, await site.UserIdAsync(email));
    }

    private static List<KeyValuePair<string, string>> FieldsOf(IElement form) =>
        form.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();

    private async Task<(int Artist, int Track)> TrackAsync(string title)
    {
        var artist = await ArtistRows.UserAsync(site.Services, "Page artist " + ArtistRows.Token());
        return (artist, await ArtistRows.TrackAsync(site.Services, artist, title));
    }

    [Fact]
    public async Task Heart_WithoutJavaScript_PostsAndComesBackLiked_ThenUnlikes()
    {
        var (client, _) = await VisitorAsync();
        var (artist, track) = await TrackAsync("Heart form " + ArtistRows.Token());
        var page = await SlugPathAsync(artist);

        var form = (await client.PageAsync(page)).QuerySelector($"form.heart[data-heart='{track}']")!;
        Assert.Equal("false", form.QuerySelector("button")!.GetAttribute("aria-pressed"));
        Assert.StartsWith("Like Heart form", form.QuerySelector("button")!.GetAttribute("aria-label"));
        var liked = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(FieldsOf(form)));

        Assert.Equal(302, (int)liked.StatusCode);
        Assert.Equal(page, liked.Headers.Location!.OriginalString);
        var after = (await client.PageAsync(page)).QuerySelector($"form.heart[data-heart='{track}']")!;
        Assert.Equal("true", after.QuerySelector("button")!.GetAttribute("aria-pressed"));
        Assert.StartsWith("1", after.QuerySelector(".heart-count")!.TextContent);

        await client.PostAsync(after.GetAttribute("action"), new FormUrlEncodedContent(FieldsOf(after)));
        var unliked = (await client.PageAsync(page)).QuerySelector($"form.heart[data-heart='{track}']")!;
        Assert.Equal("false", unliked.QuerySelector("button")!.GetAttribute("aria-pressed"));
        Assert.StartsWith("0", unliked.QuerySelector(".heart-count")!.TextContent);
    }

    [Fact]
    public async Task Heart_OutsideReturnUrl_GoesHomeInstead()
    {
        var (client, _) = await VisitorAsync();
        var (_, track) = await TrackAsync("Open redirect " + ArtistRows.Token());
        var form = (await client.PageAsync($"/tracks/{track}")).QuerySelector($"form.heart[data-heart='{track}']")!;
        var fields = FieldsOf(form).Where(f => f.Key != "returnUrl").Append(new("returnUrl", "//evil.example/")).ToList();

        var response = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Heart_WithHtmx_AnswersTheNewHeartAlone()
    {
        var (client, _) = await VisitorAsync();
        var (_, track) = await TrackAsync("Htmx heart " + ArtistRows.Token());
        var form = (await client.PageAsync($"/tracks/{track}")).QuerySelector($"form.heart[data-heart='{track}']")!;
        var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action")) { Content = new FormUrlEncodedContent(FieldsOf(form)) };
        request.Headers.Add("HX-Request", "true");

        var response = await client.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        var fragment = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Null(fragment.QuerySelector("main"));
        Assert.Equal("true", fragment.QuerySelector($"form.heart[data-heart='{track}'] button")!.GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task Heart_WithoutToken_Is400_AndAnonymousPostGoesToSignIn()
    {
        var (client, _) = await VisitorAsync();
        var (_, track) = await TrackAsync("Tokenless " + ArtistRows.Token());
        var anonymous = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var noToken = await client.PostAsync($"/tracks/{track}/like", new FormUrlEncodedContent([new("like", "true")]));
        var anonymousPage = await anonymous.PageAsync($"/tracks/{track}");

        Assert.Equal(400, (int)noToken.StatusCode);
        var link = anonymousPage.QuerySelector($".heart[data-heart='{track}'] a.heart-button")!;
        Assert.StartsWith("/account/login?returnUrl=", link.GetAttribute("href"));
        Assert.Null(anonymousPage.QuerySelector("form.heart"));
    }

    [Fact]
    public async Task PrivateTrack_OfSomeoneElse_HeartPostIs404()
    {
        var (client, _) = await VisitorAsync();
        var artist = await ArtistRows.UserAsync(site.Services, "Private owner");
        var hidden = await ArtistRows.TrackAsync(site.Services, artist, "Hidden", isPublic: false);
        var token = await PageSessions.AntiforgeryTokenAsync(client);

        var response = await client.PostAsync($"/tracks/{hidden}/like",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("like", "true"), new("returnUrl", "/")]));

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task MyLikes_ListsLikedTracks_AndExplainsWhenEmpty()
    {
        var (client, _) = await VisitorAsync();
        var empty = await client.PageAsync("/me/likes");
        Assert.NotNull(empty.QuerySelector("[data-testid=no-likes]"));
        Assert.NotNull(empty.QuerySelector("nav a[href='/me/likes']"));
        Assert.NotNull(empty.QuerySelector("nav a[href='/feed']"));

        var (_, track) = await TrackAsync("Kept " + ArtistRows.Token());
        var form = (await client.PageAsync($"/tracks/{track}")).QuerySelector($"form.heart[data-heart='{track}']")!;
        await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(FieldsOf(form)));

        var doc = await client.PageAsync("/me/likes");
        Assert.Equal([track.ToString()], doc.QuerySelectorAll(".track-list > li").Select(li => li.GetAttribute("data-track-id")));
    }

    [Fact]
    public async Task Follow_WithoutJavaScript_ThenFeedShowsTheArtistsTrack()
    {
        var (client, _) = await VisitorAsync();
        var (artist, track) = await TrackAsync("Fed " + ArtistRows.Token());
        var page = await SlugPathAsync(artist);
        var emptyFeed = await client.PageAsync("/feed");
        Assert.NotNull(emptyFeed.QuerySelector("[data-testid=empty-feed]"));
        Assert.NotNull(emptyFeed.QuerySelector("[data-testid=suggested-artists] a"));

        var form = (await client.PageAsync(page)).QuerySelector(".follow form")!;
        var response = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(FieldsOf(form)));

        Assert.Equal(302, (int)response.StatusCode);
        var after = await client.PageAsync(page);
        Assert.Equal("true", after.QuerySelector(".follow button")!.GetAttribute("aria-pressed"));
        Assert.Contains("1 follower", after.QuerySelector("[data-testid=follower-count]")!.TextContent);
        var feed = await client.PageAsync("/feed");
        Assert.Equal([track.ToString()], feed.QuerySelectorAll(".feed-list > li[data-track-id]").Select(li => li.GetAttribute("data-track-id")));
    }

    [Fact]
    public async Task ArtistPage_OwnPage_HasNoFollowButton()
    {
        var email = $"self-page-{Guid.NewGuid():N}@example.com";
        var client = await site.CookieClientAsync(accountType: "Artist", email: email);
        var me = await site.UserIdAsync(email);
        await ArtistRows.TrackAsync(site.Services, me, "My own");

        var doc = await client.PageAsync(await SlugPathAsync(me));

        Assert.Null(doc.QuerySelector(".follow form"));
        Assert.NotNull(doc.QuerySelector("[data-testid=follower-count]"));
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    [InlineData(false, true, true)]
    public async Task ArtistPage_LikesAndFollows_ShownToOthersOnlyWhenPublic(bool profilePublic, bool likesPublic, bool followsPublic)
    {
        var (artist, _) = await TrackAsync("Public activity " + ArtistRows.Token());
        var (__, liked) = await TrackAsync("Liked by the artist " + ArtistRows.Token());
        var (followed, ___) = await TrackAsync("Followed by the artist " + ArtistRows.Token());
        await site.WithDbAsync(async db =>
        {
            db.TrackLikes.Add(new MusicSite.Community.TrackLike { UserId = artist, TrackId = liked, CreatedAt = DateTime.UtcNow });
            db.ArtistFollows.Add(new MusicSite.Community.ArtistFollow { FollowerId = artist, ArtistId = followed, CreatedAt = DateTime.UtcNow });
            db.UserPreferences.Add(new UserPreferences
            {
                UserId = artist, ProfilePublic = profilePublic, LikesPublic = likesPublic, FollowsPublic = followsPublic, UpdatedAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        var (visitor, ____) = await VisitorAsync();

        var doc = await visitor.PageAsync(await SlugPathAsync(artist));

        var likes = doc.QuerySelector("[data-testid=artist-likes]");
        var follows = doc.QuerySelector("[data-testid=artist-follows]");
        Assert.Equal(profilePublic && likesPublic, likes is not null);
        Assert.Equal(profilePublic && followsPublic, follows is not null);
        if (likes is not null)
        {
            Assert.Equal([liked.ToString()], likes.QuerySelectorAll(".track-list > li").Select(li => li.GetAttribute("data-track-id")));
        }
        if (follows is not null)
        {
            Assert.Single(follows.QuerySelectorAll(".followed-artists li"));
        }
    }

    private async Task<string> SlugPathAsync(int artist)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return "/artists/" + await scope.ServiceProvider.GetRequiredService<ArtistDirectory>().SlugOfAsync(artist, default);
    }
}
