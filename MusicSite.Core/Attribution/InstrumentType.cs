using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicSite.Attribution;

/// <summary>What a stem carries: kick, bass, lead vocals…, grouped by category.</summary>
public sealed class InstrumentType
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Category { get; set; } = "";
}

internal sealed class InstrumentTypeConfiguration : IEntityTypeConfiguration<InstrumentType>
{
    public void Configure(EntityTypeBuilder<InstrumentType> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(60).IsRequired();
        builder.Property(i => i.Category).HasMaxLength(30).IsRequired();
        builder.HasIndex(i => i.Name).IsUnique();
    }
}
