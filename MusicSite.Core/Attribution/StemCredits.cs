using System.Globalization;
using System.Text;

namespace MusicSite.Attribution;

/// <summary>A license as credits name it.</summary>
public sealed record CreditLicense(string Name, string? Url)
{
    public override string ToString() => Url is null ? Name : $"{Name} ({Url})";
}

/// <summary>The track the credits are for.</summary>
public sealed record CreditTrack(string Title, string Artist, string PageUrl, CreditLicense License);

/// <summary>One stem in the credits: who made it, under which license, and what its rights allow.</summary>
public sealed record CreditStem(string Name, string Instrument, string Author, CreditLicense License, bool RemixAllowed,
    bool CommercialAllowed, bool AttributionRequired, string? FileName = null);

/// <summary>A work the track is built on, <see cref="Generation"/> steps back (1: a direct original), a track or a stem
/// (<see cref="IsStem"/>). A work the reader may not see carries only its place and <see cref="Masked"/>, the lineage's
/// wording ("a private work", "a removed work"): no title, artist, address or license.</summary>
public sealed record CreditSource(int Generation, string? Title, string? Artist, string? PageUrl, CreditLicense? License,
    bool IsStem = false, string? Instrument = null, string? Masked = null);

/// <summary>
/// The one owner of credit wording: the <c>CREDITS.txt</c> of a ZIP of stems and the credits written into downloaded
/// files' tags. Pure: it formats what it is given, so the caller decides what the reader may see.
/// </summary>
public static class StemCredits
{
    /// <summary>What a stem's rights allow, in words.</summary>
    public static string Rights(bool remixAllowed, bool commercialAllowed, bool attributionRequired) => string.Join("; ",
        remixAllowed ? "remixing allowed" : "remixing only with the owner's approval",
        commercialAllowed ? "commercial use allowed" : "no commercial use",
        attributionRequired ? "credit required" : "credit not required");

    /// <summary>A source as words: "Title" by Artist, the stem "Name" (instrument) by Artist, or the masked wording.</summary>
    public static string Source(CreditSource source) =>
        source.Masked ?? (source.IsStem
            ? $"the stem \"{source.Title}\" ({source.Instrument}) by {source.Artist}"
            : $"\"{source.Title}\" by {source.Artist}");

    /// <summary>The credits a downloaded track's comment carries: the works and stems it is built on, nearest first, or
    /// null when it has none.</summary>
    public static string? TagCredits(IReadOnlyList<CreditSource> sources) =>
        sources.Count == 0
            ? null
            : "Based on " + string.Join("; ", sources.OrderBy(s => s.Generation).Select(s =>
                s.Generation == 1 ? Source(s) : $"{Source(s)} (generation {s.Generation.ToString(CultureInfo.InvariantCulture)})")) + ".";

    /// <summary>The text of CREDITS.txt: the track, every stem, the sources down every generation, and the licenses.</summary>
    public static string Text(CreditTrack track, IReadOnlyList<CreditStem> stems, IReadOnlyList<CreditSource> sources, string siteName = "MusicSite")
    {
        var text = new StringBuilder();
        text.AppendLine($"CREDITS for \"{track.Title}\" by {track.Artist}");
        text.AppendLine($"Track page: {track.PageUrl}");
        text.AppendLine($"Track license: {track.License}");
        text.AppendLine();

        text.AppendLine($"STEMS ({stems.Count.ToString(CultureInfo.InvariantCulture)})");
        foreach (var stem in stems)
        {
            text.AppendLine($"- {stem.Name} ({stem.Instrument})" + (stem.FileName is null ? "" : $", file {stem.FileName}"));
            text.AppendLine($"  Author: {stem.Author}");
            text.AppendLine($"  License: {stem.License}");
            text.AppendLine($"  Rights: {Rights(stem.RemixAllowed, stem.CommercialAllowed, stem.AttributionRequired)}");
        }
        text.AppendLine();

        text.AppendLine("SOURCES");
        if (sources.Count == 0)
        {
            text.AppendLine("This track is not declared as built on other works.");
        }
        foreach (var source in sources.OrderBy(s => s.Generation))
        {
            var line = $"- Generation {source.Generation.ToString(CultureInfo.InvariantCulture)}: {Source(source)}";
            if (source.Masked is null)
            {
                line += ("") + (source.PageUrl is null ? "" : $", {source.PageUrl}")
                        + (source.License is null ? "" : $", license {source.License}");
            }
            text.AppendLine(line);
        }
        text.AppendLine();

        text.AppendLine("LICENSES");
        var licenses = stems.Select(s => s.License).Prepend(track.License)
            .Concat(sources.Where(s => s.Masked is null && s.License is not null).Select(s => s.License!))
            .DistinctBy(l => l.Name).OrderBy(l => l.Name, StringComparer.Ordinal);
        foreach (var license in licenses)
        {
            text.AppendLine($"- {license.Name}: {license.Url ?? "no public license text (all rights reserved)"}");
        }
        text.AppendLine();
        text.AppendLine($"Published on {siteName}. Credit the authors above wherever you use these stems.");
        return text.ToString();
    }
}
