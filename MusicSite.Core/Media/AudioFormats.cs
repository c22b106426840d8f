namespace MusicSite.Media;

/// <summary>An upload format MusicSite accepts, as recognised from the file's content.</summary>
public sealed record AudioFormat(string Name, string Extension, string ContentType, bool IsLossless);

/// <summary>
/// Which uploads are audio MusicSite takes: MP3, WAV, FLAC, Ogg Vorbis, Opus, M4A/AAC. The decision comes
/// from ffprobe's reading of the bytes (container and codec), never from the file name.
/// </summary>
public static class AudioFormats
{
    public static readonly AudioFormat Mp3 = new("MP3", "mp3", "audio/mpeg", false);
    public static readonly AudioFormat Wav = new("WAV", "wav", "audio/wav", true);
    public static readonly AudioFormat Flac = new("FLAC", "flac", "audio/flac", true);
    public static readonly AudioFormat OggVorbis = new("Ogg Vorbis", "ogg", "audio/ogg", false);
    public static readonly AudioFormat Opus = new("Opus", "opus", "audio/ogg; codecs=opus", false);
    public static readonly AudioFormat M4a = new("M4A/AAC", "m4a", "audio/mp4", false);
    public static readonly AudioFormat M4aLossless = new("M4A/ALAC", "m4a", "audio/mp4", true);
    public static readonly AudioFormat Aac = new("AAC", "aac", "audio/aac", false);

    /// <summary>ffprobe's mp3 detection is a heuristic; below this score a file is noise that happens to
    /// contain frame-like bytes. Real MP3s, tagged or not, score 51 or more.</summary>
    public const int MinimumMp3ProbeScore = 50;

    /// <summary>
    /// The name people know a stored file's codec by ("WAV", not "pcm_s16le"). Every page and API field that
    /// shows a codec to a person asks this. The names are those of <see cref="Recognise"/>'s formats, so an
    /// upload reads the same before and after processing; an unknown codec is shown upper-cased as it is.
    /// </summary>
    public static string Label(string? codec) => codec?.ToLowerInvariant() switch
    {
        null or "" => "Unknown",
        "mp3" or "mp3float" => Mp3.Name,
        var pcm when pcm.StartsWith("pcm_", StringComparison.Ordinal) => Wav.Name,
        "flac" => Flac.Name,
        "vorbis" => OggVorbis.Name,
        "opus" => Opus.Name,
        "aac" => Aac.Name,
        "alac" => "ALAC",
        var other => other.ToUpperInvariant(),
    };

    public static AudioFormat? Recognise(ProbeResult probe)
    {
        var audio = probe.FirstAudio;
        if (audio is null)
        {
            return null;
        }
        var containers = probe.FormatName.Split(',');
        var codec = audio.CodecName;
        return (containers, codec) switch
        {
            _ when containers.Contains("mp3") && codec == "mp3" && probe.ProbeScore >= MinimumMp3ProbeScore => Mp3,
            _ when containers.Contains("wav") && codec.StartsWith("pcm_", StringComparison.Ordinal) => Wav,
            _ when containers.Contains("flac") && codec == "flac" => Flac,
            _ when containers.Contains("ogg") && codec == "vorbis" => OggVorbis,
            _ when containers.Contains("ogg") && codec == "opus" => Opus,
            _ when containers.Contains("mp4") && codec == "aac" => M4a,
            _ when containers.Contains("mp4") && codec == "alac" => M4aLossless,
            _ when containers.Contains("aac") && codec == "aac" => Aac,
            _ => null,
        };
    }
}
