using MusicSite.Common;

namespace MusicSite.Blog;

/// <summary>A post as an author sends it. A null <see cref="PublishedAt"/> keeps it a draft; a time in the future
/// schedules it. An empty slug means "make one from the title" (on create) or "keep the address" (on update).</summary>
public sealed record BlogPostInput(string? Title, string? Slug, string? Markdown, int? CategoryId, DateTimeOffset? PublishedAt);

/// <summary>A post's values once <see cref="BlogFields.Check"/> accepted them (what the audit log records).</summary>
public sealed record BlogPostValues(string Title, string? Slug, string Markdown, int? CategoryId, DateTime? PublishedAt);

/// <summary>The field rules of a blog post, the one owner of them for the API and the admin pages.</summary>
public static class BlogFields
{
    public static BlogPostValues? Check(BlogPostInput input, FieldErrors errors)
    {
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors.Add("title", "Give the post a title.");
        }
        else if (title.Length > BlogPost.TitleMaxLength)
        {
            errors.Add("title", $"Use at most {BlogPost.TitleMaxLength} characters for the title.");
        }
        TextRules.CheckSingleLine(title, "title", errors);

        var slug = string.IsNullOrWhiteSpace(input.Slug) ? null : input.Slug.Trim();
        if (slug is not null && (slug.Length > BlogPost.SlugMaxLength || MusicSite.Common.Slug.From(slug) != slug))
        {
            errors.Add("slug", $"Use lower-case letters, digits and single dashes (at most {BlogPost.SlugMaxLength}), or leave it empty.");
        }

        var markdown = input.Markdown ?? "";
        if (string.IsNullOrWhiteSpace(markdown))
        {
            errors.Add("markdown", "Write the post.");
        }
        else if (markdown.Length > BlogPost.MarkdownMaxLength)
        {
            errors.Add("markdown", $"Use at most {BlogPost.MarkdownMaxLength:N0} characters.");
        }
        TextRules.CheckMultiLine(markdown, "markdown", errors);

        var publishedAt = input.PublishedAt?.UtcDateTime;
        if (publishedAt is { Year: < 2000 or > 9000 })
        {
            errors.Add("publishedAt", "Choose a publication time between the years 2000 and 9000.");
        }
        return errors.Any ? null : new BlogPostValues(title, slug, markdown.Replace("\r\n", "\n", StringComparison.Ordinal), input.CategoryId, publishedAt);
    }
}
