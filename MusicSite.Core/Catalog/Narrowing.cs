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
    /// matched) costs less than gathering all <c>expected</c> matches (and sorting them): expected² ≥ rows × listed,
    /// scaled by <see cref="CatalogTotalsOptions.WalkFactor"/>.</summary>
    public FilterPlan PlanFor(int expected, int rows) =>
        (double)expected * expected >= WalkFactor * rows * Math.Max(1, Listed) ? FilterPlan.Walk : FilterPlan.Gather;

    /// <summary>True when some filter of a statement needing <paramref name="rows"/> rows gathers.</summary>
    public bool Gathers(int rows) =>
        (GenreId is not null && PlanFor(GenreCount, rows) == FilterPlan.Gather)
        || (LicenseIds is not null && PlanFor(LicenseCount, rows) == FilterPlan.Gather)
        || (Artist is { NamesJson: not null } a && PlanFor(a.Count, rows) == FilterPlan.Gather);

    /// <summary>The genre (with its subgenres) and license filters on <paramref name="tracks"/>, each in the plan
    /// that suits a statement needing <paramref name="rows"/> rows.</summary>
    public IQueryable<Track> Apply(IQueryable<Track> tracks, MusicSiteDbContext db, int rows)
    {
        if (GenreId is { } genre)
        {
            tracks = PlanFor(GenreCount, rows) == FilterPlan.Walk ? tracks.InGenreByLinks(db, genre) : tracks.InGenre(db, genre);
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
