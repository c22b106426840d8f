using System.Globalization;
using MusicSite.Events;

namespace MusicSite.Web.Components.Pages.Events;

/// <summary>
/// How event times read on the pages, and whose clock they are read on. The visitor's zone comes from <c>?tz=</c>, else
/// the <c>tz</c> cookie that site.js sets from the browser's own zone; without either, the server shows UTC in a
/// <c>&lt;time&gt;</c> that site.js rewrites into the browser's zone (decision 0031).
/// </summary>
public static class EventDisplay
{
    public const string ZoneCookie = "tz";

    /// <summary>The visitor's IANA zone, or null when the request does not say (or names no known zone).</summary>
    public static TimeZoneInfo? VisitorZone(HttpContext context) =>
        EventTimes.FindZone(context.Request.Query["tz"].FirstOrDefault()) ?? EventTimes.FindZone(context.Request.Cookies[ZoneCookie]);

    /// <summary>"Saturday 5 December 2026, 20:00".</summary>
    public static string Moment(DateTimeOffset local) => local.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"Sat 5 Dec 2026, 20:00", for lists.</summary>
    public static string Short(DateTimeOffset local) => local.ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The end after a start: only the time when it is the same day, else the day too.</summary>
    public static string Until(DateTimeOffset start, DateTimeOffset end) =>
        end.Date == start.Date ? end.ToString("HH:mm", CultureInfo.InvariantCulture) : Moment(end);

    /// <summary>"Europe/Berlin, UTC+01:00".</summary>
    public static string Zone(string zoneName, DateTimeOffset local) => $"{zoneName}, {EventTimes.OffsetName(local.Offset)}";

    /// <summary>The machine-readable instant of a &lt;time&gt; element: UTC with "Z".</summary>
    public static string MachineTime(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
