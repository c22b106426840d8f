namespace MusicSite.Media;

/// <summary>
/// Walks the frames of an MPEG audio (MP3) file to find where its audio ends. ffmpeg's MP3 parser glues any
/// bytes after the last frame (an appended HTML page or ZIP archive: a polyglot) onto the last packet, so even
/// a stream-copy re-mux keeps them; cutting the file after its last complete frame removes them.
/// </summary>
public static class MpegAudioFrames
{
    // kbit/s by [version is MPEG-1][layer 1..3][index]; index 0 (free format) and 15 are not walkable.
    private static readonly int[][] Mpeg1Bitrates =
    [
        [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
        [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
    ];

    private static readonly int[][] Mpeg2Bitrates =
    [
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
        [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
        [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    ];

    private static readonly int[] Mpeg1SampleRates = [44100, 48000, 32000];

    /// <summary>
    /// The offset just after the last complete frame, or null when the data does not start (after an ID3v2 tag)
    /// with walkable frames. Damage in the middle is stepped over when two chained frames follow it, so only
    /// what comes after the audio counts as its end.
    /// </summary>
    public static long? AudioEnd(ReadOnlySpan<byte> data)
    {
        var position = Id3v2Length(data);
        if (FrameLength(data, position) is null)
        {
            return null;
        }
        var end = position;
        while (position < data.Length)
        {
            if (FrameLength(data, position) is { } length && position + length <= data.Length)
            {
                position += length;
                end = position;
                continue;
            }
            if (Resync(data, position + 1) is not { } next)
            {
                break;
            }
            position = next;
        }
        return end;
    }

    /// <summary>Cuts everything after the last complete frame off the file; answers how many bytes went.</summary>
    public static long TrimAfterAudio(string path)
    {
        var data = File.ReadAllBytes(path);
        if (AudioEnd(data) is not { } end || end >= data.Length)
        {
            return 0;
        }
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.SetLength(end);
        return data.Length - end;
    }

    /// <summary>The next offset from <paramref name="from"/> where a frame starts that is followed by another
    /// frame (or ends the data exactly): one sync pattern alone is too easily found in junk.</summary>
    private static long? Resync(ReadOnlySpan<byte> data, long from)
    {
        for (var i = from; i + 4 <= data.Length; i++)
        {
            if (FrameLength(data, i) is { } length
                && (i + length == data.Length || FrameLength(data, i + length) is not null))
            {
                return i;
            }
        }
        return null;
    }

    private static long Id3v2Length(ReadOnlySpan<byte> data)
    {
        if (data.Length < 10 || data[0] != 'I' || data[1] != 'D' || data[2] != '3')
        {
            return 0;
        }
        var size = (data[6] & 0x7F) << 21 | (data[7] & 0x7F) << 14 | (data[8] & 0x7F) << 7 | (data[9] & 0x7F);
        var footer = (data[5] & 0x10) != 0 ? 10 : 0;
        return 10 + size + footer;
    }

    /// <summary>The length of the frame whose header starts at <paramref name="at"/>, or null when none does.</summary>
    private static int? FrameLength(ReadOnlySpan<byte> data, long at)
    {
        if (at < 0 || at + 4 > data.Length)
        {
            return null;
        }
        var i = (int)at;
        if (data[i] != 0xFF || (data[i + 1] & 0xE0) != 0xE0)
        {
            return null;
        }
        var version = (data[i + 1] >> 3) & 0x03; // 0: MPEG-2.5, 2: MPEG-2, 3: MPEG-1, 1: reserved
        var layerBits = (data[i + 1] >> 1) & 0x03; // 3: layer I, 2: layer II, 1: layer III, 0: reserved
        var bitrateIndex = (data[i + 2] >> 4) & 0x0F;
        var rateIndex = (data[i + 2] >> 2) & 0x03;
        var padding = (data[i + 2] >> 1) & 0x01;
        if (version == 1 || layerBits == 0 || bitrateIndex is 0 or 15 || rateIndex == 3)
        {
            return null;
        }
        var layer = 4 - layerBits;
        var mpeg1 = version == 3;
        var bitrate = (mpeg1 ? Mpeg1Bitrates : Mpeg2Bitrates)[layer - 1][bitrateIndex] * 1000;
        var sampleRate = Mpeg1SampleRates[rateIndex] / (version switch { 3 => 1, 2 => 2, _ => 4 });
        return layer switch
        {
            1 => (12 * bitrate / sampleRate + padding) * 4,
            2 => 144 * bitrate / sampleRate + padding,
            _ => (mpeg1 ? 144 : 72) * bitrate / sampleRate + padding,
        };
    }
}
