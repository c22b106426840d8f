namespace MusicSite.Blog;

/// <summary>Where a post stands at a given moment: a draft (no time), scheduled (a time to come) or published.</summary>
public enum BlogPostState
{
    Draft,
    Scheduled,
    Published,
}

public sealed record BlogCategoryItem(int Id, string Name, string Slug, string? Description);

/// <summary>A post in a list or a feed: its excerpt, not its body.</summary>
public sealed record BlogPostSummary(int Id, string Title, string Slug, string Excerpt, BlogCategoryItem? Category,
    string? AuthorName, DateTime? PublishedAt, DateTime UpdatedAt, BlogPostState State);

/// <summary>A whole post: the Markdown as written and the HTML made from it by <see cref="BlogMarkdown"/>.</summary>
public sealed record BlogPostDetail(int Id, string Title, string Slug, string Excerpt, BlogCategoryItem? Category,
    string? AuthorName, DateTime? PublishedAt, DateTime CreatedAt, DateTime UpdatedAt, BlogPostState State, string Markdown, string Html);

public static class BlogPostStates
{
    /// <summary>The one rule for when a post is public: it has a publication time and that time has come.</summary>
    public static BlogPostState At(DateTime? publishedAt, DateTime now) =>
        publishedAt is not { } at ? BlogPostState.Draft : at > now ? BlogPostState.Scheduled : BlogPostState.Published;
}
