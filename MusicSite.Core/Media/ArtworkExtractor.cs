using Microsoft.Extensions.Options;
using MusicSite.Hosting;

namespace MusicSite.Media;

/// <summary>Pulls the cover picture embedded in an audio file out as the track's artwork.</summary>
public sealed class ArtworkExtractor(FfmpegRunner runner, ArtworkStore store, IOptions<MusicSiteOptions> options,
    IOptions<UploadOptions> uploadOptions)
{
    /// <summary>True when the picture was extracted and stored in <paramref name="folder"/> (see <see cref="ArtworkStore"/>).</summary>
    public async Task<bool> ExtractAsync(string audioPath, string folder, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(options.Value.Paths.Temp, $"cover-{Guid.NewGuid():N}.png");
        try
        {
            var result = await runner.RunFfmpegAsync(
                ["-protocol_whitelist", "file", "-i", audioPath, "-map", "0:v:0", "-frames:v", "1", "-c:v", "png", "-f", "image2", "-y", temp],
                cancellationToken, TimeSpan.FromSeconds(60));
            return result.Succeeded
                   && await store.StoreAsync(temp, folder, uploadOptions.Value.MaxArtworkBytes * 4, cancellationToken) == ImageCheck.Ok;
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
