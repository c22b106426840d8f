using System.Globalization;

namespace MusicSite.Events;

/// <summary>
/// The one owner of event time zones: which zone names are accepted (IANA names the machine's tz database knows),
/// how a wall-clock time at the venue becomes the stored UTC instant, and how an instant reads in a zone.
/// </summary>
public static class EventTimes
{
    /// <summary>The format of a datetime-local form field ("2026-12-05T20:00"); seconds are accepted too.</summary>
    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    private static readonly string[] LocalFormats = [LocalFormat, "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    private static readonly Lazy<IReadOnlyList<string>> AllZones = new(() => TimeZoneInfo.GetSystemTimeZones()
        .Where(z => z.HasIanaId).Select(z => z.Id).Append("UTC").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());

    /// <summary>The IANA zone names offered by the event form, sorted.</summary>
    public static IReadOnlyList<string> Zones => AllZones.Value;

    /// <summary>The zone for an IANA name ("Europe/Berlin"), or null for anything else: unknown names, Windows names
    /// ("W. Europe Standard Time") and text with path tricks are refused.</summary>
    public static TimeZoneInfo? FindZone(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > Event.TimeZoneMaxLength || name.Contains("..", StringComparison.Ordinal)
            || name.StartsWith('/') || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+')))
        {
            return null;
        }
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(name);
            return zone.HasIanaId ? zone : null;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>A datetime-local value as a wall-clock time (no zone), or null when it is not one.</summary>
    public static DateTime? ParseLocal(string? text) =>
        DateTime.TryParseExact(text?.Trim(), LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
        && local.Year is >= 2000 and <= 2100
            ? DateTime.SpecifyKind(local, DateTimeKind.Unspecified)
            : null;

    /// <summary>The UTC instant of a wall-clock time in <paramref name="zone"/>. A time the clocks skip (the hour lost
    /// when summer time starts) has no instant: null. A time that happens twice (the hour repeated when it ends) is
    /// taken as the first of the two, as a poster printed before the change means.</summary>
    public static DateTime? ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return null;
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    /// <summary>The instant as the clocks in <paramref name="zone"/> show it, with that moment's offset.</summary>
    public static DateTimeOffset InZone(DateTime utc, TimeZoneInfo zone)
    {
        utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        var offset = zone.GetUtcOffset(utc);
        return new DateTimeOffset(DateTime.SpecifyKind(utc + offset, DateTimeKind.Unspecified), offset);
    }

    /// <summary>The instant in the named zone; UTC when the name is not a known zone (a stored zone is always known).</summary>
    public static DateTimeOffset InZone(DateTime utc, string zoneName) => InZone(utc, FindZone(zoneName) ?? TimeZoneInfo.Utc);

    /// <summary>The value a datetime-local field shows for an instant at the venue.</summary>
    public static string ToLocalField(DateTime utc, string zoneName) =>
        InZone(utc, zoneName).DateTime.ToString(LocalFormat, CultureInfo.InvariantCulture);

    /// <summary>"UTC+01:00", "UTC-05:00", "UTC": the offset as people read it.</summary>
    public static string OffsetName(TimeSpan offset) => offset == TimeSpan.Zero
        ? "UTC"
        : "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
