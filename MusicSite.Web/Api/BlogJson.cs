using MusicSite.Blog;
using MusicSite.Common;

namespace MusicSite.Web.Api;

public sealed record BlogCategoryJson(int Id, string Name, string Slug, string? Description, string Url)
{
    public static BlogCategoryJson From(BlogCategoryItem c) => new(c.Id, c.Name, c.Slug, c.Description, BlogUrls.Category(c.Slug));
}

/// <summary>A post in the API's lists: state is draft, scheduled or published (only admins ever see the first two).</summary>
public sealed record BlogPostJson(int Id, string Title, string Slug, string Url, string Excerpt, BlogCategoryJson? Category,
    string? Author, DateTime? PublishedAt, DateTime UpdatedAt, string State)
{
    public static BlogPostJson From(BlogPostSummary p) => new(p.Id, p.Title, p.Slug, BlogUrls.Post(p.Slug), p.Excerpt,
        p.Category is null ? null : BlogCategoryJson.From(p.Category), p.AuthorName, p.PublishedAt, p.UpdatedAt, p.State.ToString().ToLowerInvariant());
}

/// <summary>A whole post: the Markdown as written and the sanitised HTML made from it.</summary>
public sealed record BlogPostDetailJson(int Id, string Title, string Slug, string Url, string Excerpt, BlogCategoryJson? Category,
    string? Author, DateTime? PublishedAt, DateTime CreatedAt, DateTime UpdatedAt, string State, string Markdown, string Html)
{
    public static BlogPostDetailJson From(BlogPostDetail p) => new(p.Id, p.Title, p.Slug, BlogUrls.Post(p.Slug), p.Excerpt,
        p.Category is null ? null : BlogCategoryJson.From(p.Category), p.AuthorName, p.PublishedAt, p.CreatedAt, p.UpdatedAt,
        p.State.ToString().ToLowerInvariant(), p.Markdown, p.Html);
}

/// <summary>The blog's page addresses, one place for the pages, the API and the feed.</summary>
public static class BlogUrls
{
    public const string Index = "/blog";
    public const string Feed = "/blog/feed.xml";
    public static string Post(string slug) => $"/blog/{slug}";
    public static string Category(string slug) => $"/blog/category/{slug}";
}
