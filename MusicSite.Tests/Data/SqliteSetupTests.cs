using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Data;
using MusicSite.Genres;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Data;

public sealed class SqliteSetupTests(CoreServicesFixture core) : IClassFixture<CoreServicesFixture>
{
    [Fact]
    public async Task Shim_LoadsSQLitePCLRaw206_AndTheEngineHasFts5AndJson()
    {
        // SqliteNativeShim hands Microsoft.Data.Sqlite (built against 2.1.x) the shipped 2.0.6 assembly.
        var core = typeof(SQLitePCL.raw).Assembly.GetName();
        Assert.Equal("SQLitePCLRaw.core", core.Name);
        Assert.Equal(new Version(2, 0, 6), new Version(core.Version!.Major, core.Version.Minor, core.Version.Build));

        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE VIRTUAL TABLE t USING fts5(title);
            INSERT INTO t(title) VALUES ('deep house night'), ('ambient morning');
            SELECT (SELECT count(*) FROM t WHERE t MATCH 'hou*'), json_extract('{"a":7}', '$.a'), sqlite_version();
            """;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1, reader.GetInt64(0));
        Assert.Equal(7, reader.GetInt64(1));
        Assert.StartsWith("3.", reader.GetString(2));
    }

    [Fact]
    public async Task Database_UsesWalForeignKeysAndBusyTimeout()
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            Assert.Equal("wal", await Scalar(db, "PRAGMA journal_mode"));
            Assert.Equal("1", await Scalar(db, "PRAGMA foreign_keys"));
            Assert.Equal(SqliteDatabase.BusyTimeoutMilliseconds.ToString(), await Scalar(db, "PRAGMA busy_timeout"));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task ForeignKeys_RejectAnOrphanRow()
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        db.Genres.Add(new Genre { Name = "Orphan", Slug = "orphan-" + Guid.NewGuid().ToString("N"), ParentId = 999_999 });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Contains("FOREIGN KEY", error.InnerException?.Message);
    }

    [Fact]
    public async Task ConcurrentWriters_AllSucceedWithoutDatabaseLocked()
    {
        const int writers = 8;
        const int rowsEach = 40;
        var prefix = "w" + Guid.NewGuid().ToString("N")[..8];

        // Each writer has its own context and connection, as concurrent requests and jobs do.
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < rowsEach; i++)
            {
                await using var scope = core.Scope();
                var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
                db.Genres.Add(new Genre { Name = $"{prefix} {w}-{i}", Slug = $"{prefix}-{w}-{i}" });
                await db.SaveChangesAsync();
            }
        })));

        await using var check = core.Scope();
        var count = await check.ServiceProvider.GetRequiredService<MusicSiteDbContext>().Genres
            .CountAsync(g => g.Slug.StartsWith(prefix));
        Assert.Equal(writers * rowsEach, count);
    }

    private static async Task<string> Scalar(MusicSiteDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
