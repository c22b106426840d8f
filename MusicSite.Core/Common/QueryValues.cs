using System.Globalization;

namespace MusicSite.Common;

/// <summary>
/// The one reading of query-string values for the list filters (the catalog's, the stem browser's): blank is absent,
/// a count or an id is digits only, a number is finite and in range. Anything else is a field error, never an exception.
/// </summary>
public static class QueryValues
{
    /// <summary>The trimmed text, or null when it is missing or blank.</summary>
    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A count or an id: digits only, from 1 to <paramref name="max"/>; "1.5", "1e3" and "+1" are refused.</summary>
    public static int? WholeNumber(string? text, string field, int max, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 && value <= max)
        {
            return value;
        }
        errors.Add(field, $"{field} must be a whole number from 1 to {max.ToString(CultureInfo.InvariantCulture)}.");
        return null;
    }

    /// <summary>A finite number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static double? Number(string? text, string field, double min, double max, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            errors.Add(field, $"{field} must be a number.");
            return null;
        }
        if (value < min || value > max)
        {
            errors.Add(field, $"{field} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }
        return value;
    }

    /// <summary>A yes/no filter: null when blank (either), else true/false (also on/off, 1/0, yes/no).</summary>
    public static bool? Flag(string? text, string field, FieldErrors errors)
    {
        switch (Text(text)?.ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "on" or "1" or "yes":
                return true;
            case "false" or "off" or "0" or "no":
                return false;
            default:
                errors.Add(field, $"{field} is true or false.");
                return null;
        }
    }

    /// <summary>A SQL LIKE pattern (escape character <c>\</c>) that finds <paramref name="text"/> anywhere, taken
    /// literally: % and _ in it are not wildcards. SQLite's LIKE ignores ASCII letter case.</summary>
    public static string ContainsPattern(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>The escape character of <see cref="ContainsPattern"/>.</summary>
    public const string LikeEscape = "\\";

    /// <summary>Ids as one JSON array, for <c>json_each</c>: one bound value, where a thousand named parameters cost
    /// more to bind than the statement takes to run, and each count of them is a statement of its own.</summary>
    public static string JsonIds(IEnumerable<int> ids) =>
        "[" + string.Join(',', ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
