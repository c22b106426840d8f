using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using MusicSite.Hosting;
using MusicSite.Media;

namespace MusicSite.Seeding;

public sealed record RenderedAudio(string Folder, string RelativePath, long SizeBytes, double DurationSeconds);

/// <summary>Turns the demo catalog's synthesis recipes into real lossless originals (FLAC) with ffmpeg; the
/// audio pipeline then processes them like any upload.</summary>
public sealed class DemoAudioRenderer(FfmpegRunner runner, MediaProber prober, IOptions<MusicSiteOptions> options)
{
    public async Task<IReadOnlyDictionary<DemoTrackSeed, RenderedAudio>> RenderAllAsync(
        IReadOnlyList<DemoTrackSeed> tracks, CancellationToken cancellationToken)
    {
        var done = new ConcurrentDictionary<DemoTrackSeed, RenderedAudio>(ReferenceEqualityComparer.Instance);
        try
        {
            await Parallel.ForEachAsync(tracks,
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                async (track, ct) => done[track] = await RenderAsync(track, ct));
        }
        catch
        {
            Delete(done.Values);
            throw;
        }
        return done;
    }

    public void Delete(IEnumerable<RenderedAudio> files)
    {
        var paths = options.Value.Paths;
        foreach (var file in files)
        {
            File.Delete(paths.MediaPath(file.RelativePath));
        }
    }

    private async Task<RenderedAudio> RenderAsync(DemoTrackSeed track, CancellationToken cancellationToken)
    {
        var paths = options.Value.Paths;
        var folder = Guid.NewGuid().ToString("N");
        var relative = Path.Combine("tracks", folder, "original.flac");
        var target = paths.MediaPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + ".tmp.flac";
        var result = await runner.RunFfmpegAsync(
            ["-f", "lavfi", "-i", track.Recipe, "-t", track.DurationSeconds.ToString(CultureInfo.InvariantCulture),
             "-ac", "2", "-ar", "44100", "-c:a", "flac", "-metadata", $"title={track.Title}", "-y", temp],
            cancellationToken, TimeSpan.FromMinutes(2));
        if (!result.Succeeded)
        {
            File.Delete(temp);
            throw new MediaToolException($"Demo track '{track.Title}' could not be rendered: {result.LastErrorLine}");
        }
        File.Move(temp, target, overwrite: true);
        var probe = await prober.ProbeAsync(target, cancellationToken);
        return new RenderedAudio(folder, relative, new FileInfo(target).Length, probe?.DurationSeconds ?? track.DurationSeconds);
    }
}
