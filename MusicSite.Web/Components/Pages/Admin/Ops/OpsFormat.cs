using System.Globalization;

namespace MusicSite.Web.Components.Pages.Admin.Ops;

/// <summary>Sizes and ages as the backups and health pages show them.</summary>
public static class OpsFormat
{
    private static readonly string[] Units = ["bytes", "KiB", "MiB", "GiB", "TiB"];

    /// <summary>"512 bytes", "3.4 MiB".</summary>
    public static string Bytes(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes" : $"{value.ToString("0.#", CultureInfo.InvariantCulture)} {Units[unit]}";
    }

    /// <summary>"5 minutes", "3 hours", "2 days".</summary>
    public static string Age(TimeSpan age) =>
        age.TotalDays >= 2 ? $"{(int)age.TotalDays} days"
        : age.TotalHours >= 2 ? $"{(int)age.TotalHours} hours"
        : age.TotalMinutes >= 2 ? $"{(int)age.TotalMinutes} minutes"
        : "just now";
}
