using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MusicSite.Admin;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Blog;

/// <summary>
/// Writing the blog (admins): create, update, delete. Field rules are <see cref="BlogFields"/>'s, the excerpt
/// <see cref="BlogMarkdown"/>'s. A slug made from the title gets a number when taken ("welcome-2"); a slug the author
/// chose that another post has is refused (SLUG_TAKEN). Each write and its audit entry commit together.
/// </summary>
public sealed class BlogEditor(MusicSiteDbContext db, AuditLog audit, BlogPosts posts, TimeProvider clock)
{
    internal const string EntityType = "BlogPost";

    public async Task<ServiceResult<BlogPostDetail>> CreateAsync(BlogPostInput input, AuditActor actor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (BlogFields.Check(input, errors) is not { } values)
        {
            return ServiceResult<BlogPostDetail>.Invalid(errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await MissingCategoryAsync(values.CategoryId, cancellationToken))
        {
            return CategoryMissing();
        }
        string slug;
        if (values.Slug is { } chosen)
        {
            if (await db.BlogPosts.AnyAsync(p => p.Slug == chosen, cancellationToken))
            {
                return SlugTaken();
            }
            slug = chosen;
        }
        else
        {
            slug = await FreeSlugAsync(values.Title, cancellationToken);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var post = new BlogPost
        {
            Title = values.Title, Slug = slug, Markdown = values.Markdown, Excerpt = BlogMarkdown.Excerpt(values.Markdown),
            CategoryId = values.CategoryId, PublishedAt = values.PublishedAt, AuthorId = actor.UserId, CreatedAt = now, UpdatedAt = now,
        };
        db.BlogPosts.Add(post);
        if (!await SaveAsync(cancellationToken))
        {
            return SlugTaken();
        }
        audit.Record(actor, "blog.create", EntityType, post.Id, null, Audited(post));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ServiceResult<BlogPostDetail>.Ok((await posts.FindAsync(post.Id, isAdmin: true, cancellationToken))!);
    }

    /// <summary>Sets every value; an empty slug keeps the post's address.</summary>
    public async Task<ServiceResult<BlogPostDetail>> UpdateAsync(int id, BlogPostInput input, AuditActor actor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (BlogFields.Check(input, errors) is not { } values)
        {
            return ServiceResult<BlogPostDetail>.Invalid(errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.BlogPosts.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } post)
        {
            return PostMissing<BlogPostDetail>();
        }
        if (await MissingCategoryAsync(values.CategoryId, cancellationToken))
        {
            return CategoryMissing();
        }
        var slug = values.Slug ?? post.Slug;
        if (slug != post.Slug && await db.BlogPosts.AnyAsync(p => p.Slug == slug && p.Id != id, cancellationToken))
        {
            return SlugTaken();
        }
        var before = Audited(post);
        (post.Title, post.Slug, post.Markdown, post.CategoryId, post.PublishedAt) =
            (values.Title, slug, values.Markdown, values.CategoryId, values.PublishedAt);
        post.Excerpt = BlogMarkdown.Excerpt(values.Markdown);
        var after = Audited(post);
        if (before != after)
        {
            post.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            audit.Record(actor, "blog.update", EntityType, id, before, after);
            if (!await SaveAsync(cancellationToken))
            {
                return SlugTaken();
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return ServiceResult<BlogPostDetail>.Ok((await posts.FindAsync(id, isAdmin: true, cancellationToken))!);
    }

    public async Task<ServiceResult<bool>> DeleteAsync(int id, AuditActor actor, CancellationToken cancellationToken)
    {
        if (await db.BlogPosts.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } post)
        {
            return PostMissing<bool>();
        }
        db.BlogPosts.Remove(post);
        audit.Record(actor, "blog.delete", EntityType, id, Audited(post), null);
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>The slug from <paramref name="title"/>, with the first free number added when another post has it.</summary>
    internal async Task<string> FreeSlugAsync(string title, CancellationToken cancellationToken)
    {
        var stem = Slug.From(title);
        stem = stem.Length == 0 ? "post" : stem[..Math.Min(stem.Length, BlogPost.SlugMaxLength - 8)].TrimEnd('-');
        var taken = (await db.BlogPosts.Where(p => p.Slug == stem || p.Slug.StartsWith(stem + "-"))
            .Select(p => p.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        if (!taken.Contains(stem))
        {
            return stem;
        }
        var n = 2;
        while (taken.Contains($"{stem}-{n}"))
        {
            n++;
        }
        return $"{stem}-{n}";
    }

    private async Task<bool> MissingCategoryAsync(int? categoryId, CancellationToken cancellationToken) =>
        categoryId is { } id && !await db.BlogCategories.AnyAsync(c => c.Id == id, cancellationToken);

    private async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 })
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>What the audit log keeps of a post: its values, and of its Markdown the length and a hash.</summary>
    private static AuditedPost Audited(BlogPost post) =>
        new AuditedPost(post.Title, post.Slug, post.CategoryId, post.PublishedAt, post.Markdown.Length,
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(post.Markdown)))[..16]);

    private sealed record AuditedPost(string Title, string Slug, int? CategoryId, DateTime? PublishedAt, int MarkdownLength, string MarkdownSha256);

    private static ServiceResult<BlogPostDetail> SlugTaken() =>
        ServiceResult<BlogPostDetail>.Invalid("slug", "Another post already has this address: choose another slug.", ErrorCodes.SlugTaken);

    private static ServiceResult<BlogPostDetail> CategoryMissing() =>
        ServiceResult<BlogPostDetail>.Invalid("categoryId", "No blog category has this id.", ErrorCodes.CategoryNotFound);

    internal static ServiceResult<T> PostMissing<T>() =>
        ServiceResult<T>.Invalid("id", "No blog post has this id.", ErrorCodes.PostNotFound);
}
