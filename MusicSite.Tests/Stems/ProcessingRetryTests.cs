using MusicSite.Hosting;
using MusicSite.Jobs;

namespace MusicSite.Tests.Stems;

/// <summary>The one retry rule of tracks and stems: backoff doubling per attempt, none after the last.</summary>
public sealed class ProcessingRetryTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, null)]
    [InlineData(4, null)]
    public void After_Attempts_BackoffDoublesUntilMax(int attempts, int? seconds)
    {
        var failure = ProcessingRetry.After(attempts, new ProcessingOptions { MaxAttempts = 3, RetryDelaySeconds = 30 });

        Assert.Equal(seconds is null ? null : TimeSpan.FromSeconds(seconds.Value), failure.RetryAfter);
        Assert.Equal((attempts, 3), (failure.Attempts, failure.MaxAttempts));
    }

    [Fact]
    public void Reason_LongText_IsCapped()
    {
        Assert.Equal(ProcessingRetry.MaxReasonLength, ProcessingRetry.Reason(new string('x', 5000)).Length);
        Assert.Equal("short", ProcessingRetry.Reason("short"));
    }
}
