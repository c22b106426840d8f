using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MusicSite.Tests.Tracks;

/// <summary>
/// The catalog's list statements, as the engine emits them, read through EXPLAIN QUERY PLAN on a migrated database
/// (decision 0042). The database holds no statistics, so SQLite plans the same at ten tracks as at a million: an
/// anonymous page must be read in order from one of the list indexes, never by scanning Tracks or sorting it.
/// </summary>
public sealed class CatalogQueryPlanTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new("musicsite-plans");

    public static IEnumerable<object[]> Sorts() =>
        Enum.GetValues<TrackSort>().Where(s => s != TrackSort.Relevance)
            .SelectMany(s => new[] { new object[] { s, true }, [s, false] });

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task AnonymousPage_AnySortAndDirection_ReadsAListIndexInOrder(TrackSort sort, bool descending)
    {
        var query = new TrackQuery { Sort = sort, Descending = descending };
        foreach (var shape in new[] { query, query with { Page = 50 }, query with { Cursor = Cursor(sort, descending, false) },
                     query with { Cursor = Cursor(sort, descending, true) } })
        {
            var plan = await PagePlanAsync(shape, Viewer.Anonymous);
            Assert.Contains("IX_Tracks_Listed", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("USE TEMP B-TREE FOR ORDER BY", plan, StringComparison.Ordinal);
            AssertNoTableScan(plan);
        }
    }

    [Theory]
    [InlineData("bpm")]
    [InlineData("genre")]
    [InlineData("license")]
    [InlineData("search")]
    public async Task FilteredOrSearchedPage_NeverScansTracks(string filter)
    {
        var query = filter switch
        {
            "bpm" => new TrackQuery { BpmMin = 100, BpmMax = 140, Sort = TrackSort.Plays },
            "genre" => new TrackQuery { Genre = "house", Sort = TrackSort.Title },
            "license" => new TrackQuery { License = "cc-by", Sort = TrackSort.CreatedAt },
            _ => new TrackQuery { Search = "mid" },
        };
        if (filter != "search")
        {
            AssertNoTableScan(await PagePlanAsync(query, Viewer.Anonymous));
            return;
        }
        // A ranked page has no LIMIT on Tracks (the index's head is checked by key): every statement that reads
        // Tracks, the page's and the count's, is planned.
        var reads = (await StatementsAsync(query, Viewer.Anonymous)).Where(s => s.Sql.Contains("FROM \"Tracks\" AS \"t\"", StringComparison.Ordinal)).ToList();
        Assert.Contains(reads, s => !s.Alongside);
        Assert.Contains(reads, s => s.Alongside);
        foreach (var read in reads)
        {
            AssertNoTableScan(await PlanAsync(read));
        }
    }

    [Fact]
    public async Task SearchedPage_ReadsTheIndexsBestMatchesAlone_ThenChecksThemByKey()
    {
        // The head of the ranking (decisions 0049, 0050): the index alone, with a limit; then its ids, by key.
        var statements = await StatementsAsync(new TrackQuery { Search = "mid" }, Viewer.Anonymous, 1);
        var head = statements.Single(s => s.Sql.Contains("MATCH", StringComparison.Ordinal) && s.Sql.Contains("ORDER BY rank", StringComparison.Ordinal));
        var check = statements.Single(s => s.Sql.Contains("json_each", StringComparison.Ordinal) && s.Sql.Contains("FROM \"Tracks\" AS \"t\"", StringComparison.Ordinal));
        var headPlan = await PlanAsync(head);
        var checkPlan = await PlanAsync(check);
        output.WriteLine($"{head.Sql}\n--\n{headPlan}\n\n{check.Sql}\n--\n{checkPlan}\n");

        Assert.DoesNotContain("\"Tracks\"", head.Sql, StringComparison.Ordinal);
        Assert.Contains("LIMIT", head.Sql, StringComparison.Ordinal);
        Assert.Contains("TrackSearch VIRTUAL TABLE", headPlan, StringComparison.Ordinal);
        Assert.Matches(@"SEARCH (TABLE Tracks AS )?t USING INTEGER PRIMARY KEY", checkPlan);
        AssertNoTableScan(checkPlan);
    }

    [Fact]
    public async Task SearchedPage_DeeperThanTheWidestWindow_RanksInTheIndexFirst_ThenReadsTracksByKey()
    {
        var plan = await PagePlanAsync(new TrackQuery { Search = "mid", Page = 100 }, Viewer.Anonymous);

        var lines = plan.Split('\n').Select(l => l.Trim()).ToList();
        var index = lines.FindIndex(l => l.Contains("TrackSearch VIRTUAL TABLE", StringComparison.Ordinal));
        var byKey = lines.FindIndex(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^SEARCH (TABLE Tracks AS )?t USING INTEGER PRIMARY KEY"));
        // The index is read once, outermost; the other order would run the full-text query once per track.
        Assert.True(index >= 0 && byKey > index, plan);
        AssertNoTableScan(plan);
    }

    public static IEnumerable<object[]> FilterPlans() =>
        from filter in new[] { "genre", "license", "genre+license", "artist" }
        from sort in new[] { TrackSort.CreatedAt, TrackSort.Plays, TrackSort.Title }
        select new object[] { filter, sort };

    [Theory]
    [MemberData(nameof(FilterPlans))]
    public async Task FilteredPage_ManyMatches_WalksAListIndexInOrderWithKeyedProbes(string filter, TrackSort sort)
    {
        var plan = await PagePlanAsync(Filtered(filter, sort), Viewer.Anonymous, WalkAlways);

        Assert.Contains("IX_Tracks_Listed", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("USE TEMP B-TREE FOR ORDER BY", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("IX_Tracks_LicenseId", plan, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s*\W*SCAN (TABLE )?(TrackGenres|GenreClosure)", plan); // each probe is a key lookup
        if (filter.Contains("genre", StringComparison.Ordinal))
        {
            AssertClosureProbedByBothKeys(plan);
        }
        AssertNoTableScan(plan);
    }

    /// <summary>The walk's genre test probes the closure with the link's own genre (both keys), not the subtree's
    /// genres one by one against each track's links (GenreFilter.InGenreByLinks).</summary>
    private static void AssertClosureProbedByBothKeys(string plan) =>
        Assert.Matches(@"SEARCH (TABLE )?GenreClosure AS g USING COVERING INDEX sqlite_autoindex_GenreClosure_1 \(AncestorId=\? AND DescendantId=\?\)", plan);

    [Theory]
    [MemberData(nameof(FilterPlans))]
    public async Task FilteredPage_FewMatches_GathersThemByTheFiltersIndex(string filter, TrackSort sort)
    {
        var plan = await PagePlanAsync(Filtered(filter, sort), Viewer.Anonymous, GatherAlways);

        Assert.Matches(filter switch
        {
            "license" => "IX_Tracks_LicenseId",
            "genre" => "IX_TrackGenres_GenreId",
            "artist" => @"SEARCH (TABLE Tracks AS )?t USING INDEX IX_Tracks_ListedRaw_ArtistName \(ArtistName=\?\)",
            _ => "IX_Tracks_LicenseId|IX_TrackGenres_GenreId",
        }, plan);
        AssertNoTableScan(plan);
    }

    /// <summary>A genre alone takes its facets from the counters kept within it; with a license too, they are sampled.</summary>
    [Theory]
    [InlineData("genre+license")]
    [InlineData("license")]
    public async Task FacetSample_ManyMatches_ReadsTracksInKeyOrderWithoutSorting(string filter)
    {
        var statements = await StatementsAsync(Filtered(filter, TrackSort.CreatedAt), Viewer.Anonymous, WalkAlways);
        var sample = statements.Single(s => s.Sql.Contains("\"t\".\"Bpm\"", StringComparison.Ordinal) && s.Sql.Contains("LIMIT", StringComparison.Ordinal));
        var plan = await PlanAsync(sample);
        output.WriteLine($"{sample.Sql}\n--\n{plan}\n");

        Assert.Contains("ORDER BY \"t\".\"Id\"", sample.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("IX_Tracks_ListedRaw_Popularity", plan, StringComparison.Ordinal);
        if (filter.Contains("genre", StringComparison.Ordinal))
        {
            AssertClosureProbedByBothKeys(plan);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FacetSample_OfASearch_ReadsTheMatchesOutermostAndTheirTracksByKey(bool admin)
    {
        var statements = await StatementsAsync(new TrackQuery { Search = "mid", Sort = TrackSort.CreatedAt }, admin ? new Viewer(null, true) : Viewer.Anonymous, 1);
        var sample = statements.Single(s => s.Sql.Contains("\"Bpm\"", StringComparison.Ordinal) && s.Sql.Contains("MATCH", StringComparison.Ordinal));
        var plan = await PlanAsync(sample);
        output.WriteLine($"{sample.Sql}\n--\n{plan}\n");

        // The join stops after the capped number of rows; the index first, so the MATCH runs once.
        var lines = plan.Split('\n').Select(l => l.Trim()).ToList();
        var index = lines.FindIndex(l => l.Contains("TrackSearch VIRTUAL TABLE", StringComparison.Ordinal));
        var byKey = lines.FindIndex(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"SEARCH (TABLE Tracks AS )?t USING INTEGER PRIMARY KEY"));
        Assert.True(index >= 0 && byKey > index, plan);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        AssertNoTableScan(plan);
    }

    [Fact]
    public async Task FacetTallies_ReadTheSampledTracksLinksByKey()
    {
        var statements = await StatementsAsync(new TrackQuery { Artist = "plan" }, Viewer.Anonymous, 1);
        var pairs = statements.Single(s => s.Sql.Contains("json_each", StringComparison.Ordinal) && s.Sql.Contains("TrackGenres", StringComparison.Ordinal));
        var plan = await PlanAsync(pairs);
        output.WriteLine($"{pairs.Sql}\n--\n{plan}\n");

        Assert.Matches(@"SEARCH (TABLE TrackGenres AS )?l USING (COVERING )?INDEX sqlite_autoindex_TrackGenres_1 \(TrackId=\?\)", plan);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    /// <summary>Counts that read counters alone (one genre, or the whole catalog, for a viewer who sees listed tracks
    /// only) stay on the request's connection; a count that samples tracks (a search) runs in a scope of its own.</summary>
    [Fact]
    public async Task CountFromCountersAlone_StaysOnTheRequestsConnection()
    {
        var genre = await StatementsAsync(new TrackQuery { Genre = "house" }, Viewer.Anonymous);
        var search = await StatementsAsync(new TrackQuery { Search = "mid" }, Viewer.Anonymous);

        Assert.Contains(genre, s => s.Sql.Contains("\"CatalogCountersByGenre\"", StringComparison.Ordinal));
        Assert.DoesNotContain(genre, s => s.Alongside);
        Assert.Contains(search, s => s.Alongside && s.Sql.Contains("MATCH", StringComparison.Ordinal));
    }

    /// <summary>The popular-genres ranking (home page): the window's plays are read from the play index in track
    /// order and only then joined to the tracks and their links by key; the genre index never drives it (that walked
    /// every link of the catalog: 15 s at 1,000,000 tracks). The listed tracks per genre come from the counters.</summary>
    [Fact]
    public async Task PopularGenres_ReadThePlayIndexFirst_AndTheCountersForTracks()
    {
        var statements = await RecordAsync(services => services.GetRequiredService<MusicSite.Genres.PopularGenres>()
            .RankAsync(Viewer.Anonymous, 30, 1, 10, CancellationToken.None));
        var plays = statements.Single(s => s.Sql.Contains("\"PlayEvents\"", StringComparison.Ordinal));
        var plan = await PlanAsync(plays);
        output.WriteLine($"{plays.Sql}\n--\n{plan}\n");

        var lines = plan.Split('\n').Select(l => l.Trim()).ToList();
        var index = lines.FindIndex(l => l.Contains("IX_PlayEvents_TrackId_PlayedAt", StringComparison.Ordinal));
        var links = lines.FindIndex(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"SEARCH (TABLE TrackGenres AS )?\w+ USING COVERING INDEX sqlite_autoindex_TrackGenres_1 \(TrackId=\?\)"));
        Assert.True(index >= 0 && links > index, plan);
        Assert.DoesNotContain("IX_TrackGenres_GenreId", plan, StringComparison.Ordinal);
        AssertNoTableScan(plan);
        Assert.Contains(statements, s => s.Sql.Contains("\"CatalogCounters\"", StringComparison.Ordinal));
        Assert.DoesNotContain(statements, s => s.Sql.Contains("\"TrackGenres\"", StringComparison.Ordinal) && !s.Sql.Contains("\"PlayEvents\"", StringComparison.Ordinal));
    }

    private const double WalkAlways = 0;
    private const double GatherAlways = 1e12;

    private static TrackQuery Filtered(string filter, TrackSort sort) => new()
    {
        Sort = sort,
        Genre = filter.Contains("genre", StringComparison.Ordinal) ? "house" : null,
        License = filter.Contains("license", StringComparison.Ordinal) ? "cc-by" : null,
        Artist = filter.Contains("artist", StringComparison.Ordinal) ? "pla" : null,
    };

    [Fact]
    public async Task PageDetails_ReadOnlyThePagesRowsByKey()
    {
        var statements = await StatementsAsync(new TrackQuery(), Viewer.Anonymous);
        // EF sends the page's ids as parameters (@keys1, @keys2, ...).
        var details = statements.Where(s => s.Sql.Contains("@keys", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, details.Count); // the rows, then their genres
        foreach (var statement in details)
        {
            var plan = await PlanAsync(statement);
            output.WriteLine($"{statement.Sql}\n--\n{plan}\n");
            AssertNoTableScan(plan);
            Assert.DoesNotMatch(@"(?m)^SCAN (TABLE )?(TrackGenres|Genres)( AS \w+)?$", plan);
        }
    }

    [Fact]
    public void PlanCheck_CanFail_OnAFullScan()
    {
        Assert.Throws<Xunit.Sdk.ContainsException>(() => AssertNoTableScan("SCAN TABLE Tracks AS t\nUSE TEMP B-TREE FOR ORDER BY"));
        Assert.Throws<Xunit.Sdk.ContainsException>(() => AssertNoTableScan("SCAN t"));
        AssertNoTableScan("SCAN TABLE Tracks AS t USING INDEX IX_Tracks_Listed_CreatedAt");
    }

    private static void AssertNoTableScan(string plan)
    {
        // "SCAN TABLE Tracks AS t" (or "SCAN t" in newer SQLite) without "USING ... INDEX" reads every row.
        var scans = plan.Split('\n').Select(l => l.Trim())
            .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^SCAN (TABLE )?(Tracks|t\d?)( AS \w+)?$")).ToList();
        Assert.Contains("no full scan of Tracks", scans.Count == 0 ? "no full scan of Tracks" : plan, StringComparison.Ordinal);
    }

    private static TrackCursor Cursor(TrackSort sort, bool descending, bool backward) =>
        new(sort, descending, backward, 1000, SortKey.KindOf(sort) switch
        {
            SortKeyKind.Text => new SortKey(SortKeyKind.Text, Text: "m"),
            SortKeyKind.Real => new SortKey(SortKeyKind.Real, Real: 180),
            SortKeyKind.Number => new SortKey(SortKeyKind.Number, Number: 10),
            _ => new SortKey(SortKeyKind.Time, Time: new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc)),
        });

    private async Task<string> PagePlanAsync(TrackQuery query, Viewer viewer, double walkFactor = 1)
    {
        var statements = await StatementsAsync(query, viewer, walkFactor);
        // The first statement that reads Tracks with a LIMIT (the counters' and names' lookups come before it).
        var page = statements.First(s => !s.Alongside && s.Sql.Contains("LIMIT", StringComparison.Ordinal) && !s.Sql.Contains("GROUP BY", StringComparison.Ordinal)
                                         && s.Sql.Contains("FROM \"Tracks\" AS \"t\"", StringComparison.Ordinal));
        var plan = await PlanAsync(page);
        output.WriteLine($"{query.ToQueryString()}\n{page.Sql}\n--\n{plan}\n");
        return plan;
    }

    /// <summary>A statement the catalog ran. <paramref name="Alongside"/>: run by the count's own scope
    /// (CatalogSearch counts alongside the page, decision 0053), not by the request's.</summary>
    private sealed record Statement(string Sql, IReadOnlyList<(string Name, object Value)> Parameters, bool Alongside = false);

    /// <summary>Every statement, with the context that ran it (the count runs on another thread at the same time).</summary>
    private sealed class Recorder : DbCommandInterceptor
    {
        private readonly List<(Statement Statement, DbContext? Context)> _statements = [];

        public IReadOnlyList<Statement> StatementsBy(DbContext request)
        {
            lock (_statements)
            {
                return _statements.Select(s => s.Statement with { Alongside = !ReferenceEquals(s.Context, request) }).ToList();
            }
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var statement = new Statement(command.CommandText,
                command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value ?? DBNull.Value)).ToList());
            lock (_statements)
            {
                _statements.Add((statement, eventData.Context));
            }
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    private string DatabasePath => _dir.Combine("plans.db");

    private Task<IReadOnlyList<Statement>> StatementsAsync(TrackQuery query, Viewer viewer, double walkFactor = 1) =>
        RecordAsync(services => services.GetRequiredService<CatalogSearch>().SearchAsync(query, viewer, CancellationToken.None), walkFactor);

    /// <summary>The statements <paramref name="run"/> sends through the catalog's services, on the plan database.</summary>
    private async Task<IReadOnlyList<Statement>> RecordAsync(Func<IServiceProvider, Task> run, double walkFactor = 1)
    {
        if (!File.Exists(DatabasePath))
        {
            var options = new DbContextOptionsBuilder<MusicSiteDbContext>();
            SqliteDatabase.Configure(options, DatabasePath);
            await using var db = new MusicSiteDbContext(options.Options);
            await db.Database.MigrateAsync();
            await SeedAsync(db);
        }
        var recorder = new Recorder();
        // The catalog's own services, each scope with its own context (the count runs in a scope of its own).
        var services = new ServiceCollection()
            .AddDbContext<MusicSiteDbContext>(o => SqliteDatabase.Configure(o.AddInterceptors(recorder), DatabasePath))
            .AddScoped<TrackCatalog>().AddScoped<CatalogCounters>().AddScoped<MusicSite.Genres.GenreDirectory>().AddScoped<CatalogTotals>()
            .AddScoped<CatalogSearch>().AddScoped<MusicSite.Genres.PopularGenres>().AddSingleton(TimeProvider.System)
            .AddSingleton(new ShowcaseCache(new MusicSite.Live.ContentVersion(), TimeProvider.System))
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(new CatalogTotalsOptions { WalkFactor = walkFactor }))
            .BuildServiceProvider();
        await using (services)
        {
            await using var scope = services.CreateAsyncScope();
            await run(scope.ServiceProvider);
            return recorder.StatementsBy(scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>());
        }
    }

    /// <summary>One listed track in one genre: enough for every statement of a page to run (plans do not depend on
    /// how many rows there are, the database has no statistics).</summary>
    private static async Task SeedAsync(MusicSiteDbContext db)
    {
        var user = new MusicSite.Accounts.AppUser { UserName = "plan@example.com", NormalizedUserName = "PLAN@EXAMPLE.COM",
            Email = "plan@example.com", DisplayName = "Plan", CreatedAt = DateTime.UtcNow };
        var license = new License { Code = "cc-by", Name = "CC BY 4.0" };
        var genre = new MusicSite.Genres.Genre { Name = "House", Slug = "house" };
        db.AddRange(user, license, genre);
        await db.SaveChangesAsync();
        db.Tracks.Add(new Track
        {
            Title = "Midnight Drive", ArtistName = "Plan", LicenseId = license.Id, UploaderId = user.Id, IsPublic = true, State = TrackState.Ready,
            MediaFolder = "plan", DurationSeconds = 200, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            Genres = [new TrackGenre { GenreId = genre.Id }],
        });
        await db.SaveChangesAsync();
    }

    private async Task<string> PlanAsync(Statement statement)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + statement.Sql;
        foreach (var (name, value) in statement.Parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }
        return string.Join('\n', lines);
    }

    public void Dispose() => _dir.Dispose();
}
