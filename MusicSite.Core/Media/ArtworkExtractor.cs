using Microsoft.Extensions.Options;
using MusicSite.Hosting;

namespace MusicSite.Media;

/// <summary>Pulls the cover picture embedded in an audio file out as the track's artwork.</summary>
public sealed class ArtworkExtractor(FfmpegRunner runner, ImageNormalizer images, IOptions<MusicSiteOptions> options,
    IOptions<UploadOptions> uploadOptions)
{
    public const int ArtworkSize = 600;

    /// <summary>True when the picture was extracted and stored at <paramref name="destination"/>.</summary>
    public async Task<bool> ExtractAsync(string audioPath, string destination, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(options.Value.Paths.Temp, $"cover-{Guid.NewGuid():N}.png");
        try
        {
            var result = await runner.RunFfmpegAsync(
                ["-protocol_whitelist", "file", "-i", audioPath, "-map", "0:v:0", "-frames:v", "1", "-c:v", "png", "-f", "image2", "-y", temp],
                cancellationToken, TimeSpan.FromSeconds(60));
            return result.Succeeded
                   && await images.NormalizeSquareAsync(temp, destination, ArtworkSize, uploadOptions.Value.MaxArtworkBytes * 4,
                       cancellationToken) == ImageCheck.Ok;
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
