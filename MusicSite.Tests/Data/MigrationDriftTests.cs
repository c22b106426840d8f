using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using MusicSite.Data;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Data;

/// <summary>
/// Migrations are written by hand (no dotnet-ef here), so this is what keeps them honest: the schema the
/// migrations build must be exactly the schema EF Core would build from the model.
/// </summary>
public sealed class MigrationDriftTests : IDisposable
{
    private readonly TempDirectory _dir = new("musicsite-drift");

    [Fact]
    public void MigratedSchema_MatchesModelSchema()
    {
        var migrated = BuildWithMigrations("migrated.db");
        var modelled = BuildFromModel("model.db");

        Assert.True(modelled.SetEquals(migrated),
            "The migrations and the model disagree. Write a migration for the model change:" + Environment.NewLine +
            SchemaSnapshot.Describe(modelled, migrated));
    }

    [Fact]
    public void SchemaComparison_DetectsAColumnTheModelDoesNotHave()
    {
        // The drift check must be able to fail: a migration that adds something the model lacks is caught.
        var path = _dir.Combine("altered.db");
        BuildWithMigrations("altered.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE \"Tracks\" ADD COLUMN \"Mood\" TEXT NULL";
            command.ExecuteNonQuery();
        }

        var altered = SchemaSnapshot.Read(path);
        var modelled = BuildFromModel("model2.db");

        Assert.Contains("column Tracks.Mood TEXT notnull=0 pk=0 default=", SchemaSnapshot.Describe(modelled, altered)
            .Replace("  only in migrations: ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Migrations_CanBeRolledBackToEmpty()
    {
        var path = _dir.Combine("rollback.db");
        using var db = Context(path);
        db.Database.Migrate();
        db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().Migrate("0");

        Assert.Empty(SchemaSnapshot.Read(path));
    }

    private SortedSet<string> BuildWithMigrations(string file)
    {
        var path = _dir.Combine(file);
        using (var db = Context(path))
        {
            db.Database.Migrate();
        }
        return SchemaSnapshot.Read(path);
    }

    private SortedSet<string> BuildFromModel(string file)
    {
        var path = _dir.Combine(file);
        using (var db = Context(path))
        {
            db.Database.EnsureCreated();
        }
        return SchemaSnapshot.Read(path);
    }

    private static MusicSiteDbContext Context(string path)
    {
        var options = new DbContextOptionsBuilder<MusicSiteDbContext>();
        SqliteDatabase.Configure(options, path);
        return new MusicSiteDbContext(options.Options);
    }

    public void Dispose() => _dir.Dispose();
}
