using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicSite.Genres;

/// <summary>A node of the genre tree.</summary>
public sealed class Genre
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string? Description { get; set; }
    public int? ParentId { get; set; }
    public Genre? Parent { get; set; }
    public List<Genre> Children { get; set; } = [];
}

public enum GenreRelationKind
{
    Related,
    Similar,
}

/// <summary>A weighted cross-link between two genres outside the parent/child tree.</summary>
public sealed class GenreRelation
{
    public int FromGenreId { get; set; }
    public Genre? FromGenre { get; set; }
    public int ToGenreId { get; set; }
    public Genre? ToGenre { get; set; }
    public GenreRelationKind Kind { get; set; }
    public double Weight { get; set; }
}

/// <summary>One row of the genre tree's closure: <see cref="AncestorId"/> is <see cref="DescendantId"/> itself
/// (depth 0) or one of its ancestors (depth = levels between). Kept by database triggers on Genres, so every writer
/// (seeder, curation, a test) leaves it right; "a genre and everything below it" is one indexed lookup.</summary>
public sealed class GenreClosure
{
    public int AncestorId { get; set; }
    public int DescendantId { get; set; }
    public int Depth { get; set; }
}

/// <summary>A slug a genre had before a rename or a merge: its address answers with a permanent redirect to the
/// genre that has it now, and no new genre may take it.</summary>
public sealed class RetiredGenreSlug
{
    public string Slug { get; set; } = "";
    public int GenreId { get; set; }
    public DateTime RetiredAt { get; set; }
}

internal sealed class GenreConfiguration : IEntityTypeConfiguration<Genre>
{
    public void Configure(EntityTypeBuilder<Genre> builder)
    {
        builder.Property(g => g.Name).HasMaxLength(100).IsRequired();
        builder.Property(g => g.Slug).HasMaxLength(120).IsRequired();
        builder.Property(g => g.Description).HasMaxLength(500);
        builder.HasIndex(g => g.Slug).IsUnique();
        builder.HasOne(g => g.Parent).WithMany(g => g.Children).HasForeignKey(g => g.ParentId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GenreRelationConfiguration : IEntityTypeConfiguration<GenreRelation>
{
    public void Configure(EntityTypeBuilder<GenreRelation> builder)
    {
        builder.HasKey(r => new { r.FromGenreId, r.ToGenreId });
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(r => r.FromGenre).WithMany().HasForeignKey(r => r.FromGenreId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.ToGenre).WithMany().HasForeignKey(r => r.ToGenreId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GenreClosureConfiguration : IEntityTypeConfiguration<GenreClosure>
{
    public void Configure(EntityTypeBuilder<GenreClosure> builder)
    {
        builder.ToTable("GenreClosure");
        builder.HasKey(c => new { c.AncestorId, c.DescendantId });
        builder.HasIndex(c => new { c.DescendantId, c.Depth });
        builder.HasOne<Genre>().WithMany().HasForeignKey(c => c.AncestorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Genre>().WithMany().HasForeignKey(c => c.DescendantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RetiredGenreSlugConfiguration : IEntityTypeConfiguration<RetiredGenreSlug>
{
    public void Configure(EntityTypeBuilder<RetiredGenreSlug> builder)
    {
        builder.HasKey(s => s.Slug);
        builder.Property(s => s.Slug).HasMaxLength(120);
        builder.HasIndex(s => s.GenreId);
        builder.HasOne<Genre>().WithMany().HasForeignKey(s => s.GenreId).OnDelete(DeleteBehavior.Cascade);
    }
}
