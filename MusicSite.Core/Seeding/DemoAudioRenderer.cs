using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using MusicSite.Hosting;
using MusicSite.Media;

namespace MusicSite.Seeding;

public sealed record RenderedAudio(string Folder, string RelativePath, long SizeBytes, double DurationSeconds);

/// <summary>Turns the demo catalog's synthesis recipes into real lossless originals (FLAC) of tracks and stems with
/// ffmpeg; the audio pipeline then processes them like any upload.</summary>
public sealed class DemoAudioRenderer(FfmpegRunner runner, MediaProber prober, IOptions<MusicSiteOptions> options)
{
    public Task<IReadOnlyDictionary<DemoTrackSeed, RenderedAudio>> RenderAllAsync(
        IReadOnlyList<DemoTrackSeed> tracks, CancellationToken cancellationToken) =>
        RenderAllAsync(tracks, t => (t.Recipe, t.DurationSeconds, t.Title, "tracks"), cancellationToken);

    /// <summary>Each stem is its track's recipe with one layer heard, as long as the track.</summary>
    public Task<IReadOnlyDictionary<DemoStemSeed, RenderedAudio>> RenderStemsAsync(
        IReadOnlyList<(DemoTrackSeed Track, DemoStemSeed Stem)> stems, CancellationToken cancellationToken)
    {
        var byStem = new Dictionary<DemoStemSeed, DemoTrackSeed>(ReferenceEqualityComparer.Instance);
        foreach (var (track, stem) in stems)
        {
            byStem.Add(stem, track);
        }
        return RenderAllAsync(stems.Select(s => s.Stem).ToList(), stem =>
        {
            var track = byStem[stem];
            return (DemoRecipes.Solo(track.Recipe, stem.Layer), track.DurationSeconds, $"{track.Title} ({stem.Name})", "stems");
        }, cancellationToken);
    }

    private async Task<IReadOnlyDictionary<T, RenderedAudio>> RenderAllAsync<T>(IReadOnlyList<T> items,
        Func<T, (string Recipe, double DurationSeconds, string Title, string Area)> describe, CancellationToken cancellationToken)
        where T : class
    {
        var done = new ConcurrentDictionary<T, RenderedAudio>(ReferenceEqualityComparer.Instance);
        try
        {
            await Parallel.ForEachAsync(items,
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                async (item, ct) =>
                {
                    var (recipe, duration, title, area) = describe(item);
                    done[item] = await RenderAsync(recipe, duration, title, area, ct);
                });
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

    private async Task<RenderedAudio> RenderAsync(string recipe, double durationSeconds, string title, string area,
        CancellationToken cancellationToken)
    {
        var paths = options.Value.Paths;
        var folder = Guid.NewGuid().ToString("N");
        var relative = Path.Combine(area, folder, "original.flac");
        var target = paths.MediaPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + ".tmp.flac";
        var result = await runner.RunFfmpegAsync(
            ["-f", "lavfi", "-i", recipe, "-t", durationSeconds.ToString(CultureInfo.InvariantCulture),
             "-ac", "2", "-ar", "44100", "-c:a", "flac", "-metadata", $"title={title}", "-y", temp],
            cancellationToken, TimeSpan.FromMinutes(2));
        if (!result.Succeeded)
        {
            File.Delete(temp);
            throw new MediaToolException($"Demo audio '{title}' could not be rendered: {result.LastErrorLine}");
        }
        File.Move(temp, target, overwrite: true);
        var probe = await prober.ProbeAsync(target, cancellationToken);
        return new RenderedAudio(folder, relative, new FileInfo(target).Length, probe?.DurationSeconds ?? durationSeconds);
    }
}
