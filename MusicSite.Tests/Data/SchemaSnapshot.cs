using Microsoft.Data.Sqlite;

namespace MusicSite.Tests.Data;

/// <summary>
/// A database's schema as a set of lines (tables, columns with type/nullability/key, indexes with their
/// columns and uniqueness, foreign keys with their delete rule), so two schemas compare as sets.
/// </summary>
public static class SchemaSnapshot
{
    private static readonly HashSet<string> Ignored = ["__EFMigrationsHistory", "__EFMigrationsLock", "sqlite_sequence"];

    /// <summary>Objects written in raw SQL by migrations, outside the EF model: the FTS5 search index and its
    /// shadow tables (FullTextSearchTests covers them), and the catalog counters and artist names (CatalogCounterTests).</summary>
    private static readonly string[] RawSqlPrefixes = ["TrackSearch", "CatalogCounters", "CatalogArtistNames"]; // CatalogCounters also covers CatalogCountersByGenre

    /// <summary>Indexes written in raw SQL because the model cannot state them (a collation per column, an
    /// expression): CatalogQueryPlanTests shows the catalog's queries use them.</summary>
    private static readonly string[] RawSqlIndexPrefixes = [MusicSite.Catalog.ListedTrackIndexes.RawPrefix];

    public static SortedSet<string> Read(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", r => r.GetString(0)))
        {
            if (Ignored.Contains(table) || table.StartsWith("sqlite_", StringComparison.Ordinal)
                || RawSqlPrefixes.Any(p => table.StartsWith(p, StringComparison.Ordinal)))
            {
                continue;
            }
            lines.Add($"table {table}");
            foreach (var column in Query(connection, $"PRAGMA table_info(\"{table}\")",
                         r => $"column {table}.{r.GetString(1)} {r.GetString(2)} notnull={r.GetInt64(3)} pk={r.GetInt64(5)} default={(r.IsDBNull(4) ? "" : r.GetString(4))}"))
            {
                lines.Add(column);
            }
            foreach (var (name, unique, origin) in Query(connection, $"PRAGMA index_list(\"{table}\")",
                         r => (r.GetString(1), r.GetInt64(2), r.GetString(3))))
            {
                if (origin == "pk" || RawSqlIndexPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
                {
                    continue; // the primary key is already described by the columns' pk positions
                }
                var columns = string.Join(",", Query(connection, $"PRAGMA index_info(\"{name}\")", r => r.GetString(2)));
                // A partial index's WHERE is part of what it is: a query uses it only when it states the same terms.
                var sql = Query(connection, $"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '{name}'",
                    r => r.IsDBNull(0) ? "" : r.GetString(0)).FirstOrDefault() ?? "";
                var where = sql.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase) is var at and >= 0 ? sql[(at + 7)..].Trim() : "";
                lines.Add($"index {table}.{name} ({columns}) unique={unique} where={where}");
            }
            foreach (var fk in Query(connection, $"PRAGMA foreign_key_list(\"{table}\")",
                         r => $"fk {table}.{r.GetString(3)} -> {r.GetString(2)}.{r.GetString(4)} on_delete={r.GetString(6)}"))
            {
                lines.Add(fk);
            }
        }
        return lines;
    }

    public static string Describe(SortedSet<string> expected, SortedSet<string> actual)
    {
        var missing = expected.Except(actual).Select(l => "  only in model:      " + l);
        var extra = actual.Except(expected).Select(l => "  only in migrations: " + l);
        return string.Join(Environment.NewLine, missing.Concat(extra));
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }
        return rows;
    }
}
