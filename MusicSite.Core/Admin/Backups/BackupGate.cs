using System.Text.Json;
using Microsoft.Extensions.Options;
using MusicSite.Hosting;

namespace MusicSite.Admin.Backups;

/// <summary>A backup that failed: when, and why.</summary>
public sealed record BackupFailure(DateTime At, string Message);

/// <summary>
/// Lets one backup run at a time in this process (a second caller is refused at once, never queued), knows when the
/// running one began, and keeps the last failure in the backups folder so it outlives a restart.
/// </summary>
public sealed class BackupGate(IOptions<MusicSiteOptions> site)
{
    private const string FailureFile = "last-failure.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly Lock _state = new();
    private DateTime? _runningSince;

    /// <summary>When the backup now running began; null when none runs.</summary>
    public DateTime? RunningSince
    {
        get
        {
            lock (_state)
            {
                return _runningSince;
            }
        }
        private set
        {
            lock (_state)
            {
                _runningSince = value;
            }
        }
    }

    /// <summary>Takes the gate for a backup beginning at <paramref name="now"/>; null when another backup runs.
    /// Dispose the returned handle to open the gate again.</summary>
    public IDisposable? TryEnter(DateTime now)
    {
        if (!_one.Wait(0))
        {
            return null;
        }
        RunningSince = now;
        return new Exit(this);
    }

    public BackupFailure? LastFailure
    {
        get
        {
            var path = FailurePath;
            try
            {
                return File.Exists(path) ? JsonSerializer.Deserialize<BackupFailure>(File.ReadAllText(path), Json) : null;
            }
            catch (Exception ex) when (ex is JsonException or IOException)
            {
                return null;
            }
        }
    }

    public void RecordFailure(BackupFailure failure)
    {
        Directory.CreateDirectory(site.Value.Paths.Backups);
        var temp = FailurePath + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(failure, Json));
        File.Move(temp, FailurePath, overwrite: true);
    }

    private string FailurePath => Path.Combine(site.Value.Paths.Backups, FailureFile);

    private sealed class Exit(BackupGate gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate.RunningSince = null;
                gate._one.Release();
            }
        }
    }
}
