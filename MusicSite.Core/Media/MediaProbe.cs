using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MusicSite.Media;

/// <summary>The parts of <c>ffprobe -show_format -show_streams</c> output MusicSite uses.</summary>
public sealed record ProbeResult(string FormatName, double? DurationSeconds, IReadOnlyList<ProbeStream> Streams,
    IReadOnlyDictionary<string, string> Tags, int ProbeScore = 100, long? BitRate = null)
{
    public ProbeStream? FirstAudio => Streams.FirstOrDefault(s => s.CodecType == "audio");
    public ProbeStream? FirstVideo => Streams.FirstOrDefault(s => s.CodecType == "video");
    /// <summary>The cover picture embedded in an audio file (MP3 APIC, FLAC/M4A cover), if any.</summary>
    public ProbeStream? AttachedPicture => Streams.FirstOrDefault(s => s.CodecType == "video" && s.IsAttachedPicture);

    /// <summary>A tag by any of its usual names (ID3, Vorbis comment, iTunes), case-insensitively.</summary>
    public string? Tag(params string[] names) =>
        names.Select(n => Tags.TryGetValue(n, out var v) ? v.Trim() : null).FirstOrDefault(v => !string.IsNullOrEmpty(v));

    /// <summary>Parses ffprobe's JSON; null when it is not JSON of that shape.</summary>
    public static ProbeResult? Parse(string json)
    {
        RawProbe? raw;
        try
        {
            raw = JsonSerializer.Deserialize<RawProbe>(json);
        }
        catch (JsonException)
        {
            return null;
        }
        if (raw?.Format is null)
        {
            return null;
        }

        var streams = (raw.Streams ?? []).Select(s => new ProbeStream(
            s.CodecType ?? "", s.CodecName ?? "", ParseInt(s.SampleRate), s.Channels, ParseInt(s.BitRate),
            s.Width, s.Height, s.Disposition?.AttachedPic == 1)).ToList();
        // Container tags first; Ogg and Opus keep their Vorbis comments on the audio stream.
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in raw.Format.Tags ?? [])
        {
            tags[k] = v;
        }
        foreach (var (k, v) in raw.Streams?.FirstOrDefault(s => s.CodecType == "audio")?.Tags ?? [])
        {
            tags.TryAdd(k, v);
        }
        return new ProbeResult(raw.Format.FormatName ?? "", ParseDouble(raw.Format.Duration), streams, tags,
            raw.Format.ProbeScore ?? 100, ParseInt(raw.Format.BitRate));
    }

    private static int? ParseInt(string? s) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static double? ParseDouble(string? s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private sealed class RawProbe
    {
        [JsonPropertyName("format")] public RawFormat? Format { get; set; }
        [JsonPropertyName("streams")] public List<RawStream>? Streams { get; set; }
    }

    private sealed class RawFormat
    {
        [JsonPropertyName("format_name")] public string? FormatName { get; set; }
        [JsonPropertyName("duration")] public string? Duration { get; set; }
        [JsonPropertyName("tags")] public Dictionary<string, string>? Tags { get; set; }
        [JsonPropertyName("probe_score")] public int? ProbeScore { get; set; }
        [JsonPropertyName("bit_rate")] public string? BitRate { get; set; }
    }

    private sealed class RawDisposition
    {
        [JsonPropertyName("attached_pic")] public int AttachedPic { get; set; }
    }

    private sealed class RawStream
    {
        [JsonPropertyName("codec_type")] public string? CodecType { get; set; }
        [JsonPropertyName("codec_name")] public string? CodecName { get; set; }
        [JsonPropertyName("sample_rate")] public string? SampleRate { get; set; }
        [JsonPropertyName("channels")] public int? Channels { get; set; }
        [JsonPropertyName("bit_rate")] public string? BitRate { get; set; }
        [JsonPropertyName("width")] public int? Width { get; set; }
        [JsonPropertyName("height")] public int? Height { get; set; }
        [JsonPropertyName("disposition")] public RawDisposition? Disposition { get; set; }
        [JsonPropertyName("tags")] public Dictionary<string, string>? Tags { get; set; }
    }
}

public sealed record ProbeStream(string CodecType, string CodecName, int? SampleRate, int? Channels, int? BitRate,
    int? Width, int? Height, bool IsAttachedPicture = false);

/// <summary>Probes files MusicSite did not make, reading only local files.</summary>
public sealed class MediaProber(FfmpegRunner runner)
{
    public async Task<ProbeResult?> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        var result = await runner.RunFfprobeAsync(
            ["-protocol_whitelist", "file", "-print_format", "json", "-show_format", "-show_streams", path],
            cancellationToken, TimeSpan.FromSeconds(30));
        return result.Succeeded ? ProbeResult.Parse(result.StandardOutput) : null;
    }
}
