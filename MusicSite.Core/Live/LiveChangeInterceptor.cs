using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MusicSite.Catalog;
using MusicSite.Community;
using MusicSite.Notifications;

namespace MusicSite.Live;

/// <summary>
/// Notices, in every SaveChanges, the changes live streams show (notifications added or read, comments added, edited
/// or deleted, a track's processing state or progress) and pulses their topics once the save has succeeded. Bulk
/// statements (ExecuteUpdate/ExecuteDelete) bypass it: the streams' periodic re-read covers those.
/// </summary>
public sealed class LiveChangeInterceptor(LiveSignals signals) : SaveChangesInterceptor
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, HashSet<string>> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var topics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            switch (entry.Entity)
            {
                case Notification n:
                    topics.Add(LiveTopics.Notifications(n.UserId));
                    break;
                case TrackComment c:
                    topics.Add(LiveTopics.Comments(c.TrackId));
                    break;
                case Track t when entry.State != EntityState.Modified
                                  || entry.Property(nameof(Track.State)).IsModified
                                  || entry.Property(nameof(Track.ProcessingProgress)).IsModified
                                  || entry.Property(nameof(Track.ProcessingStep)).IsModified:
                    topics.Add(LiveTopics.Progress(t.Id));
                    topics.Add(LiveTopics.Uploads(t.UploaderId));
                    break;
            }
        }
        _pending.AddOrUpdate(context, topics);
    }

    private void Flush(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var topics))
        {
            return;
        }
        _pending.Remove(context);
        foreach (var topic in topics)
        {
            signals.Pulse(topic);
        }
    }
}
