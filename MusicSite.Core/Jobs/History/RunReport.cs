using MusicSite.Media;
using Quartz;

namespace MusicSite.Jobs.History;

/// <summary>
/// How a job says its run ended when it handles its own failure (the processing jobs record a failed attempt and
/// return normally, so the scheduler alone would call the run a success). Set as <see cref="IJobExecutionContext.Result"/>;
/// <see cref="JobRunRecorder"/> reads it.
/// </summary>
public sealed record RunReport(string Outcome, string? Error, string? ToolLog)
{
    public const string CancelledByAdmin = "Cancelled by an admin.";

    /// <summary>A failure with its reason and, for a media tool's failure, the tail of the tool's stderr.</summary>
    public static RunReport Failed(string reason, Exception exception) =>
        new(JobOutcomes.Failed, reason, (exception as MediaToolException)?.ToolLog);

    public static RunReport Cancelled(string reason) => new(JobOutcomes.Cancelled, reason, null);
}
