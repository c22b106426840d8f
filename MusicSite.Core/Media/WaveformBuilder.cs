using System.Text.Json;
using System.Text.Json.Serialization;

namespace MusicSite.Media;

/// <summary>The waveform the player draws: min/max pairs over the whole track, 8-bit, in an
/// audiowaveform-style JSON document.</summary>
public sealed record Waveform(int SampleRate, int SamplesPerPixel, int Length, sbyte[] Data)
{
    public WaveformDocument ToJson() =>
        new(Version: 2, Channels: 1, SampleRate, SamplesPerPixel, Bits: 8, Length, Data.Select(d => (int)d).ToArray());
}

/// <summary>The waveform as stored and served (GET /api/music/tracks/{id}/waveform): audiowaveform's JSON format,
/// one channel, min/max pairs in <see cref="Data"/>.</summary>
public sealed record WaveformDocument(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("channels")] int Channels,
    [property: JsonPropertyName("sample_rate")] int SampleRate,
    [property: JsonPropertyName("samples_per_pixel")] int SamplesPerPixel,
    [property: JsonPropertyName("bits")] int Bits,
    [property: JsonPropertyName("length")] int Length,
    [property: JsonPropertyName("data")] int[] Data);

/// <summary>Decodes the track once to 8 kHz mono and keeps the lowest and highest sample of each slice.</summary>
public sealed class WaveformBuilder(FfmpegRunner runner)
{
    public const int AnalysisSampleRate = 8000;

    public async Task<Waveform> BuildAsync(string path, double durationSeconds, int points, CancellationToken cancellationToken)
    {
        var peaks = new WaveformPeaks(durationSeconds, points, AnalysisSampleRate);
        var result = await runner.RunFfmpegStreamingAsync(
            ["-protocol_whitelist", "file", "-i", path, "-map", "0:a:0", "-ac", "1", "-ar", AnalysisSampleRate.ToString(),
             "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1"],
            async (output, ct) =>
            {
                var buffer = new byte[64 * 1024];
                int read;
                while ((read = await output.ReadAsync(buffer, ct)) > 0)
                {
                    peaks.Add(buffer.AsSpan(0, read));
                }
            },
            cancellationToken);
        if (!result.Succeeded)
        {
            throw result.Failure("The waveform could not be drawn");
        }
        return peaks.ToWaveform();
    }

    public static async Task WriteAsync(Waveform waveform, string path, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp";
        await using (var file = File.Create(temp))
        {
            await JsonSerializer.SerializeAsync(file, waveform.ToJson(), cancellationToken: cancellationToken);
        }
        File.Move(temp, path, overwrite: true);
    }
}
