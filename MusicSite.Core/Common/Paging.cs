using System.Globalization;

namespace MusicSite.Common;

/// <summary>
/// The one rule for page numbers: a page is a whole number from 1, and a page past the last row is empty
/// (never an overflow that wraps to a negative offset and shows the first rows again).
/// </summary>
public static class Paging
{
    /// <summary>How many rows come before <paramref name="page"/>: capped at <see cref="int.MaxValue"/>, which skips every row.</summary>
    public static int Offset(int page, int limit) =>
        (int)Math.Min(int.MaxValue, Math.Max(0L, page - 1L) * Math.Max(0, limit));

    /// <summary>Reads a page number from text: a whole number from 1, or null when it is anything else.</summary>
    public static int? ParsePage(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 ? page : null;

    /// <summary>For page links typed or edited by hand: anything that is not a page number is the first page.</summary>
    public static int PageOrFirst(string? text) => ParsePage(text) ?? 1;
}
