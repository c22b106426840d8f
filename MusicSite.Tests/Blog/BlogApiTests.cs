using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using MusicSite.Blog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Blog;

/// <summary>The blog API and feed on a clock the test moves: drafts and scheduled posts stay hidden (404 and absent
/// from lists and the feed) until their time, except to admins; writes are admins' (401, 403), audited, and checked.</summary>
public sealed class BlogApiTests : IClassFixture<ClockedSite>
{
    private readonly ClockedSite site;

    public BlogApiTests(ClockedSite site)
    {
        this.site = site;
        site.WithAdmin();
    }

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private string At(TimeSpan offset) => site.Clock.GetUtcNow().Add(offset).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private async Task<JsonElement> CreateAsync(HttpClient admin, string title, string? publishedAt, int? categoryId = null, string? slug = null)
    {
        var response = await admin.PostAsJsonAsync("/api/blog/posts",
            new { title, markdown = $"Body of **{title}**.", categoryId, publishedAt, slug });
        Assert.Equal(201, (int)response.StatusCode);
        return await response.JsonAsync();
    }

    private Task<int> CategoryAsync(string name) => site.WithDbAsync(async db =>
    {
        var category = new BlogCategory { Name = name, Slug = MusicSite.Common.Slug.From(name) };
        db.BlogCategories.Add(category);
        await db.SaveChangesAsync();
        return category.Id;
    });

    [Fact]
    public async Task DraftAndScheduledPosts_AreHiddenUntilTheirTime_ExceptToAdmins()
    {
        var admin = await site.AdminClientAsync();
        var visitor = site.CreateClient();
        var draft = await CreateAsync(admin, Unique("Draft"), null);
        var scheduled = await CreateAsync(admin, Unique("Scheduled"), At(TimeSpan.FromHours(2)));
        var published = await CreateAsync(admin, Unique("Published"), At(TimeSpan.FromMinutes(-1)));
        Assert.Equal("draft", draft.GetProperty("state").GetString());
        Assert.Equal("scheduled", scheduled.GetProperty("state").GetString());
        Assert.Equal("published", published.GetProperty("state").GetString());

        await (await visitor.GetAsync($"/api/blog/posts/{Id(draft)}")).ProblemAsync(404, "POST_NOT_FOUND");
        await (await visitor.GetAsync($"/api/blog/posts/{Id(scheduled)}")).ProblemAsync(404, "POST_NOT_FOUND");
        Assert.Equal(200, (int)(await visitor.GetAsync($"/api/blog/posts/{Id(published)}")).StatusCode);
        Assert.Equal(200, (int)(await admin.GetAsync($"/api/blog/posts/{Id(draft)}")).StatusCode);
        Assert.Equal(404, (int)(await visitor.GetAsync($"/blog/{Slug(scheduled)}")).StatusCode);
        var listed = await ListedIdsAsync(visitor);
        Assert.Contains(Id(published), listed);
        Assert.DoesNotContain(Id(scheduled), listed);
        Assert.DoesNotContain(Id(draft), listed);
        Assert.DoesNotContain(Slug(scheduled), await visitor.GetStringAsync("/blog/feed.xml"));

        site.Clock.Advance(TimeSpan.FromHours(3));

        Assert.Equal(200, (int)(await visitor.GetAsync($"/api/blog/posts/{Id(scheduled)}")).StatusCode);
        Assert.Contains(Id(scheduled), await ListedIdsAsync(visitor));
        Assert.Equal(200, (int)(await visitor.GetAsync($"/blog/{Slug(scheduled)}")).StatusCode);
        Assert.Contains(Slug(scheduled), await visitor.GetStringAsync("/blog/feed.xml"));
        await (await visitor.GetAsync($"/api/blog/posts/{Id(draft)}")).ProblemAsync(404, "POST_NOT_FOUND");
    }

    [Fact]
    public async Task Feed_IsWellFormedAtomWithTheNewestPublishedPosts()
    {
        var admin = await site.AdminClientAsync();
        var first = await CreateAsync(admin, Unique("Feed first"), At(TimeSpan.FromMinutes(-30)));
        var second = await CreateAsync(admin, Unique("Feed second"), At(TimeSpan.FromMinutes(-20)));
        await CreateAsync(admin, Unique("Feed draft"), null);

        var response = await site.CreateClient().GetAsync("/blog/feed.xml");

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var root = feed.Root!;
        Assert.Equal(atom + "feed", root.Name);
        Assert.NotEmpty(root.Element(atom + "id")!.Value);
        Assert.NotEmpty(root.Element(atom + "title")!.Value);
        Assert.True(DateTimeOffset.TryParse(root.Element(atom + "updated")!.Value, out _));
        Assert.EndsWith("/blog/feed.xml", root.Elements(atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        var entries = root.Elements(atom + "entry").ToList();
        var titles = entries.Select(e => e.Element(atom + "title")!.Value).ToList();
        Assert.True(titles.IndexOf(Title(second)) < titles.IndexOf(Title(first)), "newest first");
        Assert.DoesNotContain(titles, t => t.StartsWith("Feed draft", StringComparison.Ordinal));
        var entry = entries.Single(e => e.Element(atom + "title")!.Value == Title(second));
        Assert.StartsWith("tag:", entry.Element(atom + "id")!.Value);
        Assert.NotNull(entry.Element(atom + "updated"));
        Assert.NotNull(entry.Element(atom + "published"));
        Assert.EndsWith($"/blog/{Slug(second)}", entry.Element(atom + "link")!.Attribute("href")!.Value);
        Assert.Contains("Body of", entry.Element(atom + "summary")!.Value);
        Assert.Contains("<strong>", entry.Element(atom + "content")!.Value);
        Assert.Equal(entries.Count, entries.Select(e => e.Element(atom + "id")!.Value).Distinct().Count());
    }

    [Fact]
    public async Task Slugs_DerivedGetANumber_ExplicitClashIs409()
    {
        var admin = await site.AdminClientAsync();
        var title = Unique("Same title");
        var one = await CreateAsync(admin, title, null);
        var two = await CreateAsync(admin, title, null);

        Assert.Equal(Slug(one) + "-2", Slug(two));
        var clash = await admin.PostAsJsonAsync("/api/blog/posts", new { title = "Other", markdown = "x", slug = Slug(one) });
        var problem = await clash.ProblemAsync(409, "SLUG_TAKEN");
        Assert.True(problem.GetProperty("errors").TryGetProperty("slug", out _));
        var update = await admin.PutAsJsonAsync($"/api/blog/posts/{Id(two)}", new { title = "Other", markdown = "x", slug = Slug(one) });
        await update.ProblemAsync(409, "SLUG_TAKEN");
    }

    [Fact]
    public async Task Writes_AreAuditedAndChangeThePost()
    {
        var admin = await site.AdminClientAsync();
        var post = await CreateAsync(admin, Unique("Audited"), null);

        var put = await admin.PutAsJsonAsync($"/api/blog/posts/{Id(post)}",
            new { title = "Audited again", markdown = "New *body* with <script>x</script>", publishedAt = At(TimeSpan.FromMinutes(-1)) });
        Assert.Equal(200, (int)put.StatusCode);
        var updated = await put.JsonAsync();
        Assert.Equal("published", updated.GetProperty("state").GetString());
        Assert.Equal(Slug(post), Slug(updated));
        Assert.DoesNotContain("<script>", updated.GetProperty("html").GetString());
        Assert.Equal("New body with <script>x</script>", updated.GetProperty("excerpt").GetString());
        Assert.Equal(204, (int)(await admin.DeleteAsync($"/api/blog/posts/{Id(post)}")).StatusCode);
        await (await admin.GetAsync($"/api/blog/posts/{Id(post)}")).ProblemAsync(404, "POST_NOT_FOUND");
        await (await admin.DeleteAsync($"/api/blog/posts/{Id(post)}")).ProblemAsync(404, "POST_NOT_FOUND");

        var actions = await site.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "BlogPost" && e.EntityId == Id(post).ToString())
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["blog.create", "blog.update", "blog.delete"], actions);
    }

    public static TheoryData<string, string, string> Writes => new()
    {
        { "POST", "/api/blog/posts", """{"title":"Nope","markdown":"x"}""" },
        { "PUT", "/api/blog/posts/1", """{"title":"Nope","markdown":"x"}""" },
        { "DELETE", "/api/blog/posts/1", "" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Writes_Anonymous401_NonAdmin403(string method, string path, string body)
    {
        HttpRequestMessage Request() => new(new HttpMethod(method), path) { Content = body.Length > 0 ? Json(body) : null };

        await (await site.CreateClient().SendAsync(Request())).ProblemAsync(401, "UNAUTHORIZED");
        var listener = await site.SignedInClientAsync($"blog-{Guid.NewGuid():N}@example.com");
        await (await listener.SendAsync(Request())).ProblemAsync(403, "UNAUTHORIZED_ACCESS");
    }

    [Theory]
    [InlineData("""{"markdown":"x"}""", "title")]
    [InlineData("""{"title":"T"}""", "markdown")]
    [InlineData("""{"title":"T","markdown":"x","publishedAt":"tomorrow"}""", "publishedAt")]
    [InlineData("""{"title":"T","markdown":"x","publishedAt":"2026-12-24T18:00:00"}""", "publishedAt")]
    [InlineData("""{"title":"T","markdown":"x","categoryId":"one"}""", "categoryId")]
    [InlineData("""{"title":"T","markdown":"x","slug":"Not A Slug"}""", "slug")]
    [InlineData("""{"title":"Line\nbreak","markdown":"x"}""", "title")]
    [InlineData("""{"title":5,"markdown":"x"}""", "title")]
    public async Task Create_BadInput_IsAFieldError(string body, string field)
    {
        var admin = await site.AdminClientAsync();

        var problem = await (await admin.PostAsync("/api/blog/posts", Json(body))).ProblemAsync(400, "VALIDATION_FAILED");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Create_UnknownCategory_Is404CategoryNotFound()
    {
        var admin = await site.AdminClientAsync();

        await (await admin.PostAsJsonAsync("/api/blog/posts", new { title = "T", markdown = "x", categoryId = 999999 }))
            .ProblemAsync(404, "CATEGORY_NOT_FOUND");
    }

    [Fact]
    public async Task List_ByCategorySlugOrId_UnknownIs404()
    {
        var admin = await site.AdminClientAsync();
        var name = Unique("Guides");
        var categoryId = await CategoryAsync(name);
        var inside = await CreateAsync(admin, Unique("Inside"), At(TimeSpan.FromMinutes(-5)), categoryId);
        var outside = await CreateAsync(admin, Unique("Outside"), At(TimeSpan.FromMinutes(-5)));
        var visitor = site.CreateClient();

        foreach (var key in new[] { MusicSite.Common.Slug.From(name), categoryId.ToString() })
        {
            var page = await (await visitor.GetAsync($"/api/blog/posts?category={key}")).JsonAsync();
            var ids = page.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToList();
            Assert.Equal([Id(inside)], ids);
            Assert.Equal(1, page.GetProperty("meta").GetProperty("total").GetInt32());
        }
        Assert.DoesNotContain(Id(outside), await ListedIdsAsync(visitor, $"?category={categoryId}"));
        await (await visitor.GetAsync("/api/blog/posts?category=no-such-category")).ProblemAsync(404, "CATEGORY_NOT_FOUND");
        await (await visitor.GetAsync("/api/blog/posts?limit=0")).ProblemAsync(400, "VALIDATION_FAILED");
        var categories = await (await visitor.GetAsync("/api/blog/categories")).JsonAsync();
        Assert.Contains(categories.EnumerateArray(), c => c.GetProperty("id").GetInt32() == categoryId && c.GetProperty("name").GetString() == name);
    }

    private static int Id(JsonElement post) => post.GetProperty("id").GetInt32();
    private static string Slug(JsonElement post) => post.GetProperty("slug").GetString()!;
    private static string Title(JsonElement post) => post.GetProperty("title").GetString()!;

    private static async Task<List<int>> ListedIdsAsync(HttpClient client, string query = "?limit=100")
    {
        var page = await (await client.GetAsync("/api/blog/posts" + query)).JsonAsync();
        return page.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).ToList();
    }
}
