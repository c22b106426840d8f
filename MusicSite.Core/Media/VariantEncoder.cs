namespace MusicSite.Media;

/// <summary>A streaming variant: its kind, codec and bitrate.</summary>
public sealed record VariantSpec(MediaKind Kind, string Codec, int? BitrateKbps, string Extension, string ContentType)
{
    public static readonly VariantSpec Low = new(MediaKind.Low, "mp3", 128, "mp3", "audio/mpeg");
    public static readonly VariantSpec Medium = new(MediaKind.Medium, "mp3", 192, "mp3", "audio/mpeg");
    public static readonly VariantSpec High = new(MediaKind.High, "mp3", 320, "mp3", "audio/mpeg");
    public static readonly VariantSpec Lossless = new(MediaKind.Lossless, "flac", null, "flac", "audio/flac");

    /// <summary>Every source gets the three MP3s; only a lossless source gets FLAC (never upsampled quality).</summary>
    public static IReadOnlyList<VariantSpec> For(bool losslessSource) =>
        losslessSource ? [Low, Medium, High, Lossless] : [Low, Medium, High];
}

/// <summary>Encodes one variant of a source file: to a temp file first, moved into place when complete.</summary>
public sealed class VariantEncoder(FfmpegRunner runner)
{
    public async Task EncodeAsync(string source, VariantSpec spec, string destination, CancellationToken cancellationToken)
    {
        var temp = $"{destination}.tmp-{Guid.NewGuid():N}.{spec.Extension}";
        List<string> arguments = ["-protocol_whitelist", "file", "-i", source, "-map", "0:a:0", "-vn", "-map_metadata", "-1"];
        if (spec.Codec == "mp3")
        {
            arguments.AddRange(["-c:a", "libmp3lame", "-b:a", $"{spec.BitrateKbps}k", "-f", "mp3"]);
        }
        else
        {
            arguments.AddRange(["-c:a", "flac", "-compression_level", "5", "-f", "flac"]);
        }
        arguments.AddRange(["-y", temp]);
        try
        {
            var result = await runner.RunFfmpegAsync(arguments, cancellationToken);
            if (!result.Succeeded)
            {
                throw result.Failure($"The {spec.Kind.ToString().ToLowerInvariant()} version could not be encoded");
            }
            File.Move(temp, destination, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
