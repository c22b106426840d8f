using System.Globalization;
using MusicSite.Catalog;
using MusicSite.Events;

namespace MusicSite.Web.Api;

/// <summary>The one owner of event addresses: the page, its calendar file, the feed, the API, and the venue's map search.</summary>
public static class EventUrls
{
    public const string Feed = "/events/feed.ics";

    public static string Page(int id) => "/events/" + id.ToString(CultureInfo.InvariantCulture);

    public static string Calendar(int id) => Page(id) + ".ics";

    public static string Edit(int id) => Page(id) + "/edit";

    public static string Api(int id) => "/api/events/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>An OpenStreetMap search for the venue: name, address and city as one query.</summary>
    public static string Map(string venueName, string? venueAddress, string venueCity) =>
        "https://www.openstreetmap.org/search?query=" +
        Uri.EscapeDataString(string.Join(", ", new[] { venueName, venueAddress, venueCity }.Where(p => !string.IsNullOrWhiteSpace(p))));
}

public sealed record EventLinks(string Page, string Calendar, string Api)
{
    public static EventLinks For(int id) => new(EventUrls.Page(id), EventUrls.Calendar(id), EventUrls.Api(id));
}

/// <summary>The venue in JSON; <c>mapUrl</c> searches it on OpenStreetMap.</summary>
public sealed record EventVenue(string Name, string? Address, string City, string MapUrl)
{
    public static EventVenue Of(string name, string? address, string city) => new(name, address, city, EventUrls.Map(name, address, city));
}

/// <summary>The artist of an event in JSON, with their page.</summary>
public sealed record EventArtist(int Id, string DisplayName, string Url)
{
    public static EventArtist? Of(UploaderRef? artist) => artist is null ? null : new(artist.Id, artist.DisplayName, ArtistUrls.Page(artist));
}

/// <summary>An event in a JSON list. Times are UTC; <c>localStartsAt</c> is the same instant with the venue's offset.</summary>
public sealed record EventListItem(int Id, string Title, DateTime StartsAt, DateTime? EndsAt, string TimeZone, DateTimeOffset LocalStartsAt,
    EventVenue Venue, EventArtist? Artist, EventLinks Urls)
{
    public static EventListItem From(EventSummary e) => new(e.Id, e.Title, e.StartsAt, e.EndsAt, e.TimeZone, EventTimes.InZone(e.StartsAt, e.TimeZone),
        EventVenue.Of(e.VenueName, null, e.VenueCity), EventArtist.Of(e.Artist), EventLinks.For(e.Id));

    public static IReadOnlyList<EventListItem> From(IEnumerable<EventSummary> events) => events.Select(From).ToList();
}

public sealed record EventTrackItem(int Id, string Title, string ArtistName, string Url, string ArtworkUrl);

/// <summary>One event in JSON.</summary>
public sealed record EventResponse(int Id, string Title, string? Description, DateTime StartsAt, DateTime? EndsAt, string TimeZone,
    DateTimeOffset LocalStartsAt, DateTimeOffset? LocalEndsAt, EventVenue Venue, string? TicketUrl, EventArtist? Artist,
    IReadOnlyList<EventTrackItem> Tracks, bool Upcoming, DateTime CreatedAt, DateTime UpdatedAt, EventLinks Urls)
{
    public static EventResponse From(EventDetail e, bool upcoming) => new(e.Id, e.Title, e.Description, e.StartsAt, e.EndsAt, e.TimeZone,
        EventTimes.InZone(e.StartsAt, e.TimeZone), e.EndsAt is { } end ? EventTimes.InZone(end, e.TimeZone) : null,
        EventVenue.Of(e.VenueName, e.VenueAddress, e.VenueCity), e.TicketUrl, EventArtist.Of(e.Artist),
        e.Tracks.Select(t => new EventTrackItem(t.Id, t.Title, t.ArtistName, "/tracks/" + t.Id.ToString(CultureInfo.InvariantCulture), ArtworkUrls.TrackThumbnail(t.Id, t.UpdatedAt))).ToList(),
        upcoming, e.CreatedAt, e.UpdatedAt, EventLinks.For(e.Id));
}
