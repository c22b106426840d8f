using MusicSite.Catalog;

namespace MusicSite.Tests.Playback;

/// <summary>The one rule for when a play counts: min(30 s, half the track).</summary>
public sealed class PlayThresholdTests
{
    [Theory]
    [InlineData(18.0, 9.0)]
    [InlineData(19.0, 9.5)]
    [InlineData(30.0, 15.0)]
    [InlineData(59.0, 29.5)]
    [InlineData(60.0, 30.0)]
    [InlineData(600.0, 30.0)]
    [InlineData(3.0, 1.5)]
    public void ThresholdSeconds_KnownLength_IsHalfTheTrackUpTo30Seconds(double duration, double expected) =>
        Assert.Equal(expected, PlayCounter.ThresholdSeconds(duration));

    [Theory]
    [InlineData(null)]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    public void ThresholdSeconds_UnknownLength_IsTheFull30Seconds(double? duration) =>
        Assert.Equal(30.0, PlayCounter.ThresholdSeconds(duration));
}
