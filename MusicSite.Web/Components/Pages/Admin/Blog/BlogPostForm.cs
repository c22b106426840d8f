using System.Globalization;
using MusicSite.Blog;
using MusicSite.Common;

namespace MusicSite.Web.Components.Pages.Admin.Blog;

/// <summary>The editor form's fields as posted: the publication choice (draft, now, or a UTC time) becomes the
/// post's <see cref="BlogPostInput.PublishedAt"/>; the other rules are <see cref="BlogFields"/>'.</summary>
public static class BlogPostForm
{
    public const string Draft = "draft";
    public const string Now = "now";
    public const string At = "at";
    /// <summary>The value format of an &lt;input type="datetime-local"&gt;.</summary>
    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    public static BlogPostInput? Read(IFormCollection form, DateTimeOffset now, out FieldErrors errors)
    {
        errors = new FieldErrors();
        int? categoryId = null;
        if (form["categoryId"].FirstOrDefault() is { Length: > 0 } categoryText)
        {
            if (int.TryParse(categoryText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                categoryId = id;
            }
            else
            {
                errors.Add("categoryId", "Choose the category from the list.");
            }
        }
        DateTimeOffset? publishedAt = null;
        switch (form["publish"].FirstOrDefault())
        {
            case Draft:
                break;
            case Now:
                publishedAt = now;
                break;
            case At:
                if (ParseUtc(form["publishAt"].FirstOrDefault()) is { } at)
                {
                    publishedAt = at;
                }
                else
                {
                    errors.Add("publishAt", "Give the publication day and time (UTC), such as 2026-12-24 18:00.");
                }
                break;
            default:
                errors.Add("publish", "Choose whether to keep a draft, publish now or publish at a time.");
                break;
        }
        var input = new BlogPostInput(form["title"].FirstOrDefault(), form["slug"].FirstOrDefault(), form["markdown"].FirstOrDefault(),
            categoryId, publishedAt);
        BlogFields.Check(input, errors);
        return errors.Any ? null : input;
    }

    /// <summary>A datetime-local value ("2026-12-24T18:00", seconds optional) read as UTC.</summary>
    public static DateTimeOffset? ParseUtc(string? text) =>
        DateTime.TryParseExact(text, [LocalFormat, LocalFormat + ":ss"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? new DateTimeOffset(value, TimeSpan.Zero)
            : null;

    public static string FormatUtc(DateTime utc) => utc.ToString(LocalFormat, CultureInfo.InvariantCulture);

    /// <summary>The page's words for a refused save.</summary>
    public static string Problem(string? code) => code switch
    {
        ErrorCodes.SlugTaken => "Another post already has this address. Choose another slug.",
        ErrorCodes.CategoryNotFound => "That category no longer exists. Choose another.",
        ErrorCodes.PostNotFound => "This post no longer exists.",
        _ => "Some fields need attention.",
    };
}
