using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;

namespace MusicSite.Web.Components.Shared;

/// <summary>Pieces of server-drawn SVG charts. Razor reserves <c>&lt;text&gt;</c>, so the SVG text element is written
/// out here (its content encoded); numbers are written with a dot whatever the culture.</summary>
public static class SvgText
{
    public static MarkupString Label(string cssClass, double x, double y, string anchor, string content) => new(
        $"<text class=\"{cssClass}\" x=\"{Number(x)}\" y=\"{Number(y)}\" text-anchor=\"{anchor}\">{WebUtility.HtmlEncode(content)}</text>");

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The top of a scale: the largest value rounded up to a "nice" number (1, 2… or 10, 20… times a power of
    /// ten), at least <paramref name="minimum"/>.</summary>
    public static int NiceMax(int largest, int minimum = 4)
    {
        var peak = Math.Max(minimum, largest);
        var step = (int)Math.Pow(10, Math.Floor(Math.Log10(peak)));
        return (int)Math.Ceiling(peak / (double)step) * step;
    }
}
