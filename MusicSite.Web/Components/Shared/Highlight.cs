using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace MusicSite.Web.Components.Shared;

/// <summary>
/// Text with the words that start with a search term marked (&lt;mark&gt;). Every part is written as text, never as
/// HTML. A render fragment rather than a component: a catalog row marks its title and artist, and two components per
/// row were forty per page for what is, without a search, one text node each.
/// </summary>
public static partial class Highlight
{
    /// <summary>The text, with the longest term that starts each word marked in it.</summary>
    public static RenderFragment Marked(string text, IReadOnlyList<string> terms) => builder =>
    {
        foreach (var (part, match) in Parts(text, terms))
        {
            if (match)
            {
                builder.OpenElement(0, "mark");
                builder.AddContent(1, part);
                builder.CloseElement();
            }
            else
            {
                builder.AddContent(2, part);
            }
        }
    };

    /// <summary>The text cut into parts, each marked or not; without terms, the whole text unmarked.</summary>
    public static IEnumerable<(string Part, bool Match)> Parts(string text, IReadOnlyList<string> terms)
    {
        if (terms.Count == 0)
        {
            yield return (text, false);
            yield break;
        }
        var position = 0;
        foreach (Match word in Word().Matches(text))
        {
            var prefix = terms.Where(t => word.Value.StartsWith(t, StringComparison.OrdinalIgnoreCase)).MaxBy(t => t.Length);
            if (prefix is null)
            {
                continue;
            }
            if (word.Index > position)
            {
                yield return (text[position..word.Index], false);
            }
            yield return (text.Substring(word.Index, prefix.Length), true);
            position = word.Index + prefix.Length;
        }
        if (position < text.Length)
        {
            yield return (text[position..], false);
        }
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
