using MusicSite.Catalog;

namespace MusicSite.Attribution;

/// <summary>
/// A registered link or a request for one, as its two sides see it. <see cref="Type"/> is "remix" for a link between
/// tracks (<see cref="Kind"/> says remix, edit, cover, mashup or sample-based) and "stem" for a stem used in a track.
/// <see cref="Original"/> is the original track or the stem, <see cref="Derivative"/> the track built on it; either is
/// masked when the viewer may not see it.
/// </summary>
public sealed record LinkView(string Type, int Id, string Status, string? Kind, LineageNode Original, LineageNode Derivative,
    UploaderRef? RequestedBy, DateTime CreatedAt, DateTime? AnsweredAt)
{
    /// <summary>What the license check said when the link was registered.</summary>
    public string? Reason { get; init; }
}

/// <summary>Requests on the viewer's works that wait for their answer, and the viewer's own requests with their answers.</summary>
public sealed record LinkRequests(IReadOnlyList<LinkView> Incoming, IReadOnlyList<LinkView> Outgoing);

/// <summary>The two types of link, as routes and JSON name them.</summary>
public static class LinkTypes
{
    public const string Remix = "remix";
    public const string Stem = "stem";

    public static bool IsKnown(string? type) => type is Remix or Stem;
}
