using Microsoft.EntityFrameworkCore;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Catalog;

/// <summary>How a list reads the tracks of one narrowing filter (decision 0047).</summary>
internal enum FilterPlan
{
    /// <summary>Few match: gather them by the filter's own index (the genre's links, the license's tracks), then sort.</summary>
    Gather,

    /// <summary>Many match: read the sort's list index in order and test each row (a keyed probe), stopping after
    /// the rows the page needs.</summary>
    Walk,
}

/// <summary>
/// A list's genre and license filters resolved to ids, with the number of listed tracks each selects (from the
/// counters), so that each can choose its plan by the rows a statement needs. Both plans select exactly the same
/// tracks; only the statement SQLite runs differs.
/// </summary>
internal sealed record Narrowing(int? GenreId, int GenreCount, IReadOnlyList<int>? LicenseIds, int LicenseCount, int Listed,
    double WalkFactor)
{
    /// <summary>The artist filter, if the query has one.</summary>
    public ArtistFilter? Artist { get; init; }

    /// <summary>Walk when reading about <c>rows × listed ÷ expected</c> index entries (the walk, until enough rows
    /// matched), each entry weighing <paramref name="entryCost"/>, costs less than gathering all <c>expected</c> matches
    /// (and sorting them): expected² ≥ entryCost × rows × listed, scaled by <see cref="CatalogTotalsOptions.WalkFactor"/>.</summary>
    /// <remarks><paramref name="entryCost"/> weighs a walked index entry against a gathered match: 1 when the walk's
    /// test reads the table row, as the license and artist tests do.</remarks>
    public FilterPlan PlanFor(int expected, int rows, double entryCost = 1) =>
        (double)expected * expected >= WalkFactor * entryCost * rows * Math.Max(1, Listed) ? FilterPlan.Walk : FilterPlan.Gather;

    /// <summary>What a walked entry of the genre test costs next to a gathered match. The walk tests each entry with two
    /// probes of covering indexes (the track's links, the closure); a gather reads every match's table row out of key
    /// order and sorts them. sqlite3 on the benchmark catalogs, newest first, 21 rows, the genre's rows already in the
    /// connection's cache: a gathered match 2.2–3.4 µs at 100,000 tracks and 2.7 µs at 1,000,000, a walked entry
    /// 0.5–0.95 µs; with the rows not yet read, the gather costs several times more again (decision 0054).</summary>
    public const double GenreEntryCost = 0.2;

    /// <summary>The genre filter's plan for a statement needing <paramref name="rows"/> rows.</summary>
    public FilterPlan GenrePlan(int rows) => PlanFor(GenreCount, rows, GenreEntryCost);

    /// <summary>True when some filter of a statement needing <paramref name="rows"/> rows gathers.</summary>
    public bool Gathers(int rows) =>
        (GenreId is not null && GenrePlan(rows) == FilterPlan.Gather)
        || (LicenseIds is not null && PlanFor(LicenseCount, rows) == FilterPlan.Gather)
        || (Artist is { NamesJson: not null } a && PlanFor(a.Count, rows) == FilterPlan.Gather);

    /// <summary>The genre (with its subgenres) and license filters on <paramref name="tracks"/>, each in the plan
    /// that suits a statement needing <paramref name="rows"/> rows.</summary>
    public IQueryable<Track> Apply(IQueryable<Track> tracks, MusicSiteDbContext db, int rows)
    {
        if (GenreId is { } genre)
        {
            tracks = GenrePlan(rows) == FilterPlan.Walk ? tracks.InGenreByLinks(db, genre) : tracks.InGenre(db, genre);
        }
        if (LicenseIds is { } licenses)
        {
            // "+ 0" keeps SQLite off the LicenseId index, so the walk reads the sort's index in order.
            tracks = PlanFor(LicenseCount, rows) == FilterPlan.Walk
                ? tracks.Where(t => licenses.Contains(t.LicenseId + 0))
                : tracks.Where(t => licenses.Contains(t.LicenseId));
        }
        if (Artist is { } artist)
        {
            if (artist.NamesJson is { } names && PlanFor(artist.Count, rows) == FilterPlan.Gather)
            {
                // The tracks of the matching names, by the artist list index: the same tracks as the pattern, since
                // LIKE and NOCASE both fold ASCII letters only.
                var matched = db.Database.SqlQuery<string>($"""SELECT value AS "Value" FROM json_each({names})""");
                tracks = tracks.Where(t => matched.Contains(EF.Functions.Collate(t.ArtistName, "NOCASE")));
            }
            else
            {
                var pattern = artist.Pattern;
                tracks = tracks.Where(t => EF.Functions.Like(t.ArtistName, pattern, QueryValues.LikeEscape));
            }
        }
        return tracks;
    }
}

/// <summary>The artist filter: its LIKE pattern, and (for a viewer who sees only listed tracks) the listed artist names
/// that match it as a JSON array, with their listed tracks in all (<see cref="CatalogCounters.ArtistNamesLikeAsync"/>).</summary>
internal sealed record ArtistFilter(string Pattern, string? NamesJson, int Count);
