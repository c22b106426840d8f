using System.Text.Json;
using System.Text.Json.Serialization;
using MusicSite.Catalog;

namespace MusicSite.Attribution;

/// <summary>The words of the lineage: how JSON, forms and notifications spell link kinds and node kinds.</summary>
public static class LineageNames
{
    /// <summary>A track node.</summary>
    public const string Track = "track";
    /// <summary>A stem node.</summary>
    public const string Stem = "stem";
    /// <summary>A work the viewer may not know of: no id, no title, no artist.</summary>
    public const string Masked = "masked";
    /// <summary>An edge from a track to one of its own stems.</summary>
    public const string StemOf = "stem-of";
    /// <summary>An edge from a stem to a track that uses it.</summary>
    public const string UsesStem = "uses-stem";
    /// <summary>What a masked node says when its work is private to the viewer.</summary>
    public const string PrivateWork = "a private work";
    /// <summary>What a masked node says when its work was deleted.</summary>
    public const string RemovedWork = "a removed work";

    /// <summary>remix, edit, cover, mashup, sample-based.</summary>
    public static string Of(RelationKind kind) => JsonNamingPolicy.KebabCaseLower.ConvertName(kind.ToString());

    public static bool TryParse(string? text, out RelationKind kind)
    {
        foreach (var candidate in Enum.GetValues<RelationKind>())
        {
            if (string.Equals(Of(candidate), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }

    /// <summary>Every link kind, in the order forms offer them.</summary>
    public static IReadOnlyList<string> RelationKinds { get; } = Enum.GetValues<RelationKind>().Select(Of).ToList();

    public static string Of(LinkStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>
/// One work in a lineage answer. <see cref="Key"/> is stable and opaque: edges name nodes by it. A masked node
/// (<see cref="Kind"/> "masked") carries only its key, place and <see cref="Label"/>: "a private work" or "a removed work".
/// </summary>
/// <param name="Generation">How many generations from the asked work: 0 is the work itself, 1 a direct original (or
/// a direct derivative), 2 the next, and so on.</param>
/// <param name="Layer">Where the node stands for drawing: originals negative, derivatives positive, the asked work 0.
/// A stem stands in its source track's layer, or (its source being outside the answer) just before the track using it.</param>
public sealed record LineageNode(string Key, string Kind, int Generation, int Layer, string Label)
{
    /// <summary>The track's or stem's id; null when masked.</summary>
    public int? Id { get; init; }
    public string? Title { get; init; }
    /// <summary>The artist name credited on the track (for a stem: on its source track).</summary>
    public string? Artist { get; init; }
    /// <summary>The account that published it.</summary>
    public UploaderRef? Owner { get; init; }
    public LicenseRef? License { get; init; }
    /// <summary>A stem's source track.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TrackId { get; init; }
    /// <summary>A stem's instrument.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Instrument { get; init; }
    /// <summary>A stem's usage rights.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StemRights? Rights { get; init; }
    /// <summary>The node's page, set by the web edge; null when masked.</summary>
    public string? Url { get; init; }

    public bool IsMasked => Kind == LineageNames.Masked;
}

/// <summary>A link from a source to what is built on it: <see cref="From"/> is the original (or stem), <see cref="To"/>
/// the derivative (or, for "stem-of", the stem). <see cref="LinkId"/> names the registered link when both ends are
/// visible (for removing it); "stem-of" edges are no registered link.</summary>
public sealed record LineageEdge(string From, string To, string Kind, int? LinkId = null);

/// <summary>
/// A lineage answer: the asked work (<see cref="Root"/>), the nodes (nearest generation first, originals before
/// derivatives, tracks before stems) and edges found, how many nodes were left out
/// beyond <see cref="Lineage.MaxNodes"/>, and whether links go on beyond the depth asked.
/// </summary>
public sealed record LineageGraph(string Root, int Depth, IReadOnlyList<LineageNode> Nodes, IReadOnlyList<LineageEdge> Edges,
    int Omitted, bool Deeper);
