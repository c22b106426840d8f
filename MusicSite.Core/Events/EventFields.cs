using System.Globalization;
using MusicSite.Catalog;
using MusicSite.Common;

namespace MusicSite.Events;

/// <summary>An event as a form or an API body sends it: text fields as typed; times are wall-clock times at the
/// venue (datetime-local, "2026-12-05T20:00") in <see cref="TimeZone"/>. <see cref="ArtistId"/> is read for admins
/// only: an artist's event is always their own.</summary>
public sealed record EventInput(string? Title, string? Description, string? StartsAt, string? EndsAt, string? TimeZone,
    string? VenueName, string? VenueAddress, string? VenueCity, string? TicketUrl, IReadOnlyList<string>? TrackIds, string? ArtistId = null);

/// <summary>An input that passed every field rule: values ready to store.</summary>
public sealed record EventValues(string Title, string? Description, DateTime StartsAt, DateTime? EndsAt, string TimeZone,
    string VenueName, string? VenueAddress, string VenueCity, string? TicketUrl, IReadOnlyList<int> TrackIds);

/// <summary>The one owner of the field rules of an event (the rules that need the database, which tracks may be
/// linked and who may be the artist, are <see cref="EventService"/>'s).</summary>
public static class EventFields
{
    public const int MaxTracks = 20;

    public static EventValues? Check(EventInput input, FieldErrors errors)
    {
        var title = Text(input.Title);
        Required(title, "title", "Enter a title.", Event.TitleMaxLength, errors);
        var description = TrackMetadataRules.NormalizeDescription(input.Description);
        if (description is { Length: > Event.DescriptionMaxLength })
        {
            errors.Add("description", $"The description can be at most {Event.DescriptionMaxLength} characters.");
        }
        TextRules.CheckMultiLine(description, "description", errors);

        var zone = EventTimes.FindZone(Text(input.TimeZone));
        if (zone is null)
        {
            errors.Add("timeZone", "Choose the venue's time zone, such as Europe/Berlin.");
        }
        var startsAt = Instant(input.StartsAt, "startsAt", "start", zone, required: true, errors);
        var endsAt = Instant(input.EndsAt, "endsAt", "end", zone, required: false, errors);
        if (startsAt is { } start && endsAt is { } end && end <= start)
        {
            errors.Add("endsAt", "The end must be after the start.");
        }

        var venueName = Text(input.VenueName);
        Required(venueName, "venueName", "Enter the venue's name.", Event.VenueNameMaxLength, errors);
        var venueAddress = Text(input.VenueAddress);
        Optional(venueAddress, "venueAddress", Event.VenueAddressMaxLength, errors);
        var venueCity = Text(input.VenueCity);
        Required(venueCity, "venueCity", "Enter the city.", Event.VenueCityMaxLength, errors);
        var ticketUrl = Text(input.TicketUrl);
        if (ticketUrl is not null && !IsTicketUrl(ticketUrl))
        {
            errors.Add("ticketUrl", "The ticket link must be a full http:// or https:// address.");
        }
        var trackIds = TrackIds(input.TrackIds, errors);

        return errors.Any ? null : new EventValues(title!, description, startsAt!.Value, endsAt, zone!.Id, venueName!, venueAddress,
            venueCity!, ticketUrl, trackIds);
    }

    /// <summary>An absolute http(s) address with a host, short enough to store, on one line.</summary>
    public static bool IsTicketUrl(string text) =>
        text.Length <= Event.TicketUrlMaxLength && TextRules.IsSingleLine(text) && !text.Any(char.IsWhiteSpace)
        && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0
        && string.IsNullOrEmpty(uri.UserInfo);

    private static DateTime? Instant(string? text, string field, string name, TimeZoneInfo? zone, bool required, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(field, $"Enter the {name} date and time.");
            }
            return null;
        }
        if (EventTimes.ParseLocal(text) is not { } local)
        {
            errors.Add(field, $"Write the {name} as a date and time, such as 2026-12-05T20:00.");
            return null;
        }
        if (zone is null)
        {
            return null;
        }
        if (EventTimes.ToUtc(local, zone) is not { } utc)
        {
            errors.Add(field, $"This {name} time does not exist in {zone.Id}: the clocks skip it when summer time starts.");
            return null;
        }
        return utc;
    }

    /// <summary>The track ids of an input: whole numbers from 1, each once, at most <see cref="MaxTracks"/>.</summary>
    public static IReadOnlyList<int> TrackIds(IReadOnlyList<string>? values, FieldErrors errors)
    {
        var ids = new List<int>();
        foreach (var value in (values ?? []).SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id >= 1)
            {
                if (!ids.Contains(id))
                {
                    ids.Add(id);
                }
            }
            else
            {
                errors.Add("trackIds", "Track ids are whole numbers from 1.");
            }
        }
        if (ids.Count > MaxTracks)
        {
            errors.Add("trackIds", $"An event can list at most {MaxTracks} tracks.");
        }
        return ids;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Required(string? value, string field, string missing, int max, FieldErrors errors)
    {
        if (value is null)
        {
            errors.Add(field, missing);
            return;
        }
        Optional(value, field, max, errors);
    }

    private static void Optional(string? value, string field, int max, FieldErrors errors)
    {
        if (value is { } text && text.Length > max)
        {
            errors.Add(field, $"This can be at most {max} characters.");
        }
        TextRules.CheckSingleLine(value, field, errors);
    }
}
