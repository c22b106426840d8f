using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicSite.Accounts;

namespace MusicSite.Blog;

/// <summary>A blog post in Markdown. Null <see cref="PublishedAt"/> is a draft; a time in the future is scheduled
/// (the post shows from then on, with no job needed).</summary>
public sealed class BlogPost
{
    public const int TitleMaxLength = 200;
    public const int SlugMaxLength = 200;
    public const int MarkdownMaxLength = 100_000;
    public const int ExcerptMaxLength = 400;

    public int Id { get; set; }
    public string Title { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Markdown { get; set; } = "";
    /// <summary>Plain text taken from the Markdown when saved, for lists and feeds.</summary>
    public string Excerpt { get; set; } = "";
    public int? CategoryId { get; set; }
    public BlogCategory? Category { get; set; }
    public int? AuthorId { get; set; }
    public AppUser? Author { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public sealed class BlogCategory
{
    public const int NameMaxLength = 60;
    public const int SlugMaxLength = 80;
    public const int DescriptionMaxLength = 500;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string? Description { get; set; }
}

internal sealed class BlogPostConfiguration : IEntityTypeConfiguration<BlogPost>
{
    public void Configure(EntityTypeBuilder<BlogPost> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(BlogPost.TitleMaxLength).IsRequired();
        builder.Property(p => p.Slug).HasMaxLength(BlogPost.SlugMaxLength).IsRequired();
        builder.Property(p => p.Markdown).HasMaxLength(BlogPost.MarkdownMaxLength).IsRequired();
        builder.Property(p => p.Excerpt).HasMaxLength(BlogPost.ExcerptMaxLength).IsRequired();
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.HasIndex(p => p.PublishedAt);
        builder.HasIndex(p => new { p.CategoryId, p.PublishedAt });
        builder.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(p => p.Author).WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class BlogCategoryConfiguration : IEntityTypeConfiguration<BlogCategory>
{
    public void Configure(EntityTypeBuilder<BlogCategory> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(BlogCategory.NameMaxLength).IsRequired();
        builder.Property(c => c.Slug).HasMaxLength(BlogCategory.SlugMaxLength).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(BlogCategory.DescriptionMaxLength);
        builder.HasIndex(c => c.Slug).IsUnique();
    }
}
