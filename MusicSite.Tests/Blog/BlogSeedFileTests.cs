using AngleSharp.Html.Parser;
using MusicSite.Blog;
using MusicSite.Seeding;

namespace MusicSite.Tests.Blog;

/// <summary>The blog's seed files (seeds/blog): each post has front matter the seeder reads, a known category, a
/// publication time in the past, a distinct slug, and Markdown whose links stay links after sanitising.</summary>
public sealed class BlogSeedFileTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "seeds", "blog");

    [Fact]
    public void SeedPosts_AreWholeAndPublished()
    {
        var categories = BlogSeeder.ReadCategories(Path.Combine(Folder, "categories.txt")).Select(c => c.Name).ToHashSet();
        var posts = BlogSeeder.ReadPosts(Folder);
        var now = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.True(posts.Count >= 3, $"only {posts.Count} posts");
        Assert.True(categories.Count >= 2);
        Assert.Equal(posts.Count, posts.Select(p => MusicSite.Common.Slug.From(p.Title)).Distinct().Count());
        Assert.All(posts, p =>
        {
            Assert.Contains(p.Category!, categories);
            Assert.True(BlogSeeder.PublishedAt(p, now) <= now, p.FileName);
            Assert.True(p.Markdown.Length > 400, p.FileName);
            Assert.DoesNotContain("---", p.Markdown[..10]);
            var html = new HtmlParser().ParseDocument(BlogMarkdown.ToHtml(p.Markdown));
            Assert.NotNull(html.QuerySelector("p"));
            Assert.All(html.QuerySelectorAll("a"), a => Assert.True(BlogMarkdown.IsAllowedUrl(a.GetAttribute("href")), a.OuterHtml));
        });
    }

    [Theory]
    [InlineData("-30d", -30)]
    [InlineData("+2d", 2)]
    [InlineData("0d", 0)]
    public void PublishedAt_OffsetsAreDaysFromSeeding(string published, int days)
    {
        var now = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

        Assert.Equal(now.AddDays(days), BlogSeeder.PublishedAt(new BlogPostSeed("x.md", "X", null, published, "x"), now));
    }

    [Fact]
    public void PublishedAt_DraftAndDates()
    {
        var now = DateTime.UtcNow;

        Assert.Null(BlogSeeder.PublishedAt(new BlogPostSeed("x.md", "X", null, "draft", "x"), now));
        Assert.Equal(new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc),
            BlogSeeder.PublishedAt(new BlogPostSeed("x.md", "X", null, "2026-11-20", "x"), now));
        Assert.Throws<InvalidDataException>(() => BlogSeeder.PublishedAt(new BlogPostSeed("x.md", "X", null, "soon", "x"), now));
    }
}
