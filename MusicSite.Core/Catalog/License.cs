using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicSite.Catalog;

/// <summary>A license a work can be published under, with what it lets others do.</summary>
public sealed class License
{
    /// <summary>The code of the license that grants nothing: every use needs the owner's permission.</summary>
    public const string AllRightsReservedCode = "all-rights-reserved";

    public int Id { get; set; }
    /// <summary>Stable machine code such as <c>cc-by-sa</c>.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Url { get; set; }
    public bool AllowsRemix { get; set; }
    public bool AllowsCommercial { get; set; }
    public bool RequiresAttribution { get; set; }
    public bool ShareAlike { get; set; }

    public bool IsAllRightsReserved => Code == AllRightsReservedCode;
}

internal sealed class LicenseConfiguration : IEntityTypeConfiguration<License>
{
    public void Configure(EntityTypeBuilder<License> builder)
    {
        builder.Property(l => l.Code).HasMaxLength(40).IsRequired();
        builder.Property(l => l.Name).HasMaxLength(100).IsRequired();
        builder.Property(l => l.Url).HasMaxLength(300);
        builder.HasIndex(l => l.Code).IsUnique();
    }
}
