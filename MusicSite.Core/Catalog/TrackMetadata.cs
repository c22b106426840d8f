using System.Globalization;
using System.Text.RegularExpressions;
using MusicSite.Common;

namespace MusicSite.Catalog;

/// <summary>
/// Track fields as the form or the API sent them: text, validated by <see cref="TrackMetadataRules"/>. For an
/// upload, a missing field is filled from the file's tags or a default; for an edit, a null field stays as it
/// is and an empty one is cleared.
/// </summary>
public sealed record TrackMetadataInput
{
    public string? Title { get; init; }
    public string? Artist { get; init; }
    public string? Description { get; init; }
    /// <summary>Repeated fields, or one comma-separated value, or both; null when not sent.</summary>
    public IReadOnlyList<string>? Tags { get; init; }
    /// <summary>Genre slugs or ids; null when not sent.</summary>
    public IReadOnlyList<string>? Genres { get; init; }
    public string? Bpm { get; init; }
    public string? Key { get; init; }
    /// <summary>A license by name ("CC BY-SA") or code ("cc-by-sa").</summary>
    public string? License { get; init; }
    public string? IsPublic { get; init; }
    public string? IsDownloadable { get; init; }
    /// <summary>One of the uploader's albums (an admin may use any).</summary>
    public string? AlbumId { get; init; }
    public string? TrackNumber { get; init; }
}

/// <summary>Track fields after validation, ready to store.</summary>
public sealed record TrackMetadata(string Title, string Artist, string? Description, IReadOnlyList<string> Tags,
    IReadOnlyList<int> GenreIds, int? Bpm, string? Key, int LicenseId, bool IsPublic, bool IsDownloadable, int? AlbumId, int? TrackNumber);

/// <summary>The rules of the seed design for track fields.</summary>
public static partial class TrackMetadataRules
{
    public const int TitleMax = 200;
    public const int ArtistMax = 100;
    public const int DescriptionMax = 2000;
    public const int TagsMax = 10;
    public const int TagMax = 30;
    public const int BpmMin = 40;
    public const int BpmMax = 300;
    public const string KeyMessage = "Write the key as a note with an optional # or b and m for minor, like Am, F# or Bb.";

    public static IReadOnlyList<string> SplitTags(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',')).Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0)
            .Distinct().ToList();

    public static void CheckTitle(string? title, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add("title", "Enter a title.");
        }
        else if (title.Length > TitleMax)
        {
            errors.Add("title", $"The title can be at most {TitleMax} characters.");
        }
        TextRules.CheckSingleLine(title, "title", errors);
    }

    /// <param name="field">The field the request named it by: "artist" for a track, "artistName" for an album.</param>
    public static void CheckArtist(string? artist, FieldErrors errors, string field = "artist")
    {
        if (string.IsNullOrWhiteSpace(artist))
        {
            errors.Add(field, "Enter the artist's name.");
        }
        else if (artist.Length > ArtistMax)
        {
            errors.Add(field, $"The artist name can be at most {ArtistMax} characters.");
        }
        TextRules.CheckSingleLine(artist, field, errors);
    }

    /// <summary>Checks a trimmed description (null when empty) of a track or an album.</summary>
    public static void CheckDescription(string? description, FieldErrors errors)
    {
        if (description?.Length > DescriptionMax)
        {
            errors.Add("description", $"The description can be at most {DescriptionMax} characters.");
        }
        TextRules.CheckMultiLine(description, "description", errors);
    }

    /// <summary>A track's or album's description: trimmed, empty means none, then <see cref="CheckDescription"/>.</summary>
    public static string? ParseDescription(string? text, FieldErrors errors)
    {
        var description = NormalizeDescription(text);
        CheckDescription(description, errors);
        return description;
    }

    /// <summary>A description as it is stored and compared: CRLF and CR as LF (a browser sends a textarea's as CRLF),
    /// trimmed, and null when empty. Two descriptions that read the same are equal after this. Only CR becomes LF:
    /// other line separators (NEL, U+2028) stay, so <see cref="TextRules"/> still refuses them.</summary>
    public static string? NormalizeDescription(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    public static int? ParseBpm(string? text, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        // Tags often carry "120.00"; the field takes whole beats per minute. NaN and infinities parse as doubles
        // but compare false with every bound, so they are refused by name.
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || Math.Round(value) is < BpmMin or > BpmMax)
        {
            errors.Add("bpm", $"BPM must be a number from {BpmMin} to {BpmMax}.");
            return null;
        }
        return (int)Math.Round(value);
    }

    public static string? ParseKey(string? text, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var key = MusicalKey.Normalize(text);
        if (key is null)
        {
            errors.Add("key", KeyMessage);
        }
        return key;
    }

    public static bool ParseFlag(string? text, bool whenEmpty, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return whenEmpty;
        }
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "on" or "1" or "yes":
                return true;
            case "false" or "off" or "0" or "no":
                return false;
            default:
                errors.Add(field, "Use true or false.");
                return whenEmpty;
        }
    }

    public static int? ParseTrackNumber(string? text, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        // Tags write "3/12"; the number before the slash is the track's.
        var number = text.Split('/')[0].Trim();
        if (!int.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 999)
        {
            errors.Add("trackNumber", "The track number is a whole number from 1 to 999.");
            return null;
        }
        return value;
    }

    public static void CheckTags(IReadOnlyList<string> tags, FieldErrors errors)
    {
        if (tags.Count > TagsMax)
        {
            errors.Add("tags", $"Use at most {TagsMax} tags.");
        }
        foreach (var tag in tags.Where(t => t.Length > TagMax))
        {
            errors.Add("tags", $"The tag '{TextRules.ToSingleLine(tag[..TagMax])}…' is longer than {TagMax} characters.");
        }
        foreach (var tag in tags)
        {
            TextRules.CheckSingleLine(tag, "tags", errors);
        }
    }
}
