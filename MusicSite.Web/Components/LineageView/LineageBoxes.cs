using MusicSite.Attribution;
using MusicSite.Web.Api;

namespace MusicSite.Web.Components.LineageView;

/// <summary>A lineage answer (<see cref="LineageGraph"/>, masked by Core) as boxes and links to draw and list, with
/// each link kind in words. Addresses come from <see cref="LineageUrls"/>; a masked node gets none.</summary>
public static class LineageBoxes
{
    public static IReadOnlyList<LineageBox> Boxes(LineageGraph graph) =>
        graph.Nodes.Select(n => new LineageBox(n.Key, n.Layer, n.Label, LineageUrls.With("", n).Url, Shape(n, graph.Root), Detail(n)))
            .ToList();

    public static IReadOnlyList<LineageLink> Links(LineageGraph graph) =>
        graph.Edges.Select(e => new LineageLink(e.From, e.To, Words(e.Kind))).ToList();

    /// <summary>How the derivative end of a link relates to its source, as the list says it
    /// ("Night Drive (Rework), a remix of Night Drive").</summary>
    public static string Words(string kind) => kind switch
    {
        LineageNames.StemOf => "a stem of",
        LineageNames.UsesStem => "uses",
        "sample-based" => "built on samples of",
        _ => $"a{(kind.Length > 0 && "aeiou".Contains(kind[0]) ? "n" : "")} {kind} of",
    };

    private static LineageShape Shape(LineageNode node, string root) => node switch
    {
        { IsMasked: true } => LineageShape.Masked,
        _ when node.Key == root => LineageShape.Current,
        { Kind: LineageNames.Stem } => LineageShape.Stem,
        _ => LineageShape.Track,
    };

    private static string? Detail(LineageNode node) => node switch
    {
        { IsMasked: true } => null,
        { Kind: LineageNames.Stem, Instrument: { } instrument } => $"stem · {instrument}",
        { Artist: { } artist } => artist,
        _ => null,
    };
}
