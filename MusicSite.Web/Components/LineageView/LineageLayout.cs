using System.Globalization;

namespace MusicSite.Web.Components.LineageView;

/// <summary>What a box in the lineage picture stands for; it decides the box's look and whether it is a link.</summary>
public enum LineageShape
{
    /// <summary>The track whose lineage is shown: the middle row.</summary>
    Current,
    Track,
    Stem,
    /// <summary>A work the viewer may not see, or a removed one: words only, never a link.</summary>
    Masked,
    /// <summary>"+N more": works folded away because a row was full.</summary>
    More,
}

/// <summary>A work to draw. <paramref name="Generation"/> is negative for originals (-1 is a direct original), 0 for the
/// current track and positive for derivatives. <paramref name="Href"/> is null for masked works; <paramref name="Detail"/>
/// is a short second line (the artist, "stem").</summary>
public sealed record LineageBox(string Key, int Generation, string Label, string? Href, LineageShape Shape, string? Detail = null);

/// <summary>"<paramref name="DerivativeKey"/> is built on <paramref name="OriginalKey"/>", <paramref name="Kind"/> saying
/// how in words ("a remix of", "uses the stem").</summary>
public sealed record LineageLink(string OriginalKey, string DerivativeKey, string Kind = "built on");

/// <summary>A box with its place: the top-left corner and size in SVG user units.</summary>
public sealed record PlacedBox(LineageBox Box, string Text, double X, double Y, double Width, double Height, int Folded = 0)
{
    public double CenterX => X + Width / 2;
    public double Bottom => Y + Height;
    /// <summary>True when the label had to be shortened; the full one goes in the box's title.</summary>
    public bool Truncated => Text != Box.Label;
}

/// <summary>A drawn link: an SVG path from the original's box to the derivative's, ending in an arrow.</summary>
public sealed record PlacedLink(string OriginalKey, string DerivativeKey, string Path);

public sealed record LineageDrawing(IReadOnlyList<PlacedBox> Boxes, IReadOnlyList<PlacedLink> Links, double Width, double Height)
{
    /// <summary>How many works were folded into "+N more" boxes.</summary>
    public int Folded => Boxes.Sum(b => b.Folded);
}

/// <summary>
/// Lays a lineage out by generation (decision 0023): one row per generation, originals above, the current track in
/// the middle row, derivatives below, stems in the row above the track that uses them. Rows are filled outward from
/// the middle; each box sits under the average place of the boxes it links to nearer the middle, which keeps lines
/// short and crossings few. A row holds at most <c>maxPerRow</c> boxes: the rest, with every work reachable only
/// through them, fold into one "+N more" box. Boxes in a row are a fixed gap apart, so none can overlap.
/// Pure: the same graph always gives the same drawing.
/// </summary>
public static class LineageLayout
{
    public const double BoxWidth = 176;
    public const double BoxHeight = 44;
    public const double ColumnGap = 24;
    public const double RowGap = 56;
    public const double Margin = 12;
    public const int DefaultMaxPerRow = 6;
    /// <summary>Longest label shown whole in a box at the picture's type size; longer ones end in "…".</summary>
    public const int MaxLabelChars = 22;

    public static LineageDrawing Arrange(IReadOnlyList<LineageBox> boxes, IReadOnlyList<LineageLink> links,
        string moreHref, int maxPerRow = DefaultMaxPerRow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerRow, 2);
        var byKey = boxes.GroupBy(b => b.Key).ToDictionary(g => g.Key, g => g.First());
        var order = boxes.Select((b, i) => (b.Key, i)).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().i);
        var neighbours = byKey.Keys.ToDictionary(k => k, _ => new List<string>());
        foreach (var link in links.Where(l => byKey.ContainsKey(l.OriginalKey) && byKey.ContainsKey(l.DerivativeKey)))
        {
            neighbours[link.OriginalKey].Add(link.DerivativeKey);
            neighbours[link.DerivativeKey].Add(link.OriginalKey);
        }

        var generations = byKey.Values.Select(b => b.Generation).Distinct().Order().ToList();
        var rows = new Dictionary<int, List<LineageBox>>();
        var slot = new Dictionary<string, double>(); // a box's horizontal centre as an index, for ordering
        var shownAs = new Dictionary<string, string>(); // every key -> the key of the box that shows it
        foreach (var generation in OutwardFromMiddle(generations))
        {
            var row = byKey.Values.Where(b => b.Generation == generation).OrderBy(b => order[b.Key]).ToList();
            var inner = row.ToDictionary(b => b.Key, b => neighbours[b.Key]
                .Where(n => IsNearerTheMiddle(byKey[n].Generation, generation) && shownAs.TryGetValue(n, out var s) && !IsMore(s))
                .ToList());
            // A work whose every path to the middle runs through folded works is folded too.
            var reachable = row.Where(b => generation == 0 || inner[b.Key].Count > 0 || !neighbours[b.Key].Any(n => IsNearerTheMiddle(byKey[n].Generation, generation)))
                .ToList();
            // A full row keeps room for its "+N more" box.
            reachable = reachable.OrderBy(b => b.Shape == LineageShape.Current ? 0 : 1).ThenBy(b => order[b.Key]).ToList();
            var kept = reachable.Count > maxPerRow || (reachable.Count == maxPerRow && reachable.Count < row.Count)
                ? reachable.Take(maxPerRow - 1).ToList() : reachable;
            var folded = row.Where(b => !kept.Contains(b)).ToList();
            var sorted = kept.OrderBy(b => Barycentre(inner[b.Key], slot) ?? double.MaxValue).ThenBy(b => order[b.Key]).ToList();
            if (sorted.FindIndex(b => b.Shape == LineageShape.Current) is var current and >= 0)
            {
                // The track itself stands in the middle of its row (beside its own stems).
                var box = sorted[current];
                sorted.RemoveAt(current);
                sorted.Insert(Math.Min(sorted.Count, (sorted.Count + 1 + (folded.Count > 0 ? 1 : 0)) / 2), box);
            }
            foreach (var box in sorted)
            {
                shownAs[box.Key] = box.Key;
            }
            if (folded.Count > 0)
            {
                var moreKey = MoreKey(generation);
                sorted.Add(new LineageBox(moreKey, generation, $"+{folded.Count} more", moreHref, LineageShape.More));
                foreach (var box in folded)
                {
                    shownAs[box.Key] = moreKey;
                }
                shownAs[moreKey] = moreKey;
            }
            rows[generation] = sorted;
            for (var i = 0; i < sorted.Count; i++)
            {
                slot[sorted[i].Key] = i - (sorted.Count - 1) / 2.0;
            }
        }

        var widest = rows.Values.Max(r => r.Count);
        var width = 2 * Margin + widest * BoxWidth + (widest - 1) * ColumnGap;
        var placed = new Dictionary<string, PlacedBox>();
        for (var r = 0; r < generations.Count; r++)
        {
            var row = rows[generations[r]];
            var rowWidth = row.Count * BoxWidth + (row.Count - 1) * ColumnGap;
            var left = (width - rowWidth) / 2;
            var y = Margin + r * (BoxHeight + RowGap);
            for (var i = 0; i < row.Count; i++)
            {
                var box = row[i];
                var foldedHere = box.Shape == LineageShape.More ? shownAs.Count(p => p.Value == box.Key && p.Key != box.Key) : 0;
                placed[box.Key] = new PlacedBox(box, Shorten(box.Label), left + i * (BoxWidth + ColumnGap), y, BoxWidth, BoxHeight, foldedHere);
            }
        }

        var drawn = new List<PlacedLink>();
        var seen = new HashSet<(string, string)>();
        foreach (var link in links.Where(l => shownAs.ContainsKey(l.OriginalKey) && shownAs.ContainsKey(l.DerivativeKey)))
        {
            var (from, to) = (shownAs[link.OriginalKey], shownAs[link.DerivativeKey]);
            if (from != to && seen.Add((from, to)))
            {
                drawn.Add(new PlacedLink(from, to, PathBetween(placed[from], placed[to])));
            }
        }
        var height = 2 * Margin + generations.Count * BoxHeight + (generations.Count - 1) * RowGap;
        return new LineageDrawing(generations.SelectMany(g => rows[g]).Select(b => placed[b.Key]).ToList(), drawn, width, height);
    }

    /// <summary>A label that fits its box: whole when short, else cut at a word boundary where one is near, with "…".</summary>
    public static string Shorten(string label)
    {
        if (label.Length <= MaxLabelChars)
        {
            return label;
        }
        var cut = label[..(MaxLabelChars - 1)];
        var space = cut.LastIndexOf(' ');
        return (space >= MaxLabelChars / 2 ? cut[..space] : cut).TrimEnd() + "…";
    }

    private static string MoreKey(int generation) => "more:" + generation.ToString(CultureInfo.InvariantCulture);

    private static bool IsMore(string key) => key.StartsWith("more:", StringComparison.Ordinal);

    /// <summary>0, then -1, 1, -2, 2…: each row is placed after the row between it and the middle.</summary>
    private static IEnumerable<int> OutwardFromMiddle(List<int> generations) =>
        generations.OrderBy(Math.Abs).ThenBy(g => g);

    private static bool IsNearerTheMiddle(int other, int generation) =>
        Math.Abs(other) < Math.Abs(generation) && (other == 0 || Math.Sign(other) == Math.Sign(generation));

    private static double? Barycentre(List<string> inner, Dictionary<string, double> slot)
    {
        var known = inner.Where(slot.ContainsKey).Select(k => slot[k]).ToList();
        return known.Count == 0 ? null : known.Average();
    }

    /// <summary>From the bottom of the upper box to the top of the lower one (an original is drawn above its
    /// derivative); within one row, a curve below both boxes.</summary>
    private static string PathBetween(PlacedBox from, PlacedBox to)
    {
        if (Math.Abs(from.Y - to.Y) < 0.5)
        {
            var dip = from.Bottom + RowGap * 0.6;
            return Svg($"M{from.CenterX} {from.Bottom} C{from.CenterX} {dip} {to.CenterX} {dip} {to.CenterX} {to.Bottom}");
        }
        var (startY, endY) = from.Y < to.Y ? (from.Bottom, to.Y) : (from.Y, to.Bottom);
        var bend = (endY - startY) / 2;
        return Svg($"M{from.CenterX} {startY} C{from.CenterX} {startY + bend} {to.CenterX} {endY - bend} {to.CenterX} {endY}");
    }

    private static string Svg(FormattableString path) => path.ToString(CultureInfo.InvariantCulture);
}
