using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Media;

namespace MusicSite.Uploads;

public enum AppendStatus
{
    Appended,
    OffsetMismatch,
    TooLong,
    /// <summary>Another request is writing to this upload right now.</summary>
    Locked,
    /// <summary>The upload was deleted while this chunk waited.</summary>
    Gone,
}

/// <summary>
/// The storage side of tus 1.0 (core, creation, termination): a session row and a file in uploads/ that
/// grows chunk by chunk. Whatever arrived before a dropped connection is kept, so the client resumes from
/// there. A completed upload becomes a track through <see cref="TrackUploadService"/>.
/// </summary>
public sealed class ResumableUploads(MusicSiteDbContext db, IOptions<MusicSiteOptions> siteOptions, IOptions<UploadOptions> uploadOptions,
    UploadLocks locks, TimeProvider clock, ILogger<ResumableUploads> logger)
{
    public const string FilePrefix = "tus-";

    public long MaxLength => uploadOptions.Value.MaxUploadBytes;

    public async Task<UploadSession> CreateAsync(int ownerId, long length, string? fileName, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new UploadSession
        {
            Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
            OwnerId = ownerId,
            Length = length,
            FileName = fileName is { Length: > 255 } ? fileName[..255] : fileName,
            CreatedAt = now,
            UpdatedAt = now,
        };
        Directory.CreateDirectory(siteOptions.Value.Paths.Uploads);
        await File.WriteAllBytesAsync(PathOf(session), [], cancellationToken);
        db.UploadSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    /// <summary>The owner's session, or null: another user's upload does not exist for them.</summary>
    public Task<UploadSession?> FindAsync(string id, int ownerId, CancellationToken cancellationToken) =>
        db.UploadSessions.FirstOrDefaultAsync(u => u.Id == id && u.OwnerId == ownerId, cancellationToken);

    /// <summary>Appends a chunk at <paramref name="offset"/>. The bytes that arrived are kept even when the client
    /// goes away mid-chunk.</summary>
    public async Task<AppendStatus> AppendAsync(UploadSession session, long offset, Stream body, CancellationToken cancellationToken)
    {
        using var held = locks.TryTake(session.Id);
        if (held is null)
        {
            return AppendStatus.Locked;
        }
        // The row may have been read before a chunk that just finished: its offset is only trusted under the lock.
        await db.Entry(session).ReloadAsync(cancellationToken);
        if (db.Entry(session).State == EntityState.Detached)
        {
            return AppendStatus.Gone;
        }
        if (offset != session.Offset)
        {
            return AppendStatus.OffsetMismatch;
        }
        long written = 0;
        var status = AppendStatus.Appended;
        await using (var file = new FileStream(PathOf(session), FileMode.Open, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            file.SetLength(session.Offset); // a half-written chunk from a crash is discarded, not trusted
            file.Seek(session.Offset, SeekOrigin.Begin);
            var buffer = new byte[81920];
            try
            {
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    var room = session.Length - session.Offset - written;
                    if (read > room)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, (int)room), CancellationToken.None);
                        written += room;
                        status = AppendStatus.TooLong;
                        break;
                    }
                    await file.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None);
                    written += read;
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or Microsoft.AspNetCore.Http.BadHttpRequestException)
            {
                logger.LogInformation("Upload {Id} was interrupted after {Bytes} more bytes; it can resume", session.Id, written);
            }
            await file.FlushAsync(CancellationToken.None);
        }
        session.Offset += written;
        session.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(CancellationToken.None);
        return status;
    }

    /// <summary>Deletes the upload; false while a chunk is being written to it.</summary>
    public async Task<bool> TerminateAsync(UploadSession session, CancellationToken cancellationToken)
    {
        using var held = locks.TryTake(session.Id);
        if (held is null)
        {
            return false;
        }
        File.Delete(PathOf(session));
        db.UploadSessions.Remove(session);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>A completed upload as a staged file for the track service; the session goes once the track exists.</summary>
    public async Task<(StagedFile? File, UploadSession? Session)> CompletedAsync(string id, int ownerId, CancellationToken cancellationToken)
    {
        var session = await FindAsync(id, ownerId, cancellationToken);
        return session is null || session.Offset != session.Length || !File.Exists(PathOf(session))
            ? (null, session)
            : (new StagedFile(PathOf(session), session.Length, deleteUnclaimed: false), session);
    }

    public async Task ForgetAsync(UploadSession session, CancellationToken cancellationToken)
    {
        db.UploadSessions.Remove(session);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes uploads nobody touched for <see cref="UploadOptions.AbandonedUploadHours"/>, and files without a session.</summary>
    public async Task<int> CleanAbandonedAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddHours(-uploadOptions.Value.AbandonedUploadHours);
        var stale = await db.UploadSessions.Where(u => u.UpdatedAt <= cutoff).ToListAsync(cancellationToken);
        foreach (var session in stale)
        {
            File.Delete(PathOf(session));
        }
        db.UploadSessions.RemoveRange(stale);
        await db.SaveChangesAsync(cancellationToken);

        var known = (await db.UploadSessions.Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
        var dir = siteOptions.Value.Paths.Uploads;
        var orphans = Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, FilePrefix + "*").Where(f => !known.Contains(Path.GetFileName(f)[FilePrefix.Length..])).ToList()
            : [];
        orphans.ForEach(File.Delete);
        return stale.Count + orphans.Count;
    }

    private string PathOf(UploadSession session) => Path.Combine(siteOptions.Value.Paths.Uploads, FilePrefix + session.Id);
}
