using System.Globalization;
using System.Text.RegularExpressions;
using MusicSite.Attribution;
using MusicSite.Common;
using MusicSite.Uploads;

namespace MusicSite.Web.Api;

/// <summary>
/// The "Add stems" page's rows: how many there are, their control names ("stems[2].name", always indexed by row) and
/// how the upload service's messages, which are indexed by the stems actually sent (<see cref="StemUploadService.FieldOf"/>),
/// are put back beside the row they belong to.
/// </summary>
public static partial class StemForm
{
    /// <summary>Rows the page shows; each may carry one stem.</summary>
    public const int Rows = 4;

    public static string Name(int row, string field) => string.Create(CultureInfo.InvariantCulture, $"stems[{row}].{field}");

    public static string IdPrefix(int row) => string.Create(CultureInfo.InvariantCulture, $"stem{row}-");

    /// <summary>True for a post of the "Add stems" page (its body carries up to <see cref="Rows"/> files).</summary>
    public static bool IsAddPath(PathString path) => path.HasValue && AddPath().IsMatch(path.Value!);

    /// <summary>Copies every message of <paramref name="serviceErrors"/> into <paramref name="into"/> under the page's
    /// names; <paramref name="rows"/>[i] is the row the i-th sent stem came from. Returns the messages that belong to no
    /// row, joined, or null when there are none.</summary>
    public static string? ShowErrors(FieldErrors serviceErrors, IReadOnlyList<int> rows, FieldErrors into)
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        string[] fields =
        [
            AudioIntake.AudioField, StemFieldNames.Name, StemFieldNames.InstrumentTypeId, StemFieldNames.License,
            StemFieldNames.RemixAllowed, StemFieldNames.CommercialAllowed, StemFieldNames.AttributionRequired,
            StemFieldNames.IsDownloadable, StemFieldNames.Key, StemFieldNames.Bpm,
        ];
        for (var i = 0; i < rows.Count; i++)
        {
            foreach (var field in fields)
            {
                var key = StemUploadService.FieldOf(i, rows.Count, field);
                foreach (var message in serviceErrors.For(key))
                {
                    into.Add(Name(rows[i], field), message);
                }
                placed.Add(key);
            }
        }
        var rest = serviceErrors.ToDictionary().Where(e => !placed.Contains(e.Key)).SelectMany(e => e.Value).ToList();
        return rest.Count == 0 ? null : string.Join(" ", rest);
    }

    [GeneratedRegex(@"^/tracks/[0-9]+/stems/new$", RegexOptions.CultureInvariant)]
    private static partial Regex AddPath();
}
