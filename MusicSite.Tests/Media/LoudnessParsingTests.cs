using MusicSite.Media;

namespace MusicSite.Tests.Media;

/// <summary>LoudnessAnalyzer.Parse against saved ffmpeg ebur128 output: no ffmpeg needed.</summary>
public sealed class LoudnessParsingTests
{
    private static Loudness? Parse(string file) => LoudnessAnalyzer.Parse(SavedOutput.Read(Path.Combine("ebur128", file)));

    [Theory]
    [InlineData("tone.txt", -22.2, 20.0, -21.5)]
    [InlineData("clipped.txt", 2.7, 20.0, 0.3)]
    public void Parse_Summary_ReadsIntegratedRangeAndTruePeak(string file, double lufs, double range, double peak) =>
        Assert.Equal(new Loudness(lufs, range, peak), Parse(file));

    [Fact]
    public void Parse_Silence_IsTheGateFloorWithNoPeak()
    {
        var loudness = Parse("silence.txt");

        Assert.Equal(new Loudness(-70.0, 0.0, null), loudness);
        Assert.Equal(52.0, loudness!.ReplayGainDb);
    }

    [Fact]
    public void Parse_MinusInfinityIntegrated_ReadsAsTheGateFloor() =>
        Assert.Equal(new Loudness(-70.0, 0.0, null), Parse("inf-integrated.txt"));

    [Fact]
    public void Parse_WithoutPeakMeasurement_HasNoTruePeak() =>
        Assert.Equal(new Loudness(-21.8, 0.0, null), Parse("no-peak.txt"));

    [Fact]
    public void Parse_OutputCutBeforeTheSummary_IsNull_NotTheLastRunningValue() =>
        Assert.Null(Parse("no-summary.txt"));

    [Theory]
    [InlineData("")]
    [InlineData("Summary:")]
    [InlineData("Summary:\n  Integrated loudness:\n    I:  -20.0 LUFS\n")]
    public void Parse_IncompleteSummary_IsNull(string output) => Assert.Null(LoudnessAnalyzer.Parse(output));

    [Fact]
    public void ReplayGain_IsTheDistanceToMinus18Lufs() =>
        Assert.Equal(-4.2, new Loudness(-13.8, 5, -1).ReplayGainDb);
}
