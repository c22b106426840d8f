using MusicSite.Jobs.History;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Jobs;

/// <summary>The showcase's job history: a failed run with an ffmpeg log, so the run page shows its log.</summary>
public static class ShowcaseJobs
{
    public static Task<long> AddFailedRunAsync(MusicSiteFactory site, int trackId) => site.WithDbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        var run = new JobRun
        {
            JobGroup = "tracks", JobName = $"process-track-{trackId}", Description = nameof(MusicSite.Jobs.ProcessTrackJob),
            FireInstanceId = "showcase", Node = "showcase-node", StartedAt = now.AddSeconds(-4), EndedAt = now,
            Outcome = JobOutcomes.Failed, Error = "Loudness could not be measured: Invalid data found when processing input",
            ToolLog = "[mp3 @ 0x5581] Header missing\n[in#0 @ 0x5582] Error opening input: Invalid data found when processing input\n"
                      + "Error opening input files: Invalid data found when processing input",
            SubjectType = JobSubject.Track, SubjectId = trackId,
        };
        db.JobRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    });
}
