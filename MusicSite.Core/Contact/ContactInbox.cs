using Microsoft.EntityFrameworkCore;
using MusicSite.Admin;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Contact;

/// <summary>Which messages the inbox lists.</summary>
public enum InboxFilter
{
    All,
    Unread,
    Unhandled,
}

/// <summary>A line of the inbox list (the text itself only on the message's own page).</summary>
public sealed record InboxItem(int Id, string Name, string Email, string Subject, DateTime CreatedAt, DateTime? ReadAt, DateTime? HandledAt);

/// <summary>A message as the admin reads it: plain text, shown with its line breaks.</summary>
public sealed record InboxMessage(int Id, string Name, string Email, string Subject, string Message, int? UserId, string? ClientAddress,
    string? UserAgent, DateTime CreatedAt, DateTime? ReadAt, DateTime? HandledAt);

/// <summary>
/// The admins' contact inbox: messages newest first, filtered by state; opening one marks it read; an admin marks it
/// handled (or not handled again), which is audited (message.handled, message.unhandled). Writing them is
/// <see cref="ContactDesk"/>'s.
/// </summary>
public sealed class ContactInbox(MusicSiteDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string EntityType = "ContactMessage";

    public async Task<(IReadOnlyList<InboxItem> Items, int Total)> ListAsync(InboxFilter filter, int page, int limit,
        CancellationToken cancellationToken)
    {
        var messages = db.ContactMessages.AsNoTracking();
        messages = filter switch
        {
            InboxFilter.Unread => messages.Where(m => m.ReadAt == null),
            InboxFilter.Unhandled => messages.Where(m => m.HandledAt == null),
            _ => messages,
        };
        var total = await messages.CountAsync(cancellationToken);
        var items = await messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Skip(Paging.Offset(page, limit)).Take(limit)
            .Select(m => new InboxItem(m.Id, m.Name, m.Email, m.Subject, m.CreatedAt, m.ReadAt, m.HandledAt)).ToListAsync(cancellationToken);
        return (items, total);
    }

    /// <summary>How many messages nobody has opened yet.</summary>
    public Task<int> UnreadCountAsync(CancellationToken cancellationToken) =>
        db.ContactMessages.CountAsync(m => m.ReadAt == null, cancellationToken);

    /// <summary>Opens message <paramref name="id"/>: marks it read the first time. Null when there is none.</summary>
    public async Task<InboxMessage?> OpenAsync(int id, CancellationToken cancellationToken)
    {
        var message = await db.ContactMessages.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
        {
            return null;
        }
        if (message.ReadAt is null)
        {
            message.ReadAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
        return View(message);
    }

    /// <summary>Marks the message handled (or, with <paramref name="handled"/> false, waiting again); a change is audited.
    /// Marking handled also marks it read.</summary>
    public async Task<ServiceResult<InboxMessage>> SetHandledAsync(int id, bool handled, AuditActor actor, CancellationToken cancellationToken)
    {
        var message = await db.ContactMessages.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
        {
            return ServiceResult<InboxMessage>.Invalid("message", "No contact message has this id.", ErrorCodes.MessageNotFound);
        }
        if ((message.HandledAt is not null) != handled)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            audit.Record(actor, handled ? "message.handled" : "message.unhandled", EntityType, message.Id,
                new { message.Subject, message.HandledAt }, new { HandledAt = handled ? now : (DateTime?)null });
            message.HandledAt = handled ? now : null;
            message.ReadAt ??= now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return ServiceResult<InboxMessage>.Ok(View(message));
    }

    private static InboxMessage View(ContactMessage m) =>
        new(m.Id, m.Name, m.Email, m.Subject, m.Message, m.UserId, m.ClientAddress, m.UserAgent, m.CreatedAt, m.ReadAt, m.HandledAt);
}
