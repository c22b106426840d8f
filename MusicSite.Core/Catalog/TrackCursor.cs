using System.Globalization;
using System.Text;

namespace MusicSite.Catalog;

/// <summary>
/// A keyset position in a sorted list (decision 0042): the sort and its direction, the sort key and id of the row
/// next to the page, and whether the page comes after it (Next) or before it (Previous). Written as opaque, URL-safe
/// base64; a page read from it costs what page 1 costs, however deep. Relevance pages by number only.
/// </summary>
public sealed record TrackCursor(TrackSort Sort, bool Descending, bool Backward, int Id, SortKey Key)
{
    private const string Version = "1";

    public string Encode()
    {
        var text = string.Join('|', Version, (int)Sort, Descending ? 1 : 0, Backward ? 1 : 0, Id.ToString(CultureInfo.InvariantCulture), Key.Encode());
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The cursor, or null for anything that is not one this site wrote (never an exception).</summary>
    public static TrackCursor? Decode(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 1200 || value.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }
        var base64 = value.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(Convert.FromBase64String(base64));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return null;
        }
        var parts = text.Split('|', 6);
        if (parts.Length != 6 || parts[0] != Version
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sort) || !Enum.IsDefined((TrackSort)sort)
            || (TrackSort)sort == TrackSort.Relevance
            || parts[2] is not ("0" or "1") || parts[3] is not ("0" or "1")
            || !int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1
            || SortKey.Decode(parts[5]) is not { } key || key.Kind != SortKey.KindOf((TrackSort)sort) && key.Kind != SortKeyKind.Null)
        {
            return null;
        }
        return new TrackCursor((TrackSort)sort, parts[2] == "1", parts[3] == "1", id, key);
    }
}

public enum SortKeyKind
{
    Null,
    Time,
    Text,
    Real,
    Number,
}

/// <summary>A row's sort key, of the kind its sort has (a time, a name, a length, a count), or null.</summary>
public sealed record SortKey(SortKeyKind Kind, DateTime Time = default, string Text = "", double Real = 0, long Number = 0)
{
    public static SortKeyKind KindOf(TrackSort sort) => sort switch
    {
        TrackSort.Title or TrackSort.Artist => SortKeyKind.Text,
        TrackSort.Duration => SortKeyKind.Real,
        TrackSort.Plays or TrackSort.Likes or TrackSort.Popularity => SortKeyKind.Number,
        _ => SortKeyKind.Time,
    };

    public string Encode() => Kind switch
    {
        SortKeyKind.Time => "t" + Time.Ticks.ToString(CultureInfo.InvariantCulture),
        SortKeyKind.Text => "s" + Text,
        SortKeyKind.Real => "r" + Real.ToString("R", CultureInfo.InvariantCulture),
        SortKeyKind.Number => "n" + Number.ToString(CultureInfo.InvariantCulture),
        _ => "z",
    };

    public static SortKey? Decode(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }
        var rest = text[1..];
        return text[0] switch
        {
            'z' when rest.Length == 0 => new SortKey(SortKeyKind.Null),
            't' when long.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks =>
                new SortKey(SortKeyKind.Time, Time: new DateTime(ticks, DateTimeKind.Utc)),
            's' when rest.Length <= 200 => new SortKey(SortKeyKind.Text, Text: rest),
            'r' when double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) =>
                new SortKey(SortKeyKind.Real, Real: real),
            'n' when long.TryParse(rest, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                     && number is >= int.MinValue and <= int.MaxValue => new SortKey(SortKeyKind.Number, Number: number),
            _ => null,
        };
    }
}
