using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using MusicSite.Blog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Blog;

/// <summary>The blog pages as a browser without JavaScript uses them: the list, categories and posts for visitors;
/// the admin list, editor (Save and Preview buttons), live-preview endpoint and delete confirmation for admins only
/// (anonymous visitors go to sign in, others get the 403 page).</summary>
public sealed class BlogPagesTests : IClassFixture<ClockedSite>
{
    private readonly ClockedSite site;

    public BlogPagesTests(ClockedSite site)
    {
        this.site = site;
        site.WithAdmin();
    }

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    private Task<HttpClient> AdminAsync() => site.SignedInCookieClientAsync(TrackUploads.AdminEmail, TrackUploads.AdminPassword);

    private static async Task<IDocument> DocumentAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> PostAsync(string title, string markdown, TimeSpan? publishedIn, int? categoryId = null)
    {
        var admin = await site.AdminClientAsync();
        var publishedAt = publishedIn is { } offset ? site.Clock.GetUtcNow().Add(offset).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") : null;
        var response = await admin.PostAsJsonAsync("/api/blog/posts", new { title, markdown, categoryId, publishedAt });
        Assert.Equal(201, (int)response.StatusCode);
        return await response.JsonAsync();
    }

    private Task<BlogCategory> CategoryAsync(string name) => site.WithDbAsync(async db =>
    {
        var category = new BlogCategory { Name = name, Slug = MusicSite.Common.Slug.From(name), Description = "About " + name };
        db.BlogCategories.Add(category);
        await db.SaveChangesAsync();
        return category;
    });

    [Fact]
    public async Task BlogList_ShowsPublishedPostsWithExcerptCategoryDateAndFeedLink()
    {
        var category = await CategoryAsync(Unique("Notes"));
        var title = Unique("Listed");
        await PostAsync(title, "An **excerpt** worth reading.", TimeSpan.FromMinutes(-1), category.Id);
        var hidden = Unique("Hidden draft");
        await PostAsync(hidden, "Secret.", null, category.Id);

        foreach (var path in new[] { "/blog?page=1", $"/blog/category/{category.Slug}" })
        {
            var doc = await DocumentAsync(site.CreateClient(), path);
            var card = doc.QuerySelectorAll("[data-testid=blog-post]").Single(c => c.QuerySelector("h2")!.TextContent == title);
            Assert.Contains("An excerpt worth reading.", card.TextContent);
            Assert.NotNull(card.QuerySelector($"a[href='/blog/category/{category.Slug}']"));
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", card.QuerySelector("time")!.GetAttribute("datetime"));
            Assert.DoesNotContain(hidden, doc.Body!.TextContent);
            Assert.Equal("/blog/feed.xml", doc.QuerySelector("head link[rel=alternate][type='application/atom+xml']")!.GetAttribute("href"));
        }
    }

    [Fact]
    public async Task CategoryPage_EmptyShowsEmptyState_UnknownIs404()
    {
        var empty = await CategoryAsync(Unique("Empty"));

        var doc = await DocumentAsync(site.CreateClient(), $"/blog/category/{empty.Slug}");

        Assert.NotNull(doc.QuerySelector("[data-testid=blog-empty]"));
        Assert.Equal(404, (int)(await site.CreateClient().GetAsync("/blog/category/no-such-category")).StatusCode);
        Assert.Equal(404, (int)(await site.CreateClient().GetAsync("/blog/no-such-post")).StatusCode);
    }

    [Fact]
    public async Task PostPage_RendersHostileMarkdownInert()
    {
        var post = await PostAsync(Unique("Hostile"),
            "Hi <script>alert(1)</script> [x](JaVaScRiPt:alert(2)) ![i](javascript:alert(3)) <img src=x onerror=alert(4)>\n\n[ok](https://example.com)",
            TimeSpan.FromMinutes(-1));

        var doc = await DocumentAsync(site.CreateClient(), $"/blog/{post.GetProperty("slug").GetString()}");

        var body = doc.QuerySelector("[data-testid=post-body]")!;
        Assert.Empty(body.QuerySelectorAll("script, img"));
        Assert.DoesNotContain(body.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        Assert.Equal(["https://example.com"], body.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("<script>alert(1)</script>", body.TextContent);
        Assert.NotNull(doc.QuerySelector("article time[datetime]"));
    }

    [Theory]
    [InlineData("/admin/blog")]
    [InlineData("/admin/blog/new")]
    [InlineData("/admin/blog/{id}")]
    [InlineData("/admin/blog/{id}/delete")]
    public async Task AdminBlogPages_AnonymousToSignIn_NonAdmin403(string template)
    {
        var post = await PostAsync(Unique("Guarded"), "x", null);
        var path = template.Replace("{id}", post.GetProperty("id").GetInt32().ToString());

        var anonymous = await site.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(path);
        Assert.Equal(302, (int)anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);

        var listener = await site.CookieClientAsync("Artist");
        Assert.Equal(403, (int)(await listener.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Editor_CreateWithoutJavaScript_ThenListedWithItsState()
    {
        var admin = await AdminAsync();
        var title = Unique("From the form");
        var at = site.Clock.GetUtcNow().AddDays(2).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm");

        var response = await admin.PostNamedFormAsync("/admin/blog/new", "blog-post", [
            new("title", title), new("slug", ""), new("categoryId", ""), new("markdown", "Hello *there*."),
            new("publish", "at"), new("publishAt", at), new("action", "save"),
        ]);

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Matches(@"^/admin/blog/\d+\?done=created$", response.Headers.Location!.PathAndQuery);
        var editor = await DocumentAsync(admin, response.Headers.Location.PathAndQuery);
        Assert.Equal("Scheduled", editor.QuerySelector("[data-testid=post-state]")!.TextContent.Trim());
        Assert.Equal(at, editor.QuerySelector("#publishAt")!.GetAttribute("value"));
        var list = await DocumentAsync(admin, "/admin/blog");
        var row = list.QuerySelectorAll("[data-testid=admin-blog-row]").Single(r => r.TextContent.Contains(title));
        Assert.Contains("Scheduled", row.TextContent);
        Assert.Equal(404, (int)(await site.CreateClient().GetAsync($"/blog/{MusicSite.Common.Slug.From(title)}")).StatusCode);
        Assert.Equal(200, (int)(await admin.GetAsync($"/blog/{MusicSite.Common.Slug.From(title)}")).StatusCode);
    }

    [Fact]
    public async Task Editor_PreviewButton_ShowsThePreviewKeepsValuesAndSavesNothing()
    {
        var admin = await AdminAsync();
        var title = Unique("Previewed");
        var before = await site.CountAsync<BlogPost>();

        var response = await admin.PostNamedFormAsync("/admin/blog/new", "blog-post", [
            new("title", title), new("markdown", "Some **strong** words <script>x</script>"), new("publish", "draft"),
            new("action", "preview"),
        ]);

        Assert.Equal(200, (int)response.StatusCode);
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var preview = doc.QuerySelector("#blog-preview-body")!;
        Assert.Equal("strong", preview.QuerySelector("strong")!.TextContent);
        Assert.Empty(preview.QuerySelectorAll("script"));
        Assert.Equal(title, doc.QuerySelector("#title")!.GetAttribute("value"));
        Assert.Contains("Some **strong** words", doc.QuerySelector("#markdown")!.TextContent);
        Assert.Equal(before, await site.CountAsync<BlogPost>());
    }

    [Fact]
    public async Task Editor_BadInput_ShowsMessagesAndKeepsValues()
    {
        var admin = await AdminAsync();

        var response = await admin.PostNamedFormAsync("/admin/blog/new", "blog-post", [
            new("title", ""), new("markdown", "Kept words"), new("publish", "at"), new("publishAt", "soon"), new("action", "save"),
        ]);

        Assert.Equal(200, (int)response.StatusCode);
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.NotNull(doc.QuerySelector("[data-testid=post-problem]"));
        Assert.Equal("true", doc.QuerySelector("#title")!.GetAttribute("aria-invalid"));
        Assert.Equal("true", doc.QuerySelector("#publishAt")!.GetAttribute("aria-invalid"));
        Assert.Equal("Kept words", doc.QuerySelector("#markdown")!.TextContent.Trim());
    }

    [Fact]
    public async Task PreviewEndpoint_AnswersTheRenderedFragment_ForAdminsWithTheFormToken()
    {
        var admin = await AdminAsync();
        var token = await PageSessions.AntiforgeryTokenAsync(admin, "/admin/blog/new");

        var response = await admin.PostAsync("/admin/blog/preview", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("markdown", "# Head\n\n[bad](javascript:alert(1)) and *fine*")]));

        Assert.Equal(200, (int)response.StatusCode);
        var fragment = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var body = fragment.QuerySelector("#blog-preview-body")!;
        Assert.Equal("Head", body.QuerySelector("h1")!.TextContent);
        Assert.Empty(body.QuerySelectorAll("a"));
        Assert.Equal("fine", body.QuerySelector("em")!.TextContent);

        var noToken = await admin.PostAsync("/admin/blog/preview", new FormUrlEncodedContent([new("markdown", "x")]));
        Assert.Equal(400, (int)noToken.StatusCode);
        var listener = await site.CookieClientAsync("Listener");
        var listenerToken = await PageSessions.AntiforgeryTokenAsync(listener);
        var refused = await listener.PostAsync("/admin/blog/preview", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", listenerToken), new("markdown", "x")]));
        Assert.NotEqual(200, (int)refused.StatusCode);
        Assert.DoesNotContain("blog-preview-body", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Delete_NeedsTheConfirmation_ThenRemovesThePost()
    {
        var admin = await AdminAsync();
        var post = await PostAsync(Unique("Doomed"), "x", TimeSpan.FromMinutes(-1));
        var id = post.GetProperty("id").GetInt32();

        var unconfirmed = await admin.PostNamedFormAsync($"/admin/blog/{id}/delete", "delete-post", []);
        Assert.Equal(200, (int)unconfirmed.StatusCode);
        Assert.Contains("Tick the box", await unconfirmed.Content.ReadAsStringAsync());
        Assert.Equal(200, (int)(await site.CreateClient().GetAsync($"/api/blog/posts/{id}")).StatusCode);

        var confirmed = await admin.PostNamedFormAsync($"/admin/blog/{id}/delete", "delete-post", [new("confirm", "yes")]);
        Assert.Equal(302, (int)confirmed.StatusCode);
        Assert.Equal("/admin/blog?done=deleted", confirmed.Headers.Location!.PathAndQuery);
        Assert.Equal(404, (int)(await site.CreateClient().GetAsync($"/api/blog/posts/{id}")).StatusCode);
    }

    [Fact]
    public async Task Header_HasBlogLink_AdminsAlsoTheAdminLinkToTheBlogEditor_FooterHasContact()
    {
        var admin = await DocumentAsync(await AdminAsync(), "/");
        var visitor = await DocumentAsync(site.CreateClient(), "/");

        Assert.NotNull(visitor.QuerySelector("header nav a[href='/blog']"));
        Assert.NotNull(visitor.QuerySelector("footer a[href='/contact']"));
        // Admins reach the blog editor through the one Admin link and the admin area's menu.
        Assert.Null(visitor.QuerySelector("header nav a[href='/admin']"));
        Assert.NotNull(admin.QuerySelector("header nav a[href='/admin']"));
        var dashboard = await DocumentAsync(await AdminAsync(), "/admin");
        Assert.NotNull(dashboard.QuerySelector("nav.admin-nav a[href='/admin/blog']"));
    }
}
