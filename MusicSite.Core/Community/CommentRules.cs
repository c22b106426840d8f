using System.Globalization;
using MusicSite.Common;

namespace MusicSite.Community;

/// <summary>
/// The one owner of what a timed comment may hold: its text (trimmed, 1–1000 characters, plain text under
/// <see cref="TextRules"/>, line breaks allowed) and its moment (0 ≤ t ≤ the track's duration; a track whose duration
/// is unknown takes comments at 0 only). Also reads a moment typed into a form ("75", "1:15", "1:02:03").
/// </summary>
public static class CommentRules
{
    public const string ContentField = "content";
    public const string TimestampField = "timestamp";

    /// <summary>The trimmed content, or null with an error for <see cref="ContentField"/>.</summary>
    public static string? CheckContent(string? content, FieldErrors errors)
    {
        var text = content?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(ContentField, "Write a comment.");
            return null;
        }
        if (text.Length > TrackComment.ContentMaxLength)
        {
            errors.Add(ContentField, $"A comment holds at most {TrackComment.ContentMaxLength} characters.");
            return null;
        }
        return TextRules.CheckMultiLine(text, ContentField, errors) ? text : null;
    }

    /// <summary>The moment rounded to milliseconds, or null with an error for <see cref="TimestampField"/> when it is
    /// missing, negative, or past the end of a track lasting <paramref name="durationSeconds"/>.</summary>
    public static double? CheckTimestamp(double? seconds, double? durationSeconds, FieldErrors errors)
    {
        if (seconds is null)
        {
            errors.Add(TimestampField, "Give the moment in the track, in seconds from the start.");
            return null;
        }
        if (!double.IsFinite(seconds.Value) || seconds.Value < 0)
        {
            errors.Add(TimestampField, "The moment is a number of seconds from 0 up.");
            return null;
        }
        var end = durationSeconds ?? 0;
        var moment = Math.Round(seconds.Value, 3, MidpointRounding.AwayFromZero);
        if (moment > end)
        {
            errors.Add(TimestampField, durationSeconds is null
                ? "This track's length is not known, so comments go at 0:00."
                : $"The track ends at {Clock(end)}; pick a moment up to there.");
            return null;
        }
        return moment;
    }

    /// <summary>Reads "75", "75.5", "1:15" or "1:02:03" as seconds; null when it is none of these.</summary>
    public static double? ParseMoment(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > 16)
        {
            return null;
        }
        var parts = value.Split(':');
        if (parts.Length > 3)
        {
            return null;
        }
        double total = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var last = i == parts.Length - 1;
            var styles = last ? NumberStyles.AllowDecimalPoint : NumberStyles.None;
            if (!double.TryParse(parts[i], styles, CultureInfo.InvariantCulture, out var part)
                || (i > 0 && part >= 60))
            {
                return null;
            }
            total = total * 60 + part;
        }
        return total;
    }

    /// <summary>A moment as people read it: "1:05", or "1:02:03" past an hour (whole seconds, rounded down).</summary>
    public static string Clock(double seconds)
    {
        var whole = (long)Math.Floor(Math.Max(0, seconds));
        var (h, m, s) = (whole / 3600, whole / 60 % 60, whole % 60);
        return h > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{h}:{m:00}:{s:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{m}:{s:00}");
    }
}
