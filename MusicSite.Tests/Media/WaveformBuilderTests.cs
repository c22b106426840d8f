using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MusicSite.Hosting;
using MusicSite.Media;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Media;

/// <summary>WaveformBuilder with real ffmpeg on tones synthesised here.</summary>
public sealed class WaveformBuilderTests : IDisposable
{
    private readonly TempDirectory _files = new("musicsite-waveform");
    private readonly WaveformBuilder _builder = new(new FfmpegRunner(Options.Create(new MediaToolOptions()), NullLogger<FfmpegRunner>.Instance));

    [Theory]
    [InlineData("0.05")]  // about -26 dB: drew a line 6 of 128 high before the peaks were normalised
    [InlineData("0.005")] // about -46 dB
    [InlineData("1")]
    public async Task BuildAsync_ToneAtAnyVolume_ReachesNearFullScale(string volume)
    {
        var path = Path.Combine(_files.Path, $"tone-{volume}.wav");
        Ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=4", "-af", $"volume={volume}", "-ac", "1", path);

        var waveform = await _builder.BuildAsync(path, 4, 200, CancellationToken.None);

        var highest = waveform.Data.Where((_, i) => i % 2 == 1).Select(d => (int)d).ToArray();
        var lowest = waveform.Data.Where((_, i) => i % 2 == 0).Select(d => (int)d).ToArray();
        Assert.Equal(127, highest.Max());
        Assert.True(lowest.Min() <= -126, $"lowest peak {lowest.Min()}");
        // A steady tone is steady everywhere: every slice reaches near the top, not only the loudest one.
        Assert.All(highest, h => Assert.InRange(h, 110, 127));
    }

    [Fact]
    public async Task BuildAsync_Silence_StaysFlat()
    {
        var path = Path.Combine(_files.Path, "silence.wav");
        Ffmpeg("-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono", "-t", "2", path);

        var waveform = await _builder.BuildAsync(path, 2, 50, CancellationToken.None);

        Assert.All(waveform.Data, d => Assert.Equal(0, d));
    }

    private static void Ffmpeg(params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("ffmpeg", ["-v", "error", "-y", .. arguments])
        {
            RedirectStandardError = true,
        })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
    }

    public void Dispose() => _files.Dispose();
}
