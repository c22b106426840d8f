using System.Buffers.Binary;
using System.Text.Json;

namespace MusicSite.Media;

/// <summary>The waveform the player draws: min/max pairs over the whole track, 8-bit, in an
/// audiowaveform-style JSON document.</summary>
public sealed record Waveform(int SampleRate, int SamplesPerPixel, int Length, sbyte[] Data)
{
    public object ToJson() => new
    {
        version = 2,
        channels = 1,
        sample_rate = SampleRate,
        samples_per_pixel = SamplesPerPixel,
        bits = 8,
        length = Length,
        data = Data.Select(d => (int)d),
    };
}

/// <summary>Decodes the track once to 8 kHz mono and keeps the lowest and highest sample of each slice.</summary>
public sealed class WaveformBuilder(FfmpegRunner runner)
{
    public const int AnalysisSampleRate = 8000;

    public async Task<Waveform> BuildAsync(string path, double durationSeconds, int points, CancellationToken cancellationToken)
    {
        var expectedSamples = Math.Max(1L, (long)Math.Ceiling(durationSeconds * AnalysisSampleRate));
        var mins = new short[points];
        var maxs = new short[points];
        long sampleIndex = 0;

        var result = await runner.RunFfmpegStreamingAsync(
            ["-protocol_whitelist", "file", "-i", path, "-map", "0:a:0", "-ac", "1", "-ar", AnalysisSampleRate.ToString(),
             "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1"],
            async (output, ct) =>
            {
                var buffer = new byte[64 * 1024];
                var carry = -1; // a lone byte left over from the previous read
                int read;
                while ((read = await output.ReadAsync(buffer, ct)) > 0)
                {
                    var offset = 0;
                    if (carry >= 0)
                    {
                        Accept((short)(carry | (buffer[0] << 8)));
                        carry = -1;
                        offset = 1;
                    }
                    for (; offset + 1 < read; offset += 2)
                    {
                        Accept(BinaryPrimitives.ReadInt16LittleEndian(buffer.AsSpan(offset, 2)));
                    }
                    if (offset < read)
                    {
                        carry = buffer[offset];
                    }
                }
            },
            cancellationToken);
        if (!result.Succeeded)
        {
            throw new MediaToolException("The waveform could not be drawn: " + result.LastErrorLine);
        }

        var data = new sbyte[points * 2];
        for (var i = 0; i < points; i++)
        {
            data[2 * i] = (sbyte)(mins[i] >> 8);
            data[2 * i + 1] = (sbyte)(maxs[i] >> 8);
        }
        return new Waveform(AnalysisSampleRate, (int)Math.Max(1, expectedSamples / points), points, data);

        void Accept(short sample)
        {
            // Slices follow the expected length; a file slightly longer than probed lands in the last one.
            var slice = (int)Math.Min(points - 1, sampleIndex * points / expectedSamples);
            if (sample < mins[slice]) mins[slice] = sample;
            if (sample > maxs[slice]) maxs[slice] = sample;
            sampleIndex++;
        }
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
