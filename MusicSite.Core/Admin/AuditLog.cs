using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Admin;

/// <summary>Who acted, as the audit log records it. The web edge builds it from the request; background work
/// uses <see cref="System"/>.</summary>
public sealed record AuditActor(int? UserId, string Name, string? ClientAddress, string? UserAgent)
{
    public static readonly AuditActor System = new(null, "system", null, null);
}

/// <summary>A filter over the audit log; every part is optional. <see cref="Action"/> is one action
/// ("user.lock") or an area ("auth" or "auth."): every action of that area. <see cref="ActorName"/> matches the
/// name recorded at the time, in any letter case. <see cref="From"/> is inclusive and <see cref="To"/> exclusive, UTC.</summary>
public sealed record AuditQuery(string? EntityType = null, string? EntityId = null, int? ActorId = null, string? Action = null,
    string? ActorName = null, DateTime? From = null, DateTime? To = null)
{
    /// <summary>The action prefix an area filter stands for ("auth." for "auth" or "auth."), or null for one exact action.</summary>
    public static string? AreaPrefix(string action) =>
        action.EndsWith('.') ? action : action.Contains('.', StringComparison.Ordinal) ? null : action + ".";
}

/// <summary>The audit store: one table, written by every change that must be accountable, read by the admin pages.</summary>
public sealed class AuditLog(MusicSiteDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds an entry to the unit of work: it is saved by the same SaveChanges as the change it records,
    /// so a change is never kept without its entry, nor an entry without its change.</summary>
    public AuditEntry Record(AuditActor actor, string action, string entityType, object? entityId, object? before, object? after)
    {
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorId = actor.UserId,
            ActorName = Truncate(actor.Name, 256) ?? "",
            Action = action,
            EntityType = entityType,
            EntityId = entityId is null ? null : Convert.ToString(entityId, CultureInfo.InvariantCulture),
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            ClientAddress = Truncate(actor.ClientAddress, 64),
            UserAgent = Truncate(actor.UserAgent, AuditEntry.UserAgentMaxLength),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>Entries matching <paramref name="query"/>, newest first.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Items, int Total)> ListAsync(AuditQuery query, int page, int limit,
        CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (query.EntityType is { } type)
        {
            entries = entries.Where(e => e.EntityType == type);
        }
        if (query.EntityId is { } id)
        {
            entries = entries.Where(e => e.EntityId == id);
        }
        if (query.ActorId is { } actor)
        {
            entries = entries.Where(e => e.ActorId == actor);
        }
        if (query.Action is { Length: > 0 } action)
        {
            var prefix = AuditQuery.AreaPrefix(action);
            entries = prefix is null ? entries.Where(e => e.Action == action) : entries.Where(e => e.Action.StartsWith(prefix));
        }
        if (query.ActorName is { Length: > 0 } name)
        {
            entries = entries.Where(e => EF.Functions.Collate(e.ActorName, "NOCASE") == name);
        }
        if (query.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }
        if (query.To is { } to)
        {
            entries = entries.Where(e => e.At < to);
        }
        var total = await entries.CountAsync(cancellationToken);
        var items = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(Paging.Offset(page, limit)).Take(limit).ToListAsync(cancellationToken);
        return (items, total);
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
