using MusicSite.Hosting;

namespace MusicSite.Jobs;

/// <summary>A failed processing attempt: how many were made, and when to try again (null: never).</summary>
public sealed record ProcessingFailure(int Attempts, int MaxAttempts, TimeSpan? RetryAfter);

/// <summary>
/// The one rule for what follows a failed processing attempt, of a track or a stem: another attempt after an
/// exponential backoff (<see cref="ProcessingOptions.RetryDelaySeconds"/> doubled per attempt) while attempts remain,
/// failed for good after <see cref="ProcessingOptions.MaxAttempts"/>.
/// </summary>
public static class ProcessingRetry
{
    /// <summary>The longest failure reason kept on a row.</summary>
    public const int MaxReasonLength = 1000;

    public static ProcessingFailure After(int attempts, ProcessingOptions options) =>
        new(attempts, options.MaxAttempts, attempts < options.MaxAttempts
            ? TimeSpan.FromSeconds(options.RetryDelaySeconds * Math.Pow(2, Math.Max(0, attempts - 1)))
            : null);

    /// <summary>The failure reason as stored: capped at <see cref="MaxReasonLength"/>.</summary>
    public static string Reason(string reason) => reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason;
}
