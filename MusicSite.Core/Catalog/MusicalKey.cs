using System.Text.RegularExpressions;

namespace MusicSite.Catalog;

/// <summary>A key as a choice in a list: its spelling and its name for people.</summary>
public sealed record KeyChoice(string Value, string Label);

/// <summary>
/// Musical keys as tracks store them: a note A–G, an optional sharp (#) or flat (b), and m for minor ("Am", "F#",
/// "Bbm"). The one place that reads a key someone typed, in any letter case, and that knows which spellings name
/// the same key (C# and Db).
/// </summary>
public static partial class MusicalKey
{
    private static readonly string[] Sharps = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];
    private static readonly string[] Flats = ["C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"];
    private static readonly Dictionary<string, int> PitchOf = BuildPitches();

    /// <summary>"am" → "Am", "F#M" → "F#m", "BB" → "Bb"; null when the text is not a key.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var key = text.Trim();
        if (!LooseKey().IsMatch(key))
        {
            return null;
        }
        // The note is upper case; everything after it (#, b for flat, m for minor) is lower case.
        return char.ToUpperInvariant(key[0]) + key[1..].ToLowerInvariant();
    }

    /// <summary>Every spelling of the same key: "C#m" → ["C#m", "Dbm"]; "Fb" (an E) → ["Fb", "E"]. Input must be normalized.</summary>
    public static IReadOnlyList<string> Spellings(string key)
    {
        var minor = key.EndsWith('m');
        if (!PitchOf.TryGetValue(minor ? key[..^1] : key, out var pitch))
        {
            return [key];
        }
        var suffix = minor ? "m" : "";
        return new[] { key, Sharps[pitch] + suffix, Flats[pitch] + suffix }.Distinct().ToList();
    }

    /// <summary>The 24 keys for a select, major then minor, sharps and flats together ("C♯/D♭ major").</summary>
    public static IReadOnlyList<KeyChoice> Choices { get; } =
        new[] { ("", "major"), ("m", "minor") }
            .SelectMany(mode => Enumerable.Range(0, 12).Select(pitch => new KeyChoice(Sharps[pitch] + mode.Item1,
                (Sharps[pitch] == Flats[pitch] ? Sharps[pitch] : $"{Sharps[pitch]}/{Flats[pitch]}")
                .Replace("#", "♯", StringComparison.Ordinal).Replace("b", "♭", StringComparison.Ordinal) + " " + mode.Item2)))
            .ToList();

    /// <summary>The choice a stored or typed key falls under ("Dbm" → the C♯/D♭ minor choice), if any.</summary>
    public static KeyChoice? ChoiceFor(string? key) =>
        Normalize(key) is { } normal ? Choices.FirstOrDefault(c => Spellings(normal).Contains(c.Value)) : null;

    private static Dictionary<string, int> BuildPitches()
    {
        var pitches = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 12; i++)
        {
            pitches[Sharps[i]] = i;
            pitches[Flats[i]] = i;
        }
        // The rarer spellings a file's tag may carry.
        pitches["Cb"] = 11;
        pitches["B#"] = 0;
        pitches["Fb"] = 4;
        pitches["E#"] = 5;
        return pitches;
    }

    [GeneratedRegex("^[A-Ga-g][#bB]?[mM]?$")]
    private static partial Regex LooseKey();
}
