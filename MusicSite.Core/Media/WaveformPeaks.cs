using System.Buffers.Binary;

namespace MusicSite.Media;

/// <summary>
/// Reads ffmpeg's raw 16-bit little-endian mono PCM in whatever chunks the pipe delivers, and keeps the lowest and
/// highest sample of each of <c>points</c> slices over the expected length. The peaks are scaled to the track's own
/// peak, so a quiet track fills the height as a loud one does instead of drawing a flat line.
/// </summary>
public sealed class WaveformPeaks(double durationSeconds, int points, int sampleRate)
{
    private readonly long _expectedSamples = Math.Max(1L, (long)Math.Ceiling(durationSeconds * sampleRate));
    private readonly short[] _mins = new short[points];
    private readonly short[] _maxs = new short[points];
    private long _sampleIndex;
    private int _carry = -1; // a lone byte left over from the previous chunk

    public long SamplesRead => _sampleIndex;

    public void Add(ReadOnlySpan<byte> chunk)
    {
        var offset = 0;
        if (_carry >= 0 && chunk.Length > 0)
        {
            Accept((short)(_carry | (chunk[0] << 8)));
            _carry = -1;
            offset = 1;
        }
        for (; offset + 1 < chunk.Length; offset += 2)
        {
            Accept(BinaryPrimitives.ReadInt16LittleEndian(chunk.Slice(offset, 2)));
        }
        if (offset < chunk.Length)
        {
            _carry = chunk[offset];
        }
    }

    /// <summary>The min/max pairs in 8 bits, normalised so that the loudest sample of the track reaches full scale.
    /// Silence stays flat.</summary>
    public Waveform ToWaveform()
    {
        var peak = 0;
        for (var i = 0; i < points; i++)
        {
            peak = Math.Max(peak, Math.Max(-_mins[i], (int)_maxs[i]));
        }
        var scale = peak == 0 ? 0 : 128.0 / peak;
        var data = new sbyte[points * 2];
        for (var i = 0; i < points; i++)
        {
            data[2 * i] = ToEightBits(_mins[i], scale);
            data[2 * i + 1] = ToEightBits(_maxs[i], scale);
        }
        return new Waveform(sampleRate, (int)Math.Max(1, _expectedSamples / points), points, data);
    }

    private static sbyte ToEightBits(short sample, double scale) =>
        (sbyte)Math.Clamp(Math.Round(sample * scale, MidpointRounding.AwayFromZero), sbyte.MinValue, sbyte.MaxValue);

    private void Accept(short sample)
    {
        // Slices follow the expected length; a file slightly longer than probed lands in the last one.
        var slice = (int)Math.Min(points - 1, _sampleIndex * points / _expectedSamples);
        if (sample < _mins[slice]) _mins[slice] = sample;
        if (sample > _maxs[slice]) _maxs[slice] = sample;
        _sampleIndex++;
    }
}
