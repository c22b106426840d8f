namespace MusicSite.Hosting;

/// <summary>
/// Tells a running site from a stopped one: every running site holds a shared lock on the data directory's
/// <c>site.lock</c> for its lifetime (several nodes on one machine may share it); the restore command takes the lock
/// exclusively, which fails while any site holds it. The operating system drops the lock when a process ends, even
/// when it is killed. Advisory file locks do not reach across machines: stop every node before a restore.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "site.lock";
    private FileStream? _held;

    /// <summary>Holds the shared lock for the running site (idempotent).</summary>
    public void HoldShared(DataPaths paths)
    {
        _held ??= new FileStream(Path.Combine(paths.FullRoot, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
    }

    /// <summary>The exclusive lock a restore holds while it works, or null when a site is running on <paramref name="paths"/>.</summary>
    public static FileStream? TryExclusive(DataPaths paths)
    {
        Directory.CreateDirectory(paths.FullRoot);
        try
        {
            return new FileStream(Path.Combine(paths.FullRoot, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }
}
