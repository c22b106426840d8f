using MusicSite.Common;

namespace MusicSite.Media;

public enum ImageCheck
{
    Ok,
    Empty,
    TooLarge,
    UnsupportedType,
    /// <summary>Wider or taller than <see cref="ImageNormalizer.MaxDimension"/>, or more than <see cref="ImageNormalizer.MaxPixels"/> in all.</summary>
    TooManyPixels,
    Unreadable,
}

/// <summary>
/// Accepts JPEG, PNG and WebP images by their content (never SVG, never by extension) and re-encodes
/// them with ffmpeg to a square JPEG of a fixed size, so nothing the user sent is ever served back.
/// </summary>
public sealed class ImageNormalizer(FfmpegRunner runner, MediaProber prober)
{
    private static readonly HashSet<string> AcceptedCodecs = ["mjpeg", "png", "webp"];
    public const int MaxDimension = 10_000;
    /// <summary>A decoded image this large takes about 160 MB of memory; anything bigger is refused before ffmpeg opens it.</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>What to tell the person whose image was refused (artwork and avatars alike).</summary>
    public static string Describe(ImageCheck check, long maxBytes) => check switch
    {
        ImageCheck.Empty => "The image file is empty.",
        ImageCheck.TooLarge => $"The image can be at most {Math.Max(1, maxBytes / 1_000_000)} MB.",
        ImageCheck.UnsupportedType => "Use a JPEG, PNG or WebP image.",
        ImageCheck.TooManyPixels => $"The image can be at most {MaxDimension} pixels wide or high, and {MaxPixels / 1_000_000} megapixels in all.",
        _ => "The image could not be read. Try another file.",
    };

    /// <summary>The error code of a refused image.</summary>
    public static string CodeFor(ImageCheck check) => check == ImageCheck.TooLarge ? ErrorCodes.FileTooLarge : ErrorCodes.InvalidImage;

    /// <summary>Recognises JPEG, PNG and WebP by their leading bytes.</summary>
    public static bool HasImageSignature(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
        || head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        || (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8));

    /// <summary>Checks <paramref name="sourcePath"/> and writes a <paramref name="size"/>-pixel square JPEG to
    /// <paramref name="destinationPath"/> (through a temp file, so a failure leaves nothing behind).</summary>
    public async Task<ImageCheck> NormalizeSquareAsync(string sourcePath, string destinationPath, int size,
        long maxBytes, CancellationToken cancellationToken)
    {
        var info = new FileInfo(sourcePath);
        if (!info.Exists || info.Length == 0)
        {
            return ImageCheck.Empty;
        }
        if (info.Length > maxBytes)
        {
            return ImageCheck.TooLarge;
        }

        var head = new byte[16];
        await using (var stream = File.OpenRead(sourcePath))
        {
            var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
            if (!HasImageSignature(head.AsSpan(0, read)))
            {
                return ImageCheck.UnsupportedType;
            }
        }

        var probe = await prober.ProbeAsync(sourcePath, cancellationToken);
        var video = probe?.FirstVideo;
        if (video is null || !AcceptedCodecs.Contains(video.CodecName))
        {
            return ImageCheck.UnsupportedType;
        }
        if (video.Width is not > 0 || video.Height is not > 0)
        {
            return ImageCheck.Unreadable;
        }
        if (video.Width > MaxDimension || video.Height > MaxDimension || (long)video.Width * video.Height > MaxPixels)
        {
            return ImageCheck.TooManyPixels;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destinationPath)!);
        var temp = destinationPath + ".tmp-" + Guid.NewGuid().ToString("N") + ".jpg";
        try
        {
            var result = await runner.RunFfmpegAsync(
                ["-protocol_whitelist", "file", "-i", sourcePath, "-frames:v", "1",
                 "-vf", $"scale={size}:{size}:force_original_aspect_ratio=increase,crop={size}:{size}",
                 "-q:v", "3", "-map_metadata", "-1", "-f", "image2", "-c:v", "mjpeg", "-y", temp],
                cancellationToken, TimeSpan.FromSeconds(60));
            if (!result.Succeeded || !File.Exists(temp))
            {
                return ImageCheck.Unreadable;
            }
            File.Move(temp, destinationPath, overwrite: true);
            return ImageCheck.Ok;
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
