using MusicSite.Common;
using MusicSite.Jobs.History;
using MusicSite.Web.Components.Shared;

namespace MusicSite.Web.Components.Pages.Admin.Jobs;

/// <summary>What the jobs pages say: the status after an action, the problem for an error code, how a subject reads.</summary>
public static class JobMessages
{
    public static string? Done(string? done) => done switch
    {
        "retried" => "The job is queued to run again.",
        "cancelled" => "The job is cancelled.",
        _ => null,
    };

    public static string? Problem(string? code) => code switch
    {
        null or "" => null,
        ErrorCodes.JobNotFound => "That job, run, track or stem no longer exists.",
        ErrorCodes.JobNotRetryable => "That job cannot be run again now: it is running, or the scheduler no longer has it.",
        ErrorCodes.JobNotCancellable => "Nothing of that job was pending or running to cancel. A recurring schedule is kept.",
        "confirm" => "Tick the box to confirm the cancel.",
        _ => "That did not work. Try again from the list.",
    };

    public static string SubjectLabel(JobSubject subject, string? name = null) =>
        (subject.Type == JobSubject.Stem ? "Stem" : "Track") + (name is null ? $" {subject.Id}" : $" “{name}”");

    public static string SubjectHref(JobSubject subject) =>
        subject.Type == JobSubject.Stem ? $"/stems/{subject.Id}" : $"/tracks/{subject.Id}";

    public static string CancelHref(string group, string name) =>
        $"/admin/jobs/cancel?group={Uri.EscapeDataString(group)}&name={Uri.EscapeDataString(name)}";

    public static string Outcome(string outcome) => outcome switch
    {
        JobOutcomes.Succeeded => "Succeeded",
        JobOutcomes.Failed => "Failed",
        JobOutcomes.Cancelled => "Cancelled",
        _ => outcome,
    };

    public static string Took(DateTime started, DateTime ended)
    {
        var seconds = Math.Max(0, (ended - started).TotalSeconds);
        return seconds < 60 ? $"{seconds:0.#} s" : Format.Duration(seconds);
    }
}
