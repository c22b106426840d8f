using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Blog;

/// <summary>
/// Reading the blog. Visitors see published posts only (<see cref="BlogPostStates.At"/> on the site's clock):
/// drafts and scheduled posts are missing for them, as if they did not exist; admins see every post.
/// </summary>
public sealed class BlogPosts(MusicSiteDbContext db, TimeProvider clock)
{
    public const int FeedSize = 20;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Published posts, newest first, optionally of one category.</summary>
    public async Task<(IReadOnlyList<BlogPostSummary> Items, int Total)> PublishedAsync(int? categoryId, int page, int limit,
        CancellationToken cancellationToken)
    {
        var now = Now;
        var posts = db.BlogPosts.AsNoTracking().Where(p => p.PublishedAt != null && p.PublishedAt <= now);
        if (categoryId is { } id)
        {
            posts = posts.Where(p => p.CategoryId == id);
        }
        var total = await posts.CountAsync(cancellationToken);
        var rows = await Summaries(posts.OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id)
            .Skip(Paging.Offset(page, limit)).Take(limit)).ToListAsync(cancellationToken);
        return (rows.Select(r => r.ToSummary(now)).ToList(), total);
    }

    /// <summary>Every post for the admin list: drafts first, then by publication time, newest first.</summary>
    public async Task<(IReadOnlyList<BlogPostSummary> Items, int Total)> AllAsync(int page, int limit, CancellationToken cancellationToken)
    {
        var now = Now;
        var posts = db.BlogPosts.AsNoTracking();
        var total = await posts.CountAsync(cancellationToken);
        var rows = await Summaries(posts.OrderBy(p => p.PublishedAt != null).ThenByDescending(p => p.PublishedAt)
            .ThenByDescending(p => p.Id).Skip(Paging.Offset(page, limit)).Take(limit)).ToListAsync(cancellationToken);
        return (rows.Select(r => r.ToSummary(now)).ToList(), total);
    }

    /// <summary>The newest published posts for the feed, and when the newest of them last changed.</summary>
    public async Task<IReadOnlyList<BlogPostDetail>> FeedAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var ids = await db.BlogPosts.AsNoTracking().Where(p => p.PublishedAt != null && p.PublishedAt <= now)
            .OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id).Select(p => p.Id).Take(FeedSize)
            .ToListAsync(cancellationToken);
        var posts = await Details(db.BlogPosts.AsNoTracking().Where(p => ids.Contains(p.Id))).ToListAsync(cancellationToken);
        return posts.Select(p => p.ToDetail(now)).OrderByDescending(p => p.PublishedAt).ThenByDescending(p => p.Id).ToList();
    }

    public Task<BlogPostDetail?> FindAsync(int id, bool isAdmin, CancellationToken cancellationToken) =>
        FindWhereAsync(db.BlogPosts.Where(p => p.Id == id), isAdmin, cancellationToken);

    public Task<BlogPostDetail?> FindBySlugAsync(string slug, bool isAdmin, CancellationToken cancellationToken) =>
        FindWhereAsync(db.BlogPosts.Where(p => p.Slug == slug), isAdmin, cancellationToken);

    public async Task<IReadOnlyList<BlogCategoryItem>> CategoriesAsync(CancellationToken cancellationToken) =>
        await db.BlogCategories.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new BlogCategoryItem(c.Id, c.Name, c.Slug, c.Description)).ToListAsync(cancellationToken);

    /// <summary>A category named by its slug or its id (digits), or null.</summary>
    public async Task<BlogCategoryItem?> FindCategoryAsync(string slugOrId, CancellationToken cancellationToken)
    {
        var categories = db.BlogCategories.AsNoTracking();
        categories = int.TryParse(slugOrId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? categories.Where(c => c.Id == id)
            : categories.Where(c => c.Slug == slugOrId);
        return await categories.Select(c => new BlogCategoryItem(c.Id, c.Name, c.Slug, c.Description))
            .FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<BlogPostDetail?> FindWhereAsync(IQueryable<BlogPost> posts, bool isAdmin, CancellationToken cancellationToken)
    {
        var now = Now;
        if (!isAdmin)
        {
            posts = posts.Where(p => p.PublishedAt != null && p.PublishedAt <= now);
        }
        var row = await Details(posts.AsNoTracking()).FirstOrDefaultAsync(cancellationToken);
        return row?.ToDetail(now);
    }

    private static IQueryable<Row> Summaries(IQueryable<BlogPost> posts) => posts.Select(p => new Row(p.Id, p.Title, p.Slug,
        p.Excerpt, p.Category == null ? null : new BlogCategoryItem(p.Category.Id, p.Category.Name, p.Category.Slug, p.Category.Description),
        p.Author == null ? null : p.Author.DisplayName, p.PublishedAt, p.CreatedAt, p.UpdatedAt, null));

    private static IQueryable<Row> Details(IQueryable<BlogPost> posts) => posts.Select(p => new Row(p.Id, p.Title, p.Slug,
        p.Excerpt, p.Category == null ? null : new BlogCategoryItem(p.Category.Id, p.Category.Name, p.Category.Slug, p.Category.Description),
        p.Author == null ? null : p.Author.DisplayName, p.PublishedAt, p.CreatedAt, p.UpdatedAt, p.Markdown));

    private sealed record Row(int Id, string Title, string Slug, string Excerpt, BlogCategoryItem? Category, string? AuthorName,
        DateTime? PublishedAt, DateTime CreatedAt, DateTime UpdatedAt, string? Markdown)
    {
        public BlogPostSummary ToSummary(DateTime now) =>
            new(Id, Title, Slug, Excerpt, Category, AuthorName, PublishedAt, UpdatedAt, BlogPostStates.At(PublishedAt, now));

        public BlogPostDetail ToDetail(DateTime now) =>
            new(Id, Title, Slug, Excerpt, Category, AuthorName, PublishedAt, CreatedAt, UpdatedAt, BlogPostStates.At(PublishedAt, now),
                Markdown ?? "", BlogMarkdown.ToHtml(Markdown ?? ""));
    }
}
