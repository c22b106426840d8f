using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicSite.Admin;

/// <summary>One recorded change: who made it, when, from where, to what, and the values before and after.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>The acting account, or null for the system (and after the account is deleted).</summary>
    public int? ActorId { get; set; }
    /// <summary>The actor's name at the time, kept when the account goes.</summary>
    public string ActorName { get; set; } = "";
    /// <summary>What happened, as "area.verb": <c>genre.create</c>, <c>genre.merge</c>.</summary>
    public string Action { get; set; } = "";
    /// <summary>The kind of thing changed: <c>Genre</c>, <c>GenreRelation</c>.</summary>
    public string EntityType { get; set; } = "";
    public string? EntityId { get; set; }
    /// <summary>The changed values before, as a JSON object; null for a creation.</summary>
    public string? Before { get; set; }
    /// <summary>The values after, as a JSON object; null for a deletion.</summary>
    public string? After { get; set; }
    public string? ClientAddress { get; set; }
    public string? UserAgent { get; set; }

    public const int UserAgentMaxLength = 300;
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.ActorName).HasMaxLength(256).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(60).IsRequired();
        builder.Property(a => a.EntityType).HasMaxLength(40).IsRequired();
        builder.Property(a => a.EntityId).HasMaxLength(40);
        builder.Property(a => a.ClientAddress).HasMaxLength(64);
        builder.Property(a => a.UserAgent).HasMaxLength(AuditEntry.UserAgentMaxLength);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
        builder.HasIndex(a => a.ActorId);
        builder.HasOne<Accounts.AppUser>().WithMany().HasForeignKey(a => a.ActorId).OnDelete(DeleteBehavior.SetNull);
    }
}
