using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MusicSite.Data;

/// <summary>How MusicSite opens its SQLite files: WAL, foreign keys, a busy timeout.</summary>
public static class SqliteDatabase
{
    /// <summary>How long a writer waits for another writer before SQLite gives up.</summary>
    public const int BusyTimeoutMilliseconds = 15_000;

    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        ForeignKeys = true,
        // Microsoft.Data.Sqlite retries SQLITE_BUSY until this many seconds pass.
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();

    public static void Configure(DbContextOptionsBuilder options, string path) =>
        options.UseSqlite(ConnectionString(path))
            .AddInterceptors(PragmaInterceptor.Instance)
            // Migrations are written by hand without a model snapshot; MigrationDriftTests guards drift.
            // Catalog totals count and sample at most cap + 1 rows of a list in whatever order is cheapest, on purpose
            // (CatalogTotals): an ORDER BY there would sort every match.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning, CoreEventId.RowLimitingOperationWithoutOrderByWarning));

    /// <summary>Switches the file to write-ahead logging; the mode is stored in the file itself.</summary>
    public static void EnableWriteAheadLog(DbContext db) =>
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");

    private sealed class PragmaInterceptor : DbConnectionInterceptor
    {
        public static readonly PragmaInterceptor Instance = new();
        // cache_size: each pooled connection may keep up to 32 MiB of pages (SQLite's default is 2 MiB). A list's
        // rows are read by key from all over the tracks table, and with 2 MiB the other requests' reads pushed them
        // out between requests: the small-genre list's page statement took 3 ms in the site against 0.3 ms warm
        // (decision 0050). The pages are allocated as they are read, so a small database stays small in memory.
        private const string Pragmas = "PRAGMA busy_timeout=15000; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
            CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
