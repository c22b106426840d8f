using System.Globalization;

namespace MusicSite.Web.Components.Shared;

public static class Format
{
    /// <summary>Seconds as "m:ss" (or "h:mm:ss"); an em dash when unknown.</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s || s < 0 || double.IsNaN(s))
        {
            return "—";
        }
        var span = TimeSpan.FromSeconds(Math.Round(s));
        return span.TotalHours >= 1
            ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : $"{(int)span.TotalMinutes}:{span.Seconds:00}";
    }

    /// <summary>A day as people write it: "7 December 2026" (UTC).</summary>
    public static string Date(DateTime utc) => utc.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A moment as "7 December 2026, 14:05 UTC".</summary>
    public static string Moment(DateTime utc) => utc.ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>A span of listening as "2 h 05 min", "12 min" or "40 s".</summary>
    public static string Hours(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Round(Math.Max(0, seconds)));
        return span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes:00} min"
            : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min"
            : $"{span.Seconds} s";
    }

    /// <summary>A count with its noun: "1 track", "12 tracks".</summary>
    public static string Count(int count, string one, string many) =>
        count == 1 ? $"1 {one}" : $"{count.ToString(CultureInfo.InvariantCulture)} {many}";

    /// <summary>A size in binary units, as disks report it: "512 B", "3.4 MiB", "1.2 GiB".</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = Math.Max(0, bytes);
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{bytes} B" : value.ToString("0.#", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
