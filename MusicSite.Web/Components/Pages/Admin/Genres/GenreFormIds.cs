using System.Globalization;

namespace MusicSite.Web.Components.Pages.Admin.Genres;

/// <summary>Genre ids posted by the curation forms' selects and buttons.</summary>
public static class GenreFormIds
{
    /// <summary>An optional id: empty or missing is null; a positive number is that id; anything else is refused.</summary>
    public static bool TryRead(IFormCollection form, string field, out int? id) => TryParse(form[field].FirstOrDefault(), out id);

    public static bool TryParse(string? value, out int? id)
    {
        id = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            id = parsed;
            return true;
        }
        return false;
    }
}
