namespace MusicSite.Catalog;

/// <summary>
/// A sort as people choose it: a field with its direction and a name that says both ("Newest", "Title A–Z").
/// The page offers these; <see cref="TrackQuery.Parse"/> takes their values as well as the API's sort names.
/// </summary>
public sealed record TrackSortChoice(string Value, string Label, TrackSort Sort, bool Descending)
{
    public static readonly TrackSortChoice Relevance = new("relevance", "Relevance", TrackSort.Relevance, true);
    public static readonly TrackSortChoice Newest = new("newest", "Newest", TrackSort.CreatedAt, true);

    /// <summary>Relevance first: it is offered only while searching.</summary>
    public static IReadOnlyList<TrackSortChoice> All { get; } =
    [
        Relevance,
        Newest,
        new("oldest", "Oldest", TrackSort.CreatedAt, false),
        new("title", "Title A–Z", TrackSort.Title, false),
        new("title_desc", "Title Z–A", TrackSort.Title, true),
        new("artist", "Artist A–Z", TrackSort.Artist, false),
        new("plays", "Most played", TrackSort.Plays, true),
        new("popularity", "Most popular", TrackSort.Popularity, true),
        new("likes", "Most liked", TrackSort.Likes, true),
        new("shortest", "Shortest", TrackSort.Duration, false),
        new("longest", "Longest", TrackSort.Duration, true),
        new("updated", "Recently updated", TrackSort.UpdatedAt, true),
    ];

    /// <summary>The choices that make sense for a query: Relevance only while searching.</summary>
    public static IEnumerable<TrackSortChoice> For(bool searching) => All.Where(c => searching || c != Relevance);

    /// <summary>What a query sorts by when the listener has not chosen: Relevance while searching, else Newest.</summary>
    public static TrackSortChoice Default(bool searching) => searching ? Relevance : Newest;

    /// <summary>The choice naming this sort and direction, if there is one.</summary>
    public static TrackSortChoice? Find(TrackSort sort, bool descending) =>
        All.FirstOrDefault(c => c.Sort == sort && c.Descending == descending);

    public static TrackSortChoice? Find(string value) =>
        All.FirstOrDefault(c => string.Equals(c.Value, value, StringComparison.OrdinalIgnoreCase));
}
