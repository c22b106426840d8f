using MusicSite.Attribution;

namespace MusicSite.Web.Api;

/// <summary>The page addresses of lineage nodes, on the site's public address. A masked node gets none: its address
/// would name it.</summary>
public static class LineageUrls
{
    public static LineageGraph With(string baseUrl, LineageGraph graph) =>
        graph with { Nodes = graph.Nodes.Select(n => With(baseUrl, n)).ToList() };

    public static LineageNode With(string baseUrl, LineageNode node) => node.Kind switch
    {
        LineageNames.Track => node with { Url = $"{baseUrl}/tracks/{node.Id}" },
        LineageNames.Stem => node with { Url = baseUrl + StemUrls.Page(node.Id!.Value) },
        _ => node with { Url = null },
    };

    public static TrackCredits With(string baseUrl, TrackCredits credits) =>
        credits with { BasedOn = credits.BasedOn.Select(n => With(baseUrl, n)).ToList() };
}
