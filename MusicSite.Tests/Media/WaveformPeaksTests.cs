using System.Buffers.Binary;
using MusicSite.Media;

namespace MusicSite.Tests.Media;

/// <summary>WaveformPeaks reads raw s16le PCM as ffmpeg's pipe delivers it: no ffmpeg needed.</summary>
public sealed class WaveformPeaksTests
{
    private static byte[] Pcm(params short[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), samples[i]);
        }
        return bytes;
    }

    // One second at 8 samples a second, four slices of two samples each.
    private static readonly short[] Samples = [256, -512, 1024, 2048, -32768, 32767, 0, 0];

    [Fact]
    public void Add_OneChunk_KeepsTheLowestAndHighestSampleOfEachSlice()
    {
        var peaks = new WaveformPeaks(1, 4, 8);
        peaks.Add(Pcm(Samples));

        var waveform = peaks.ToWaveform();

        Assert.Equal(8, peaks.SamplesRead);
        Assert.Equal((8, 2, 4), (waveform.SampleRate, waveform.SamplesPerPixel, waveform.Length));
        Assert.Equal(new sbyte[] { -2, 1, 0, 8, -128, 127, 0, 0 }, waveform.Data);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void Add_ChunksSplitInsideASample_ReadTheSameAsOneChunk(int chunkSize)
    {
        var whole = new WaveformPeaks(1, 4, 8);
        whole.Add(Pcm(Samples));
        var split = new WaveformPeaks(1, 4, 8);
        foreach (var chunk in Pcm(Samples).Chunk(chunkSize))
        {
            split.Add(chunk);
        }

        Assert.Equal(whole.ToWaveform().Data, split.ToWaveform().Data);
        Assert.Equal(8, split.SamplesRead);
    }

    [Fact]
    public void Add_MoreSamplesThanProbed_LandInTheLastSlice()
    {
        var peaks = new WaveformPeaks(0.5, 2, 8); // four samples expected
        peaks.Add(Pcm(0, 0, 0, 0, 0, 0, -4096, 2048));

        Assert.Equal(new sbyte[] { 0, 0, -128, 64 }, peaks.ToWaveform().Data);
    }

    [Fact]
    public void ToWaveform_QuietTrack_IsScaledToItsOwnPeak()
    {
        var peaks = new WaveformPeaks(1, 4, 8);
        peaks.Add(Pcm(100, -200, 800, -1600, 0, 0, 400, -400)); // peak 1600 of 32768: about -26 dBFS

        Assert.Equal(new sbyte[] { -16, 8, -128, 64, 0, 0, -32, 32 }, peaks.ToWaveform().Data);
    }

    [Fact]
    public void ToWaveform_NothingRead_IsFlat()
    {
        var peaks = new WaveformPeaks(0, 3, 8000);
        peaks.Add([]);

        Assert.Equal(new sbyte[6], peaks.ToWaveform().Data);
        Assert.Equal(0, peaks.SamplesRead);
    }
}
