using System.Globalization;
using System.Text;

namespace MusicSite.Common;

/// <summary>
/// The one rule for which characters free text may hold. A single-line field (names, titles, tags) refuses every
/// control character (C0, DEL, C1, so CR, LF, TAB and NUL too), line and paragraph separators, the bidi embeddings,
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make text read differently from what it is, and
/// broken UTF-16. A multi-line field (descriptions, bios) allows CR, LF and TAB and refuses the rest.
/// </summary>
public static class TextRules
{
    public static bool IsSingleLine(string text) => FirstRefused(text, multiLine: false) < 0;

    public static bool IsMultiLine(string text) => FirstRefused(text, multiLine: true) < 0;

    /// <summary>Adds an error for <paramref name="field"/> when a single-line value holds a refused character.</summary>
    public static bool CheckSingleLine(string? text, string field, FieldErrors errors)
    {
        if (text is null || IsSingleLine(text))
        {
            return true;
        }
        errors.Add(field, "Use one line of plain text, without line breaks, control characters or direction overrides.");
        return false;
    }

    /// <summary>Adds an error for <paramref name="field"/> when a multi-line value holds a refused character.</summary>
    public static bool CheckMultiLine(string? text, string field, FieldErrors errors)
    {
        if (text is null || IsMultiLine(text))
        {
            return true;
        }
        errors.Add(field, "Use plain text, without control characters or direction overrides.");
        return false;
    }

    /// <summary>Text the site did not get from a person typing it (a file's tags, a file name, a name stored before
    /// this rule) made fit for one line: each run of refused characters becomes one space.</summary>
    public static string ToSingleLine(string text)
    {
        if (IsSingleLine(text))
        {
            return text;
        }
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var refused = RefusedAt(text, i, multiLine: false, out var width);
            if (refused)
            {
                if (clean.Length == 0 || clean[^1] != ' ')
                {
                    clean.Append(' ');
                }
            }
            else
            {
                clean.Append(text, i, width);
            }
            i += width;
        }
        return clean.ToString().Trim();
    }

    private static int FirstRefused(string text, bool multiLine)
    {
        for (var i = 0; i < text.Length;)
        {
            if (RefusedAt(text, i, multiLine, out var width))
            {
                return i;
            }
            i += width;
        }
        return -1;
    }

    private static bool RefusedAt(string text, int index, bool multiLine, out int width)
    {
        if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out width) != System.Buffers.OperationStatus.Done)
        {
            width = 1;
            return true; // a lone surrogate
        }
        if (multiLine && rune.Value is '\r' or '\n' or '\t')
        {
            return false;
        }
        return Rune.IsControl(rune)
               || rune.Value is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069
               || (!multiLine && Rune.GetUnicodeCategory(rune) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
    }
}
