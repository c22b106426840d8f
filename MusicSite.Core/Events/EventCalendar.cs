using System.Globalization;
using System.Text;

namespace MusicSite.Events;

/// <summary>
/// The one writer of iCalendar (RFC 5545) for events, for one event's "add to calendar" file and for the feed of
/// upcoming events: CRLF line ends, lines folded at 75 octets without splitting a UTF-8 character, TEXT values
/// escaped, times in UTC ("Z"), and a UID that stays the same for an event however often it is fetched or edited.
/// </summary>
public static class EventCalendar
{
    public const string ContentType = "text/calendar";
    private const int MaxLineOctets = 75;

    /// <summary>A VCALENDAR holding <paramref name="events"/>. <paramref name="siteUrl"/> is the site's public address
    /// (no trailing slash): events link to their page there, and its host makes the UIDs unique to this site.</summary>
    public static string Write(IEnumerable<EventDetail> events, string siteUrl, DateTime stamp, string? calendarName = null)
    {
        var host = Uri.TryCreate(siteUrl, UriKind.Absolute, out var site) ? site.Host : "musicsite";
        var text = new StringBuilder();
        Line(text, "BEGIN:VCALENDAR");
        Line(text, "VERSION:2.0");
        Line(text, "PRODID:-//MusicSite//Events//EN");
        Line(text, "CALSCALE:GREGORIAN");
        Line(text, "METHOD:PUBLISH");
        if (calendarName is not null)
        {
            Line(text, "X-WR-CALNAME:" + Escape(calendarName));
        }
        foreach (var e in events)
        {
            var page = $"{siteUrl}/events/{e.Id.ToString(CultureInfo.InvariantCulture)}";
            Line(text, "BEGIN:VEVENT");
            Line(text, $"UID:event-{e.Id.ToString(CultureInfo.InvariantCulture)}@{host}");
            Line(text, "DTSTAMP:" + Utc(stamp));
            Line(text, "DTSTART:" + Utc(e.StartsAt));
            if (e.EndsAt is { } end)
            {
                Line(text, "DTEND:" + Utc(end));
            }
            Line(text, "SUMMARY:" + Escape(e.Title));
            if (Description(e) is { Length: > 0 } description)
            {
                Line(text, "DESCRIPTION:" + Escape(description));
            }
            Line(text, "LOCATION:" + Escape(string.Join(", ", new[] { e.VenueName, e.VenueAddress, e.VenueCity }.Where(p => !string.IsNullOrWhiteSpace(p)))));
            Line(text, "URL:" + page);
            Line(text, "LAST-MODIFIED:" + Utc(e.UpdatedAt));
            Line(text, "END:VEVENT");
        }
        Line(text, "END:VCALENDAR");
        return text.ToString();
    }

    /// <summary>A TEXT value escaped as RFC 5545 §3.3.11 says: backslash, semicolon, comma and line breaks.</summary>
    public static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\n", StringComparison.Ordinal)
        .Replace('\r', '\n')
        .Replace("\n", "\\n", StringComparison.Ordinal);

    private static string? Description(EventDetail e)
    {
        var parts = new List<string>();
        if (e.Artist is { } artist)
        {
            parts.Add("Artist: " + artist.DisplayName);
        }
        if (!string.IsNullOrWhiteSpace(e.Description))
        {
            parts.Add(e.Description);
        }
        if (e.TicketUrl is { } tickets)
        {
            parts.Add("Tickets: " + tickets);
        }
        return parts.Count == 0 ? null : string.Join("\n\n", parts);
    }

    private static string Utc(DateTime value) =>
        DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes one content line, folded: at most 75 octets per physical line, continuation lines starting with
    /// a space (which counts toward their 75), never inside a UTF-8 sequence or a surrogate pair.</summary>
    private static void Line(StringBuilder text, string line)
    {
        var octets = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var width = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var bytes = Encoding.UTF8.GetByteCount(line.AsSpan(i, width));
            if (octets + bytes > MaxLineOctets)
            {
                text.Append("\r\n ");
                octets = 1;
            }
            text.Append(line, i, width);
            octets += bytes;
            i += width - 1;
        }
        text.Append("\r\n");
    }
}
