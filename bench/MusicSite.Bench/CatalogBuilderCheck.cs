using System.Diagnostics;
using Microsoft.Data.Sqlite;
using MusicSite.Hosting;

/// <summary>
/// The check behind <see cref="CatalogBuilder"/>'s one-statement search index and counters within genres: the same
/// catalog (same random seed) built twice, once with both kept row by row by their triggers and once filled in one
/// statement each, then every TrackSearch row and every counter of the two compared column by column, FTS5's integrity check run on both, and the same MATCH
/// queries counted on both. Prints both build times and what differs (nothing, when the shortcut is right).
/// </summary>
static class CatalogBuilderCheck
{
    public static async Task RunAsync(int trackCount)
    {
        var root = Path.Combine(Path.GetTempPath(), "musicsite-catalog-check-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var (triggers, bulk) = (Path.Combine(root, "triggers"), Path.Combine(root, "bulk"));
            var watch = Stopwatch.StartNew();
            await CatalogBuilder.RunAsync(triggers, trackCount, byTriggers: true);
            var byTrigger = watch.Elapsed.TotalSeconds;
            watch.Restart();
            await CatalogBuilder.RunAsync(bulk, trackCount, byTriggers: false);
            var inOne = watch.Elapsed.TotalSeconds;

            using var a = Open(triggers);
            using var b = Open(bulk);
            const string rows = """SELECT rowid, title, artist, tags, description, genres FROM "TrackSearch" ORDER BY rowid""";
            var left = Rows(a, rows);
            var right = Rows(b, rows);
            var differing = left.Count != right.Count ? Math.Abs(left.Count - right.Count)
                : left.Zip(right).Count(p => !p.First.SequenceEqual(p.Second));
            var matches = new[] { "\"dee\"*", "\"midnight\"* \"dri\"*", "\"chill\"*", "\"techno\"*", "\"heart\"* \"ocean\"*" }
                .Select(m => $"SELECT count(*) FROM \"TrackSearch\" WHERE \"TrackSearch\" MATCH '{m.Replace("'", "''", StringComparison.Ordinal)}'")
                .Count(sql => !Rows(a, sql).Single().SequenceEqual(Rows(b, sql).Single()));
            foreach (var connection in new[] { a, b })
            {
                using var check = connection.CreateCommand();
                check.CommandText = """INSERT INTO "TrackSearch"("TrackSearch", rank) VALUES ('integrity-check', 1)""";
                check.ExecuteNonQuery(); // throws SQLITE_CORRUPT_VTAB when the index and the rows disagree
            }
            const string counters = """SELECT "GenreId", "Kind", "Key", "Count" FROM "CatalogCountersByGenre" WHERE "Count" <> 0 ORDER BY 1, 2, 3""";
            var (countedLeft, countedRight) = (Rows(a, counters), Rows(b, counters));
            var countersDiffering = countedLeft.Count != countedRight.Count ? Math.Abs(countedLeft.Count - countedRight.Count)
                : countedLeft.Zip(countedRight).Count(p => !p.First.SequenceEqual(p.Second));
            var triggerSql = """SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name""";
            var sameTriggers = Rows(a, triggerSql).Zip(Rows(b, triggerSql)).All(p => p.First.SequenceEqual(p.Second));
            Console.WriteLine($"catalog-check: {trackCount:N0} tracks: row by row through the triggers {byTrigger:0.0} s, in one statement each {inOne:0.0} s; " +
                              $"{left.Count:N0} and {right.Count:N0} TrackSearch rows, {differing} differing; {matches} of 5 MATCH counts differing; " +
                              $"integrity-check passed on both; {countedLeft.Count:N0} and {countedRight.Count:N0} counters within genres, {countersDiffering} differing; " +
                              $"triggers afterwards {(sameTriggers ? "identical" : "DIFFERENT")}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static SqliteConnection Open(string data)
    {
        var connection = new SqliteConnection($"Data Source={new DataPaths(data).Database};Pooling=False");
        connection.Open();
        return connection;
    }

    private static List<object?[]> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }
        return rows;
    }
}
