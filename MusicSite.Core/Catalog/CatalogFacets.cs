namespace MusicSite.Catalog;

public sealed record FacetCount(string Label, int Count, string Parameter, string Value);

/// <summary>The facets beside a list. <paramref name="Exact"/>: the counts are those of every matching track; when
/// false they were counted among <paramref name="Among"/> of them (a page says so), never passed off as totals.
/// A genre's count includes its subgenres, like the list its link leads to.</summary>
public sealed record TrackFacets(IReadOnlyList<FacetCount> Genres, IReadOnlyList<FacetCount> BpmRanges, bool Exact = true, int? Among = null)
{
    public static readonly TrackFacets None = new([], []);
}

/// <summary>The BPM facet's buckets, [From, To) with a label: the one owner of their bounds (the counters' triggers
/// spell the same bounds in SQL, migration 20261204020000_CatalogCounterTriggers).</summary>
public static class BpmBuckets
{
    public sealed record Bucket(int Index, int From, int To, string Label)
    {
        /// <summary>The facet's link value, "90-109": the bpm_min and bpm_max that select exactly this bucket.</summary>
        public string Value => $"{From}-{To - 1}";

        public FacetCount Facet(int count) => new(Label, count, "bpm", Value);
    }

    public static readonly IReadOnlyList<Bucket> All =
    [
        new(0, 0, 90, "Under 90"), new(1, 90, 110, "90–109"), new(2, 110, 130, "110–129"), new(3, 130, 150, "130–149"),
        new(4, 150, 1000, "150 and over"),
    ];

    /// <summary>The bucket of a BPM (below the first: the first; past the last: the last, as the counters count).</summary>
    public static Bucket Of(int bpm) => All.FirstOrDefault(b => bpm < b.To) ?? All[^1];

    /// <summary>The bucket a bpm_min/bpm_max pair selects exactly, if it selects one.</summary>
    public static Bucket? Selected(int? min, int? max) =>
        All.FirstOrDefault(b => b.From == min && b.To - 1 == max);
}
