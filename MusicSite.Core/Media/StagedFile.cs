using Microsoft.Extensions.Options;
using MusicSite.Hosting;

namespace MusicSite.Media;

public sealed class UploadTooLargeException(long limit) : Exception($"The upload is larger than {limit} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>An upload written to the data directory's uploads/ folder; deleted on dispose unless claimed
/// (or unless it belongs to a resumable upload, which outlives a refused attempt).</summary>
public sealed class StagedFile(string path, long length, bool deleteUnclaimed = true) : IDisposable
{
    public string Path { get; } = path;
    public long Length { get; } = length;
    private bool _claimed;

    /// <summary>Moves the file to <paramref name="destination"/>; from then on it is no longer this object's to delete.</summary>
    public void MoveTo(string destination)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
        File.Move(Path, destination, overwrite: true);
        _claimed = true;
    }

    public void Dispose()
    {
        if (!_claimed && deleteUnclaimed)
        {
            File.Delete(Path);
        }
    }
}

/// <summary>Streams request bodies to disk in bounded chunks, stopping the moment a size cap is passed.</summary>
public sealed class UploadStaging(IOptions<MusicSiteOptions> options)
{
    public const string StagedPrefix = "staged-";

    public async Task<StagedFile> StageAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var dir = options.Value.Paths.Uploads;
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, StagedPrefix + Guid.NewGuid().ToString("N"));
        long total = 0;
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new UploadTooLargeException(maxBytes);
                }
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch
        {
            // Too large, the client went away, the disk filled: nothing half-written stays behind.
            File.Delete(path);
            throw;
        }
        return new StagedFile(path, total);
    }

    /// <summary>Removes staged files a crashed process left behind.</summary>
    public void CleanAbandoned()
    {
        var dir = options.Value.Paths.Uploads;
        if (Directory.Exists(dir))
        {
            foreach (var file in Directory.EnumerateFiles(dir, StagedPrefix + "*"))
            {
                File.Delete(file);
            }
        }
    }
}
