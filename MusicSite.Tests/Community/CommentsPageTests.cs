using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Community;

/// <summary>The track page's comments without JavaScript: posting at "m:ss" (PRG), the times as links that start the
/// page's player there (?t= → the audio's #t= fragment), markers for the waveform, replies, edit and delete forms,
/// and a message (never a 500) for bad input.</summary>
public sealed class CommentsPageTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private static readonly HtmlParser Parser = new();

    private async Task<(HttpClient Client, string Email)> VisitorAsync()
    {
        var email = $"comment-page-{Guid.NewGuid():N}@example.com";
        return (await site.CookieClientAsync(email: email), email);
    }

    [Fact]
    public async Task AddForm_MinutesAndSeconds_PostsThenRedirectsAndShowsIt()
    {
        var (client, _) = await VisitorAsync();
        var trackId = await TestCatalog.AddReadyTrackAsync(site.Services, "Page Commented", seconds: 90);
        var path = $"/tracks/{trackId}";

        var response = await client.PostNamedFormAsync(path, "comment-add", [new("at", "1:05"), new("content", "Lovely <b>bridge</b>")]);

        Assert.Equal(302, (int)response.StatusCode);
        var target = response.Headers.Location!;
        var location = target.IsAbsoluteUri ? target.PathAndQuery + target.Fragment : target.OriginalString;
        Assert.StartsWith($"/tracks/{trackId}?commented=added#comment-", location);
        var doc = Parser.ParseDocument(await client.GetStringAsync(location.Split('#')[0]));
        var time = doc.QuerySelector("#comments .comment-time")!;
        Assert.Equal("1:05", time.TextContent);
        Assert.Equal("65", time.GetAttribute("data-seek"));
        Assert.StartsWith($"/tracks/{trackId}?t=65#comment-", time.GetAttribute("href"));
        Assert.Equal("Lovely <b>bridge</b>", doc.QuerySelector("[data-testid=comment-content]")!.TextContent);
        Assert.NotNull(doc.QuerySelector("[data-testid=comment-done]"));
        var marker = doc.QuerySelector("#comment-markers button.comment-marker")!;
        Assert.Equal("Comment by Page Visitor at 1:05", marker.GetAttribute("aria-label"));
        Assert.Equal("65", marker.GetAttribute("data-seek"));
    }

    [Fact]
    public async Task TimeLink_StartsTheNoScriptPlayerThere()
    {
        var trackId = await TestCatalog.AddReadyTrackAsync(site.Services, "Started", seconds: 30);

        var html = await site.CreateClient().GetStringAsync($"/tracks/{trackId}?t=12");

        Assert.Contains($"src=\"/api/music/stream/{trackId}#t=12\"", html);
    }

    [Theory]
    [InlineData("soon", "hello", "timestamp")]
    [InlineData("0:31", "hello", "timestamp")]
    [InlineData("0:10", "   ", "content")]
    public async Task AddForm_BadInput_ShowsTheMessageAndKeepsTheText(string at, string content, string field)
    {
        var (client, _) = await VisitorAsync();
        var trackId = await TestCatalog.AddReadyTrackAsync(site.Services, "Refused", seconds: 30);

        var response = await client.PostNamedFormAsync($"/tracks/{trackId}", "comment-add", [new("at", at), new("content", content)]);

        Assert.Equal(200, (int)response.StatusCode);
        var doc = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.NotNull(doc.QuerySelector("[data-testid=comment-problem]"));
        Assert.NotEmpty(doc.QuerySelectorAll($"#{field}-error"));
        Assert.Equal(at, doc.QuerySelector("#comment-at")!.GetAttribute("value"));
        Assert.Equal(0, await site.WithDbAsync(db => db.TrackComments.CountAsync(c => c.TrackId == trackId)));
    }

    [Fact]
    public async Task ReplyEditDelete_FormsWorkWithoutScript()
    {
        var (author, email) = await VisitorAsync();
        var (other, _) = await VisitorAsync();
        var trackId = await TestCatalog.AddReadyTrackAsync(site.Services, "Threaded", seconds: 30);
        var path = $"/tracks/{trackId}";
        await author.PostNamedFormAsync(path, "comment-add", [new("at", "10"), new("content", "first take")]);
        var id = await site.WithDbAsync(db => db.TrackComments.Where(c => c.TrackId == trackId).Select(c => c.Id).SingleAsync());

        var replied = await other.PostNamedFormAsync(path, $"comment-reply-{id}", [new("content", "an answer")]);
        var edited = await author.PostNamedFormAsync(path, $"comment-edit-{id}", [new("content", "second take")]);
        var othersPage = Parser.ParseDocument(await other.GetStringAsync(path));

        Assert.Equal(302, (int)replied.StatusCode);
        Assert.Equal(302, (int)edited.StatusCode);
        Assert.Equal(["second take", "an answer"], othersPage.QuerySelectorAll("[data-testid=comment-content]").Select(p => p.TextContent));
        // The other visitor may not edit or delete the author's comment: no such forms for them.
        Assert.Empty(othersPage.QuerySelectorAll($"#comment-edit-{id}-content"));
        Assert.Null(othersPage.QuerySelector($"input[name=_handler][value=comment-delete-{id}]"));

        var deleted = await author.PostNamedFormAsync(path, $"comment-delete-{id}", []);

        Assert.Equal(302, (int)deleted.StatusCode);
        Assert.Equal(0, await site.WithDbAsync(db => db.TrackComments.CountAsync(c => c.TrackId == trackId)));
    }

    [Fact]
    public async Task Anonymous_SeesCommentsAndASignInLink_NoForm()
    {
        var trackId = await TestCatalog.AddReadyTrackAsync(site.Services, "Read Only", seconds: 30);

        var doc = Parser.ParseDocument(await site.CreateClient().GetStringAsync($"/tracks/{trackId}"));

        Assert.NotNull(doc.QuerySelector("#comments a[href^='/account/login']"));
        Assert.Null(doc.QuerySelector("#comment-content"));
    }
}
