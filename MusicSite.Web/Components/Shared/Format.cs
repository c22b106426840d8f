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
}
