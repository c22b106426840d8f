namespace MusicSite.Catalog;

/// <summary>
/// The indexes the catalog's lists read (decision 0042). Each is partial on the listed state (not deleted, public,
/// ready), so an anonymous page is a range of one index in sort order, and ends with the id, the tie-break of every
/// sort. Queries must state the listed state as <see cref="TrackCatalog.Listed"/> does, term for term, for SQLite
/// to use them.
/// </summary>
public static class ListedTrackIndexes
{
    /// <summary>The listed state, as the indexes' WHERE clause. <c>State</c> is stored by name.</summary>
    public const string Filter = "\"DeletedAt\" IS NULL AND \"IsPublic\" AND \"State\" = 'Ready'";

    /// <summary>Indexes the EF model declares (name, sort column), each on (column, Id).</summary>
    public static readonly (string Name, string Column)[] Modelled =
    [
        ("IX_Tracks_Listed_CreatedAt", "CreatedAt"),
        ("IX_Tracks_Listed_UpdatedAt", "UpdatedAt"),
        ("IX_Tracks_Listed_DurationSeconds", "DurationSeconds"),
        ("IX_Tracks_Listed_PlayCount", "PlayCount"),
        ("IX_Tracks_Listed_LikeCount", "LikeCount"),
    ];

    /// <summary>Name prefix of the raw-SQL ones, which the model cannot state (a collation per index column, an
    /// expression): the schema comparison leaves them to the query-plan tests.</summary>
    public const string RawPrefix = "IX_Tracks_ListedRaw_";

    /// <summary>Raw-SQL indexes: NOCASE names (the title and artist sorts compare without letter case) and popularity,
    /// written exactly as the query orders by it.</summary>
    public static readonly (string Name, string Columns)[] Raw =
    [
        (RawPrefix + "Title", "\"Title\" COLLATE NOCASE, \"Id\""),
        (RawPrefix + "ArtistName", "\"ArtistName\" COLLATE NOCASE, \"Id\""),
        (RawPrefix + "Popularity", "\"PlayCount\" + 2 * \"DownloadCount\" + 3 * \"LikeCount\", \"Id\""),
    ];
}
