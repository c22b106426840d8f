using System.Text;

namespace MusicSite.Common;

public static class Slug
{
    /// <summary>"R&amp;B &amp; Soul" → "r-and-b-and-soul": lower case ASCII letters and digits joined by single dashes.</summary>
    public static string From(string name)
    {
        var text = name.Replace("&", " and ", StringComparison.Ordinal).ToLowerInvariant()
            .Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark
                     && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        return slug.ToString().Trim('-');
    }
}
