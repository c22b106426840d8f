using System.Net.Http.Json;
using MusicSite.Blog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Blog;

/// <summary>A published post in a category for the showcase site's audited blog pages.</summary>
public sealed record ShowcasePost(int Id, string Slug, string CategorySlug);

public static class ShowcaseBlog
{
    public const string Markdown = """
        MusicSite keeps **credits** with the work. A few things to try:

        - Browse the [catalog](/tracks) by genre.
        - Read about [licenses](https://creativecommons.org/licenses/).
        - Visit https://example.com for more.

        | Format | Kept |
        | --- | --- |
        | FLAC | yes |

        `code` and a quote:

        > Remix responsibly.
        """;

    public static async Task<ShowcasePost> AddAsync(MusicSiteFactory site)
    {
        var category = await site.WithDbAsync(async db =>
        {
            var c = new BlogCategory { Name = "Guides", Slug = "guides", Description = "How to get things done on MusicSite." };
            db.BlogCategories.Add(c);
            await db.SaveChangesAsync();
            return c;
        });
        var admin = await site.BearerClientAsync(TrackUploads.AdminEmail, TrackUploads.AdminPassword);
        var response = await admin.PostAsJsonAsync("/api/blog/posts", new
        {
            title = "How credits travel with your music",
            markdown = Markdown,
            categoryId = category.Id,
            publishedAt = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        });
        Assert.Equal(201, (int)response.StatusCode);
        var post = await response.JsonAsync();
        return new ShowcasePost(post.GetProperty("id").GetInt32(), post.GetProperty("slug").GetString()!, category.Slug);
    }
}
