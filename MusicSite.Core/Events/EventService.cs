using Microsoft.EntityFrameworkCore;
using MusicSite.Admin;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Events;

/// <summary>
/// Writing events: create, edit and delete, by admins (any event, recorded in the audit log in the same save) and by
/// artists (only their own: the event's artist is the artist who writes it). The one owner of who may change an event.
/// </summary>
public sealed class EventService(MusicSiteDbContext db, EventQueries queries, TrackCatalog catalog, AuditLog audit, TimeProvider clock)
{
    public const string EntityType = "Event";

    /// <summary>Admins change any event; an artist only an event whose artist they are.</summary>
    public static bool MayManage(Viewer viewer, int? artistId) =>
        viewer.IsAdmin || (viewer.IsArtist && viewer.UserId is { } id && artistId == id);

    /// <summary>Admins and artists may create events.</summary>
    public static bool MayCreate(Viewer viewer) => viewer.MayUpload;

    public async Task<ServiceResult<Event>> CreateAsync(EventInput input, Viewer viewer, AuditActor actor, CancellationToken cancellationToken)
    {
        if (!MayCreate(viewer))
        {
            return ServiceResult<Event>.Invalid("event", "Only artists and admins can add events.", ErrorCodes.UnauthorizedAccess);
        }
        var errors = new FieldErrors();
        var artistId = viewer.IsAdmin ? await ArtistIdAsync(input.ArtistId, null, errors, cancellationToken) : viewer.UserId;
        if (await CheckAsync(input, artistId, viewer, errors, cancellationToken) is not { } values)
        {
            return ServiceResult<Event>.Invalid(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var entity = new Event { ArtistId = artistId, CreatedById = viewer.UserId, CreatedAt = now };
        Apply(entity, values, now);
        db.Events.Add(entity);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (viewer.IsAdmin)
        {
            // The id exists only once the row is written; the entry follows in the same transaction.
            audit.Record(actor, "event.create", EntityType, entity.Id, null, EventAuditValues.Of(entity));
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return ServiceResult<Event>.Ok(entity);
    }

    public async Task<ServiceResult<Event>> UpdateAsync(int id, EventInput input, Viewer viewer, AuditActor actor, CancellationToken cancellationToken)
    {
        var entity = await db.Events.Include(e => e.Tracks).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (Refuse(entity, viewer) is { } refusal)
        {
            return refusal;
        }
        var errors = new FieldErrors();
        var artistId = viewer.IsAdmin ? await ArtistIdAsync(input.ArtistId, entity!.ArtistId, errors, cancellationToken) : entity!.ArtistId;
        if (await CheckAsync(input, artistId, viewer, errors, cancellationToken) is not { } values)
        {
            return ServiceResult<Event>.Invalid(errors);
        }
        var before = EventAuditValues.Of(entity);
        entity.ArtistId = artistId;
        Apply(entity, values, clock.GetUtcNow().UtcDateTime);
        if (viewer.IsAdmin)
        {
            audit.Record(actor, "event.update", EntityType, id, before, EventAuditValues.Of(entity));
        }
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<Event>.Ok(entity);
    }

    /// <summary>Deletes the event (its track links go with it); every deletion is recorded, by an admin or the artist.</summary>
    public async Task<ServiceResult<Event>> DeleteAsync(int id, Viewer viewer, AuditActor actor, CancellationToken cancellationToken)
    {
        var entity = await db.Events.Include(e => e.Tracks).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (Refuse(entity, viewer) is { } refusal)
        {
            return refusal;
        }
        audit.Record(actor, "event.delete", EntityType, id, EventAuditValues.Of(entity!), null);
        db.Events.Remove(entity!);
        await db.SaveChangesAsync(cancellationToken);
        return ServiceResult<Event>.Ok(entity!);
    }

    private static ServiceResult<Event>? Refuse(Event? entity, Viewer viewer) => entity switch
    {
        null => ServiceResult<Event>.Invalid("event", "No event has this id.", ErrorCodes.EventNotFound),
        _ when !MayManage(viewer, entity.ArtistId) =>
            ServiceResult<Event>.Invalid("event", "Only the event's artist or an admin can change it.", ErrorCodes.UnauthorizedAccess),
        _ => null,
    };

    private async Task<EventValues?> CheckAsync(EventInput input, int? artistId, Viewer viewer, FieldErrors errors,
        CancellationToken cancellationToken)
    {
        var values = EventFields.Check(input, errors);
        // Checked even when other fields failed, so the form shows every message at once.
        var ids = values?.TrackIds.ToList() ?? EventFields.TrackIds(input.TrackIds, new FieldErrors()).ToList();
        if (ids.Count == 0)
        {
            return errors.Any ? null : values;
        }
        // A linked track is one the writer may see, ready to play, and either the event artist's own or public.
        var allowed = await catalog.Visible(viewer)
            .Where(t => ids.Contains(t.Id) && t.State == TrackState.Ready && (t.IsPublic || t.UploaderId == artistId))
            .Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var missing in ids.Except(allowed))
        {
            errors.Add("trackIds", $"Track {missing} cannot be linked: link the artist's own tracks or public ones.");
        }
        return errors.Any ? null : values;
    }

    /// <summary>The artist an admin names: "" for none, an artist account's id, or (when left out) the current one.</summary>
    private async Task<int?> ArtistIdAsync(string? text, int? current, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            return current;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            && await queries.ArtistAccounts().AnyAsync(u => u.Id == id, cancellationToken))
        {
            return id;
        }
        errors.Add("artistId", "Choose one of the artists.");
        return null;
    }

    private static void Apply(Event entity, EventValues values, DateTime now)
    {
        entity.Title = values.Title;
        entity.Description = values.Description;
        entity.StartsAt = values.StartsAt;
        entity.EndsAt = values.EndsAt;
        entity.TimeZone = values.TimeZone;
        entity.VenueName = values.VenueName;
        entity.VenueAddress = values.VenueAddress;
        entity.VenueCity = values.VenueCity;
        entity.TicketUrl = values.TicketUrl;
        entity.UpdatedAt = now;
        entity.Tracks.RemoveAll(t => !values.TrackIds.Contains(t.TrackId));
        for (var i = 0; i < values.TrackIds.Count; i++)
        {
            var link = entity.Tracks.FirstOrDefault(t => t.TrackId == values.TrackIds[i]);
            if (link is null)
            {
                entity.Tracks.Add(link = new EventTrack { TrackId = values.TrackIds[i] });
            }
            link.Position = i;
        }
    }
}

/// <summary>What the audit log keeps of an event, before and after a change.</summary>
public sealed record EventAuditValues(string Title, DateTime StartsAt, DateTime? EndsAt, string TimeZone, string VenueName, string? VenueAddress,
    string VenueCity, string? TicketUrl, int? ArtistId, IReadOnlyList<int> TrackIds)
{
    public static EventAuditValues Of(Event e) => new(e.Title, e.StartsAt, e.EndsAt, e.TimeZone, e.VenueName, e.VenueAddress, e.VenueCity,
        e.TicketUrl, e.ArtistId, e.Tracks.OrderBy(t => t.Position).Select(t => t.TrackId).ToList());
}
