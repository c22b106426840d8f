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
