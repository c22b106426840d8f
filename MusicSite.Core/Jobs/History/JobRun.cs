using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MusicSite.Jobs.History;

/// <summary>One finished run of a scheduled job, as <see cref="JobRunRecorder"/> saw it end: which job, when, on which
/// scheduler node, how it ended and, for a failed media job, the tail of the failing ffmpeg/ffprobe call's stderr.</summary>
public sealed class JobRun
{
    public const int ErrorMaxLength = 1000;

    public long Id { get; set; }
    public string JobGroup { get; set; } = "";
    public string JobName { get; set; } = "";
    /// <summary>The job's description, or its class name when it has none.</summary>
    public string? Description { get; set; }
    /// <summary>Identifies this firing in the scheduler (one trigger firing, one run).</summary>
    public string FireInstanceId { get; set; } = "";
    /// <summary>The scheduler instance (node) that ran it.</summary>
    public string Node { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime EndedAt { get; set; }
    /// <summary>One of <see cref="JobOutcomes"/>.</summary>
    public string Outcome { get; set; } = JobOutcomes.Succeeded;
    public string? Error { get; set; }
    /// <summary>The stderr tail of the failing media tool, at most <see cref="Media.ToolResult.LogCapChars"/> characters.</summary>
    public string? ToolLog { get; set; }
    /// <summary>"track" or "stem" (see <see cref="JobSubject"/>), null for a job about no one thing.</summary>
    public string? SubjectType { get; set; }
    public int? SubjectId { get; set; }

    public JobSubject? Subject => SubjectType is { } type && SubjectId is { } id ? new JobSubject(type, id) : null;
}

/// <summary>How a run ended.</summary>
public static class JobOutcomes
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Succeeded, Failed, Cancelled];
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.Property(r => r.JobGroup).HasMaxLength(200).IsRequired();
        builder.Property(r => r.JobName).HasMaxLength(200).IsRequired();
        builder.Property(r => r.Description).HasMaxLength(500);
        builder.Property(r => r.FireInstanceId).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Node).HasMaxLength(200).IsRequired();
        builder.Property(r => r.Outcome).HasMaxLength(20).IsRequired();
        builder.Property(r => r.Error).HasMaxLength(JobRun.ErrorMaxLength);
        builder.Property(r => r.SubjectType).HasMaxLength(20);
        builder.Ignore(r => r.Subject);
        builder.HasIndex(r => r.StartedAt);
        builder.HasIndex(r => new { r.Outcome, r.StartedAt });
        builder.HasIndex(r => new { r.SubjectType, r.SubjectId });
    }
}
