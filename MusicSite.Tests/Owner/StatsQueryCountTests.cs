using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Owner;

/// <summary>A page of tracks costs the same number of statistics queries whatever its size: no query per row.</summary>
[Trait("Category", "Slow")]
public sealed class StatsQueryCountTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    private async Task<int> QueriesForAsync(IReadOnlyCollection<int> ids)
    {
        var counter = new CommandCounter();
        var options = new DbContextOptionsBuilder<MusicSiteDbContext>();
        SqliteDatabase.Configure(options, new MusicSite.Hosting.DataPaths(site.DataDirectory).Database);
        options.AddInterceptors(counter);
        await using var db = new MusicSiteDbContext(options.Options);
        var stats = await new TrackStatistics(db, TimeProvider.System).ForAsync(ids, default);
        Assert.Equal(ids.Count, stats.Count);
        return counter.Count;
    }

    [Fact]
    public async Task ForAsync_OneTrackOrTwenty_RunsTheSameQueries()
    {
        var ids = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await TestCatalog.AddReadyTrackAsync(site.Services, $"Row {i}", seconds: 1));
        }
        await site.WithDbAsync(db =>
        {
            db.PlayEvents.AddRange(ids.Select((id, i) => new PlayEvent { TrackId = id, ListenerKey = "u:1", HalfHour = i, PlayedAt = DateTime.UtcNow }));
            return db.SaveChangesAsync();
        });

        var one = await QueriesForAsync(ids.Take(1).ToList());
        var twenty = await QueriesForAsync(ids);

        Assert.Equal(2, one);
        Assert.Equal(one, twenty);
    }
}
