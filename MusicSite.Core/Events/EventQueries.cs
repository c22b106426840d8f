using Microsoft.EntityFrameworkCore;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Events;

/// <summary>An event in a list: when, what, where, who.</summary>
public sealed record EventSummary(int Id, string Title, DateTime StartsAt, DateTime? EndsAt, string TimeZone, string VenueName,
    string VenueCity, UploaderRef? Artist);

/// <summary>A track an event lists, as the viewer may see it.</summary>
public sealed record EventTrackRef(int Id, string Title, string ArtistName, DateTime UpdatedAt);

/// <summary>An event page: everything about it, with the linked tracks the viewer may see, in the event's order.</summary>
public sealed record EventDetail(int Id, string Title, string? Description, DateTime StartsAt, DateTime? EndsAt, string TimeZone,
    string VenueName, string? VenueAddress, string VenueCity, string? TicketUrl, UploaderRef? Artist, IReadOnlyList<EventTrackRef> Tracks,
    DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>Reading events: upcoming and past lists, one event, the calendar feed, and the choices of the event form.
/// The one owner of what "upcoming" means: starting now or later, or started and not yet ended.</summary>
public sealed class EventQueries(MusicSiteDbContext db, TrackCatalog catalog, TimeProvider clock)
{
    /// <summary>The feed holds at most this many upcoming events, soonest first.</summary>
    public const int FeedLimit = 200;

    /// <summary>Upcoming events, soonest first.</summary>
    public Task<(IReadOnlyList<EventSummary> Items, int Total)> UpcomingAsync(int page, int limit, CancellationToken cancellationToken)
    {
        var now = Now;
        return PageAsync(db.Events.Where(e => e.StartsAt >= now || (e.EndsAt != null && e.EndsAt >= now))
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Id), page, limit, cancellationToken);
    }

    /// <summary>Events that are over, most recent first.</summary>
    public Task<(IReadOnlyList<EventSummary> Items, int Total)> PastAsync(int page, int limit, CancellationToken cancellationToken)
    {
        var now = Now;
        return PageAsync(db.Events.Where(e => e.StartsAt < now && (e.EndsAt == null || e.EndsAt < now))
            .OrderByDescending(e => e.StartsAt).ThenByDescending(e => e.Id), page, limit, cancellationToken);
    }

    /// <summary>True when the event has not ended: the rule the lists use, for one event.</summary>
    public bool IsUpcoming(EventDetail detail) => detail.StartsAt >= Now || detail.EndsAt >= Now;

    /// <summary>Upcoming events with every field the calendar needs (not their tracks), soonest first.</summary>
    public async Task<IReadOnlyList<EventDetail>> FeedAsync(CancellationToken cancellationToken)
    {
        var (items, _) = await UpcomingAsync(1, FeedLimit, cancellationToken);
        var ids = items.Select(i => i.Id).ToList();
        var rows = await db.Events.AsNoTracking().Include(e => e.Artist).Where(e => ids.Contains(e.Id)).ToListAsync(cancellationToken);
        return rows.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Select(e => Detail(e, [])).ToList();
    }

    public async Task<EventDetail?> FindAsync(int id, Viewer viewer, CancellationToken cancellationToken)
    {
        var row = await db.Events.AsNoTracking().Include(e => e.Artist).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (row is null)
        {
            return null;
        }
        var tracks = await db.EventTracks.Where(et => et.EventId == id)
            .Join(catalog.Visible(viewer).Where(t => t.State == TrackState.Ready), et => et.TrackId, t => t.Id, (et, t) => new { et.Position, t.Id, t.Title, t.ArtistName, t.UpdatedAt })
            .OrderBy(t => t.Position).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);
        return Detail(row, tracks.Select(t => new EventTrackRef(t.Id, t.Title, t.ArtistName, t.UpdatedAt)).ToList());
    }

    /// <summary>The ids of every track linked to the event, visible or not (for the edit form, which keeps them).</summary>
    public async Task<IReadOnlyList<int>> LinkedTrackIdsAsync(int id, CancellationToken cancellationToken) =>
        await db.EventTracks.Where(t => t.EventId == id).OrderBy(t => t.Position).Select(t => t.TrackId).ToListAsync(cancellationToken);

    /// <summary>Ready tracks of <paramref name="artistId"/> the viewer may see: what the event form offers to link.</summary>
    public async Task<IReadOnlyList<(int Id, string Title)>> TrackChoicesAsync(int artistId, Viewer viewer, CancellationToken cancellationToken) =>
        (await catalog.Visible(viewer).Where(t => t.UploaderId == artistId && t.State == TrackState.Ready)
            .OrderBy(t => t.Title).ThenBy(t => t.Id).Select(t => new { t.Id, t.Title }).Take(200).ToListAsync(cancellationToken))
        .Select(t => (t.Id, t.Title)).ToList();

    /// <summary>Accounts with the artist role, by name: whom an admin may name as an event's artist.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> ArtistChoicesAsync(CancellationToken cancellationToken) =>
        (await ArtistAccounts().OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Select(u => new { u.Id, u.DisplayName }).Take(1000)
            .ToListAsync(cancellationToken)).Select(u => (u.Id, u.DisplayName)).ToList();

    internal IQueryable<AppUser> ArtistAccounts() =>
        db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Artist)));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static async Task<(IReadOnlyList<EventSummary> Items, int Total)> PageAsync(IQueryable<Event> events, int page, int limit,
        CancellationToken cancellationToken)
    {
        var total = await events.CountAsync(cancellationToken);
        var items = await events.Skip(Paging.Offset(page, limit)).Take(limit)
            .Select(e => new EventSummary(e.Id, e.Title, e.StartsAt, e.EndsAt, e.TimeZone, e.VenueName, e.VenueCity,
                e.ArtistId == null ? null : new UploaderRef(e.Artist!.Id, e.Artist.DisplayName, e.Artist.ArtistSlug)))
            .ToListAsync(cancellationToken);
        return (items, total);
    }

    private static EventDetail Detail(Event e, IReadOnlyList<EventTrackRef> tracks) =>
        new(e.Id, e.Title, e.Description, e.StartsAt, e.EndsAt, e.TimeZone, e.VenueName, e.VenueAddress, e.VenueCity, e.TicketUrl,
            e.Artist is { } a ? new UploaderRef(a.Id, a.DisplayName, a.ArtistSlug) : null, tracks, e.CreatedAt, e.UpdatedAt);
}
