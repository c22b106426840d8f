using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MusicSite.Accounts;

namespace MusicSite.Moderation;

/// <summary>What a listener can report.</summary>
public enum ReportTarget
{
    Track,
    Comment,
}

/// <summary>Why: a fixed list, so the admin list can group and count.</summary>
public enum ReportReason
{
    Spam,
    Abuse,
    Copyright,
    Other,
}

/// <summary>How an admin closed a report: nothing to do, or what was done to its target.</summary>
public enum ReportOutcome
{
    Dismissed,
    Unpublished,
    Removed,
}

/// <summary>
/// A listener's report of a track or a comment, open until an admin resolves it. The target is named by kind and
/// id without a foreign key, so a report (and how it was resolved) outlives a removed target. One open report per
/// reporter and target (a unique index over the open ones).
/// </summary>
public sealed class ContentReport
{
    public const int DetailsMaxLength = 1000;

    public int Id { get; set; }
    public int ReporterId { get; set; }
    public AppUser? Reporter { get; set; }
    public ReportTarget TargetType { get; set; }
    public int TargetId { get; set; }
    public ReportReason Reason { get; set; }
    public string? Details { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public int? ResolvedById { get; set; }
    public ReportOutcome? Outcome { get; set; }
}

internal sealed class ContentReportConfiguration : IEntityTypeConfiguration<ContentReport>
{
    public void Configure(EntityTypeBuilder<ContentReport> builder)
    {
        builder.Property(r => r.TargetType).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Reason).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Details).HasMaxLength(ContentReport.DetailsMaxLength);
        builder.HasIndex(r => new { r.ReporterId, r.TargetType, r.TargetId }).IsUnique().HasFilter("\"ResolvedAt\" IS NULL");
        builder.HasIndex(r => new { r.TargetType, r.TargetId });
        builder.HasIndex(r => new { r.ResolvedAt, r.CreatedAt });
        builder.HasOne(r => r.Reporter).WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.ResolvedById).OnDelete(DeleteBehavior.SetNull);
    }
}
