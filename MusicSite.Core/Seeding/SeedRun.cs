using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicSite.Seeding;

/// <summary>Marks a seed set as applied, so a restart never seeds twice.</summary>
public sealed class SeedRun
{
    public string Name { get; set; } = "";
    public DateTime AppliedAt { get; set; }
}

internal sealed class SeedRunConfiguration : IEntityTypeConfiguration<SeedRun>
{
    public void Configure(EntityTypeBuilder<SeedRun> builder)
    {
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(50);
    }
}
