namespace MusicSite.Catalog;

/// <summary>
/// The partial indexes on the listed state that the showcase pages read (decision 0048), raw SQL with the
/// <see cref="ListedTrackIndexes.RawPrefix"/> so that the schema comparison leaves them to the query-plan tests:
/// a genre's most played tracks (plays, then newest, then id: the whole order of <see cref="GenreShowcase"/>), an
/// artist's listed tracks (is an artist, how many tracks), and an album's listed tracks (its newest and count).
/// Each ends with the listed-state columns: SQLite reads a partial index alone (covering) only when it holds every
/// column the query names, those of its own WHERE included, so a count over an artist's tracks never reads the rows.
/// </summary>
public static class ShowcaseIndexes
{
    private const string State = "\"DeletedAt\", \"IsPublic\", \"State\"";

    public static readonly (string Name, string Columns)[] All =
    [
        (ListedTrackIndexes.RawPrefix + "PlaysNewest", "\"PlayCount\", \"CreatedAt\", \"Id\", " + State),
        (ListedTrackIndexes.RawPrefix + "Uploader", "\"UploaderId\", " + State),
        (ListedTrackIndexes.RawPrefix + "Album", "\"AlbumId\", \"CreatedAt\", " + State),
    ];
}
