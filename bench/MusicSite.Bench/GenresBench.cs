using System.Data.Common;
using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Common;
using MusicSite.Data;
using MusicSite.Genres;

/// <summary>
/// The genre tree at size: the seeded genres grown by random ones to <see cref="GenreCount"/> (each new genre under a
/// random existing one, so the tree is random), N tracks each tagged with one genre (a third with two). Measures the
/// descendant-filtered catalog query next to the same query without the filter, prints its query plan, and leaves the
/// database in the data directory for <see cref="GenrePagesBench"/>, which bench/run.sh points the real site at.
/// </summary>
static partial class GenresBench
{
    public const int GenreCount = 2_000;
    public const string PagesFile = "bench-genres.txt";
    private static readonly string[] Words = ["acid", "deep", "dark", "neon", "velvet", "dust", "glass", "tidal", "copper", "lo",
        "hollow", "ember", "orbit", "paper", "signal", "static", "harbor", "meadow", "circuit", "lantern"];

    public static async Task RunAsync(string data, int trackCount)
    {
        await using var services = BenchHost.Services(data);
        using var scope = await BenchHost.MigratedAsync(services, data);
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var user = new AppUser { UserName = "genres@example.com", Email = "genres@example.com", DisplayName = "Genres", CreatedAt = DateTime.UtcNow };
        await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user);
        var licenseIds = await db.Licenses.Select(l => l.Id).ToListAsync();
        var random = new Random(9);

        var load = Stopwatch.StartNew();
        var genres = await db.Genres.ToListAsync();
        var seeded = genres.Count;
        for (var i = 0; genres.Count < GenreCount; i++)
        {
            // The parent is any genre so far: a random recursive tree on top of the seeded one. The closure rows
            // come from the Genres triggers; EF inserts parents before children.
            var name = $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} {i}";
            var genre = new Genre { Name = name, Slug = Slug.From(name), Parent = genres[random.Next(genres.Count)] };
            db.Genres.Add(genre);
            genres.Add(genre);
        }
        await db.SaveChangesAsync();
        var genreIds = genres.Select(g => g.Id).ToArray();
        var treeSeconds = load.Elapsed.TotalSeconds;

        load.Restart();
        await InsertTracksAsync(db, trackCount, genreIds, licenseIds, user.Id, random);
        db.ChangeTracker.Clear();
        var links = await db.TrackGenres.CountAsync();
        var closureRows = await db.GenreClosure.CountAsync();
        var depth = await db.GenreClosure.MaxAsync(c => c.Depth);
        Console.WriteLine($"genres: {genres.Count} genres ({seeded} seeded, {closureRows} closure rows, deepest {depth} levels below a root) in " +
                          $"{treeSeconds:0.0} s; {trackCount} tracks with {links} genre links in {load.Elapsed.TotalSeconds:0.0} s");

        // The top-level genre with the largest subtree, and a mid-level one (two levels below a root) with a large one.
        var sizes = await db.GenreClosure.GroupBy(c => c.AncestorId).Select(g => new { Id = g.Key, Size = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Size);
        var levels = await db.GenreClosure.GroupBy(c => c.DescendantId).Select(g => new { Id = g.Key, Level = g.Max(c => c.Depth) }).ToDictionaryAsync(g => g.Id, g => g.Level);
        var top = genres.Where(g => levels[g.Id] == 0).MaxBy(g => sizes[g.Id])!;
        var middle = genres.Where(g => levels[g.Id] == 2).MaxBy(g => sizes[g.Id])!;

        var search = scope.ServiceProvider.GetRequiredService<CatalogSearch>();
        foreach (var (label, genre) in new (string, Genre?)[] { ("top-level genre", top), ("mid-level genre", middle), ("no genre filter", null) })
        {
            var query = new TrackQuery { Genre = genre?.Slug };
            var result = await search.SearchAsync(query, Viewer.Anonymous, CancellationToken.None); // warm-up
            var times = new List<double>();
            for (var round = 0; round < 50; round++)
            {
                var watch = Stopwatch.StartNew();
                await search.SearchAsync(query with { Page = 1 + round % 5 }, Viewer.Anonymous, CancellationToken.None);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            var what = genre is null ? "" : $" '{genre.Slug}' ({sizes[genre.Id]} genres in its subtree)";
            Console.WriteLine($"genres: catalog, {label}{what}, newest, pages 1-5: n={times.Count} p50={Percentile(times, 50):0.0} ms " +
                              $"p95={Percentile(times, 95):0.0} ms ({result.Total} matching tracks; count + page + facets)");
        }

        await ExplainAsync(db, "CatalogSearch.SearchAsync, top-level genre (each statement it runs)",
            () => search.SearchAsync(new TrackQuery { Genre = top.Slug }, Viewer.Anonymous, CancellationToken.None));
        await ExplainAsync(db, "GenreFilter.InGenre, count of the top-level genre's public ready tracks",
            () => db.Tracks.Where(t => t.DeletedAt == null && t.IsPublic && t.State == TrackState.Ready).InGenre(db, top.Id).CountAsync());
        await ExplainAsync(db, "GenreCounts.AllAsync, the counts /genres shows",
            () => scope.ServiceProvider.GetRequiredService<GenreCounts>().AllAsync(Viewer.Anonymous, CancellationToken.None));

        var biggestBelowTop = genres.Where(g => levels[g.Id] == 1).MaxBy(g => sizes[g.Id])!;
        var filter = Words.MaxBy(w => genres.Count(g => g.Name.Contains(w, StringComparison.OrdinalIgnoreCase)))!;
        await File.WriteAllLinesAsync(Path.Combine(data, PagesFile), [filter, biggestBelowTop.Slug, sizes[biggestBelowTop.Id].ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    }

    /// <summary>The catalog in one transaction through two prepared statements (EF's change tracking would take
    /// minutes for 100,000 tracks); the search triggers fill TrackSearch as they do for any insert.</summary>
    private static async Task InsertTracksAsync(MusicSiteDbContext db, int count, int[] genreIds, List<int> licenseIds, int userId, Random random)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var transaction = connection.BeginTransaction();
        await using var track = connection.CreateCommand();
        track.CommandText = """
            INSERT INTO "Tracks" ("Title", "ArtistName", "Bpm", "LicenseId", "IsPublic", "IsDownloadable", "UploaderId", "DurationSeconds",
                "State", "ProcessingProgress", "CreatedAt", "UpdatedAt", "MediaFolder", "PlayCount")
            VALUES ($title, $artist, $bpm, $license, $public, 1, $user, $duration, 'Ready', 100, $created, $created, 'bench', $plays)
            RETURNING "Id"
            """;
        var parameters = new[] { "$title", "$artist", "$bpm", "$license", "$public", "$user", "$duration", "$created", "$plays" }
            .ToDictionary(n => n, n => track.Parameters.Add(new SqliteParameter { ParameterName = n }));
        await using var link = connection.CreateCommand();
        link.CommandText = """INSERT INTO "TrackGenres" ("TrackId", "GenreId") VALUES ($track, $genre)""";
        var linkTrack = link.Parameters.Add("$track", SqliteType.Integer);
        var linkGenre = link.Parameters.Add("$genre", SqliteType.Integer);
        track.Transaction = transaction;
        link.Transaction = transaction;
        var now = DateTime.UtcNow;
        for (var i = 0; i < count; i++)
        {
            parameters["$title"].Value = $"{Words[random.Next(Words.Length)]} {Words[random.Next(Words.Length)]} {i}";
            parameters["$artist"].Value = $"Artist {random.Next(2000)}";
            parameters["$bpm"].Value = 60 + random.Next(120);
            parameters["$license"].Value = licenseIds[random.Next(licenseIds.Count)];
            parameters["$public"].Value = random.Next(20) != 0 ? 1 : 0;
            parameters["$user"].Value = userId;
            parameters["$duration"].Value = 60.0 + random.Next(400);
            parameters["$created"].Value = now.AddMinutes(-random.Next(1_000_000));
            parameters["$plays"].Value = random.Next(1000);
            var id = (long)(await track.ExecuteScalarAsync())!;
            var first = genreIds[random.Next(genreIds.Length)];
            var second = genreIds[random.Next(genreIds.Length)];
            foreach (var genre in random.Next(3) == 0 && second != first ? new[] { first, second } : [first])
            {
                linkTrack.Value = id;
                linkGenre.Value = genre;
                await link.ExecuteNonQueryAsync();
            }
        }
        await transaction.CommitAsync();
        await db.Database.CloseConnectionAsync();
    }

    /// <summary>Runs <paramref name="work"/> once, records the SQL it sends (through EF's diagnostic events), and prints
    /// SQLite's plan for each statement; SCAN lines are full passes over a table or an index.</summary>
    private static async Task ExplainAsync(MusicSiteDbContext db, string label, Func<Task> work)
    {
        var commands = new List<(string Sql, List<(string Name, object? Value)> Parameters)>();
        using (DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
               {
                   if (listener.Name == DbLoggerCategory.Name)
                   {
                       listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
                       {
                           if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData data)
                           {
                               commands.Add((data.Command.CommandText,
                                   data.Command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
                           }
                       }));
                   }
               })))
        {
            // EF caches whether anyone listens to its command events for about a second.
            await Task.Delay(TimeSpan.FromSeconds(2));
            await work();
        }

        Console.WriteLine($"genres: EXPLAIN QUERY PLAN, {label}:");
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var (sql, parameters) in commands)
        {
            var oneLine = string.Join(" ", sql.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            // A list of parameters (@ids1, @ids2, ...) printed as its first one and its length.
            Console.WriteLine("  -- " + ParameterList().Replace(oneLine, m => $"@{m.Groups[2].Value}1.. ({m.Value.Count(c => c == '@')} values)"));
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var (name, value) in parameters)
            {
                explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
            await using var reader = await explain.ExecuteReaderAsync();
            var depthOf = new Dictionary<long, int> { [0] = 0 };
            while (await reader.ReadAsync())
            {
                var depth = depthOf.GetValueOrDefault(reader.GetInt64(1)) + 1;
                depthOf[reader.GetInt64(0)] = depth;
                Console.WriteLine($"  {new string(' ', 2 * depth)}{reader.GetString(3)}");
            }
        }
        await db.Database.CloseConnectionAsync();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(@([A-Za-z_]+)\d+, )+@\2\d+")]
    private static partial System.Text.RegularExpressions.Regex ParameterList();

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnNext(T value) => next(value);
        public void OnError(Exception error) { }
        public void OnCompleted() { }
    }

    public static double Percentile(List<double> sorted, int p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
}

/// <summary>The genre pages of a running site (bench/run.sh starts it on the database <see cref="GenresBench"/> built):
/// full responses over loopback HTTP, one at a time.</summary>
static class GenrePagesBench
{
    public static async Task RunAsync(string baseUrl, string pagesFile, int rounds)
    {
        var lines = await File.ReadAllLinesAsync(pagesFile);
        var (filter, slug, subtree) = (lines[0], lines[1], lines[2]);
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        foreach (var (label, path) in new[]
                 {
                     ("/genres, the whole tree", "/genres"),
                     ($"/genres?q={filter} (filtered)", "/genres?q=" + Uri.EscapeDataString(filter)),
                     ($"/genres/{slug} ({subtree} genres in its subtree)", "/genres/" + slug),
                 })
        {
            var bytes = 0;
            for (var i = 0; i < 3; i++)
            {
                bytes = (await GetAsync(client, path)).Length; // warm-up
            }
            var times = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                var watch = Stopwatch.StartNew();
                await GetAsync(client, path);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"genres: page {label,-52} n={times.Count} p50={GenresBench.Percentile(times, 50):0.0} ms " +
                              $"p95={GenresBench.Percentile(times, 95):0.0} ms ({bytes / 1024} KiB of HTML)");
        }
    }

    private static async Task<byte[]> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}.");
        }
        return await response.Content.ReadAsByteArrayAsync();
    }
}
