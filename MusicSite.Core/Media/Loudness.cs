using System.Globalization;
using System.Text.RegularExpressions;

namespace MusicSite.Media;

/// <summary>EBU R128 measurements of a track, and the ReplayGain 2 track gain that follows from them.</summary>
public sealed record Loudness(double IntegratedLufs, double LoudnessRangeLu, double? TruePeakDbtp)
{
    /// <summary>ReplayGain 2.0 plays tracks at -18 LUFS.</summary>
    public const double ReplayGainReferenceLufs = -18.0;

    public double ReplayGainDb => Math.Round(ReplayGainReferenceLufs - IntegratedLufs, 2);
}

/// <summary>Measures loudness with ffmpeg's ebur128 filter: one decode of the file.</summary>
public sealed partial class LoudnessAnalyzer(FfmpegRunner runner)
{
    public async Task<Loudness> MeasureAsync(string path, CancellationToken cancellationToken)
    {
        var result = await runner.RunFfmpegAsync(
            ["-protocol_whitelist", "file", "-i", path, "-map", "0:a:0", "-af", "ebur128=peak=true", "-f", "null", "-"],
            cancellationToken, logLevel: "info");
        if (!result.Succeeded)
        {
            throw result.Failure("Loudness could not be measured");
        }
        return Parse(result.StandardError) ?? throw new MediaToolException("ffmpeg printed no loudness summary.");
    }

    /// <summary>Reads the "Summary:" block ebur128 prints when it finishes.</summary>
    public static Loudness? Parse(string ffmpegOutput)
    {
        var summary = ffmpegOutput.LastIndexOf("Summary:", StringComparison.Ordinal);
        if (summary < 0)
        {
            return null;
        }
        var text = ffmpegOutput[summary..];
        var integrated = IntegratedPattern().Match(text);
        var range = RangePattern().Match(text);
        var peak = PeakPattern().Match(text);
        if (!integrated.Success || !range.Success)
        {
            return null;
        }
        return new Loudness(Number(integrated.Groups[1].Value) ?? -70.0, Number(range.Groups[1].Value) ?? 0,
            peak.Success ? Number(peak.Groups[1].Value) : null);
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    [GeneratedRegex(@"\bI:\s+(-?[\d.]+|-inf)\s+LUFS")]
    private static partial Regex IntegratedPattern();

    [GeneratedRegex(@"\bLRA:\s+(-?[\d.]+)\s+LU\b")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"\bPeak:\s+(-?[\d.]+|-inf)\s+dBFS")]
    private static partial Regex PeakPattern();
}
