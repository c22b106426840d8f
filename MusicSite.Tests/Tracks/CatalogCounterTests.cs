using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Genres;
using MusicSite.Tests.Artists;
using MusicSite.Tests.Genres;

namespace MusicSite.Tests.Tracks;

/// <summary>The counters the database keeps (migration 20261204020000_CatalogCounterTriggers) against a brute-force
/// recount of the same rows, in C#, after random sequences of every change that moves them: uploads, publishing,
/// processing outcomes, deletes (soft and hard), genre links, license, BPM and artist edits, genre moves, merges and
/// deletes. The listed artist names and their counts (migration 20261205010000_CatalogArtistNames), the counters within
/// each genre (migration 20261206020000_CatalogCountersByGenre) and the tracks tagged with each genre (migration
/// 20261206030000_CatalogTaggedCounters) are checked the same way.</summary>
public sealed class CatalogCounterTests(ReferenceDataFixture core) : IClassFixture<ReferenceDataFixture>
{
    private static readonly TrackState[] States = [TrackState.Pending, TrackState.Processing, TrackState.Ready, TrackState.Ready, TrackState.Failed];

    /// <summary>Artist names, two of them equal but for letter case (the names table keeps both).</summary>
    private static readonly string[] Artists = ["Counted", "counted", "Marlow Kid", "Ünder Ström"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Counters_AfterRandomChanges_EqualBruteForceCount(int seed)
    {
        var random = new Random(seed);
        var user = await ArtistRows.UserAsync(core.Services, $"Counted {seed}");
        for (var step = 0; step < 240; step++)
        {
            await ChangeAsync(random, user);
            if (step % 40 == 39)
            {
                await AssertAgreeAsync($"seed {seed}, step {step}");
            }
        }
        await AssertAgreeAsync($"seed {seed}, end");
    }

    [Theory]
    [InlineData("20261204020000_CatalogCounterTriggers", "CatalogCounters")]
    [InlineData("20261206020000_CatalogCountersByGenre", "CatalogCountersByGenre")]
    [InlineData("20261206030000_CatalogTaggedCounters", "CatalogTaggedCounters_LinkInsert")]
    public async Task Migration_FillsCountersForExistingRows_AndRollsBack(string migration, string table)
    {
        var random = new Random(7);
        var user = await ArtistRows.UserAsync(core.Services, "Before the counters");
        for (var i = 0; i < 60; i++)
        {
            await ChangeAsync(random, user);
        }
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var counters = migrations.IndexOf(migration);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[counters - 1]);
        Assert.Equal(0, await db.Database.SqlQuery<int>($"SELECT count(*) AS \"Value\" FROM sqlite_master WHERE name = {table}").SingleAsync());

        await db.Database.MigrateAsync(); // the fill from the rows that are there
        await AssertAgreeAsync("after the fill");
        await ChangeAsync(random, user);
        await AssertAgreeAsync("after the fill and one change");
    }

    [Fact]
    public async Task GenreCounter_TrackTaggedWithParentAndChild_CountsOnce_UntilBothLinksGo()
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var counters = scope.ServiceProvider.GetRequiredService<CatalogCounters>();
        var token = ArtistRows.Token();
        var parent = new Genre { Name = $"Counted parent {token}", Slug = $"counted-parent-{token}" };
        var child = new Genre { Name = $"Counted child {token}", Slug = $"counted-child-{token}", Parent = parent };
        db.Genres.AddRange(parent, child);
        await db.SaveChangesAsync();
        var track = await ArtistRows.TrackAsync(core.Services, await ArtistRows.UserAsync(core.Services, "Twice"), "Twice");
        db.TrackGenres.AddRange(new TrackGenre { TrackId = track, GenreId = parent.Id }, new TrackGenre { TrackId = track, GenreId = child.Id });
        await db.SaveChangesAsync();
        Assert.Equal(1, await counters.SumAsync(CounterKind.Genre, [parent.Id], CancellationToken.None));

        await db.TrackGenres.Where(l => l.TrackId == track && l.GenreId == child.Id).ExecuteDeleteAsync();
        Assert.Equal(1, await counters.SumAsync(CounterKind.Genre, [parent.Id], CancellationToken.None));
        Assert.Equal(0, await counters.SumAsync(CounterKind.Genre, [child.Id], CancellationToken.None));
        await db.TrackGenres.Where(l => l.TrackId == track).ExecuteDeleteAsync();
        Assert.Equal(0, await counters.SumAsync(CounterKind.Genre, [parent.Id], CancellationToken.None));
    }

    /// <summary>One random change, made the way the site makes it (EF for tracks and links, the curation service for
    /// the genre tree).</summary>
    private async Task ChangeAsync(Random random, int user)
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var genreIds = await db.Genres.Select(g => g.Id).ToListAsync();
        var licenseIds = await db.Licenses.Select(l => l.Id).ToListAsync();
        var trackIds = await db.Tracks.Select(t => t.Id).ToListAsync();
        var now = DateTime.UtcNow;
        int Pick(List<int> from) => from[random.Next(from.Count)];
        if (genreIds.Count < 12)
        {
            // Merges and deletes take genres away: new ones (at the top or under another) keep the tree big enough
            // for tracks to be in several genres, whichever test of the class ran first.
            var token = ArtistRows.Token();
            var created = await scope.ServiceProvider.GetRequiredService<GenreCuration>().CreateAsync(
                new GenreInput($"Counted {token}", $"counted-{token}", null, random.Next(3) == 0 || genreIds.Count == 0 ? null : Pick(genreIds)),
                GenreRows.Curator, CancellationToken.None);
            Assert.True(created.Succeeded, "a genre for the random changes");
            return;
        }
        // New tracks (0, and 14-15 once there are 20) outpace hard deletes (4), so each seed finds tracks to change
        // whichever test of the class ran before it.
        var kind = trackIds.Count < 20 ? 0 : random.Next(16) is var drawn && drawn >= 14 ? 0 : drawn;
        if (kind == 0)
        {
            db.Tracks.Add(new Track
            {
                Title = "Counted", ArtistName = Artists[random.Next(Artists.Length)], LicenseId = Pick(licenseIds), UploaderId = user,
                IsPublic = random.Next(4) != 0, State = States[random.Next(States.Length)], Bpm = random.Next(3) == 0 ? null : random.Next(40, 301),
                MediaFolder = Guid.NewGuid().ToString("N"), CreatedAt = now, UpdatedAt = now,
                Genres = genreIds.OrderBy(_ => random.Next()).Take(random.Next(0, 4)).Select(id => new TrackGenre { GenreId = id }).ToList(),
            });
            await db.SaveChangesAsync();
            return;
        }
        if (kind is >= 9 and <= 12)
        {
            await GenreChangeAsync(scope.ServiceProvider, random, kind, genreIds);
            return;
        }
        var trackId = Pick(trackIds);
        var track = await db.Tracks.Include(t => t.Genres).FirstAsync(t => t.Id == trackId);
        switch (kind)
        {
            case 1: track.IsPublic = !track.IsPublic; break;
            case 2: track.State = States[random.Next(States.Length)]; break;
            case 3: track.DeletedAt = track.DeletedAt is null ? now : null; break;
            case 4: db.Tracks.Remove(track); break;
            case 5: track.LicenseId = Pick(licenseIds); break;
            case 6: track.Bpm = random.Next(4) == 0 ? null : random.Next(40, 301); break;
            case 13: track.ArtistName = Artists[random.Next(Artists.Length)]; break;
            case 7 when genreIds.Except(track.Genres.Select(g => g.GenreId)).ToList() is { Count: > 0 } free:
                track.Genres.Add(new TrackGenre { GenreId = Pick(free) });
                break;
            case 8 when track.Genres.Count > 0:
                track.Genres.Remove(track.Genres[random.Next(track.Genres.Count)]);
                break;
            default:
                // Several columns at once, as an edit form saves them.
                (track.IsPublic, track.State, track.LicenseId, track.Bpm, track.ArtistName) = (random.Next(2) == 0,
                    States[random.Next(States.Length)], Pick(licenseIds), random.Next(40, 301), Artists[random.Next(Artists.Length)]);
                break;
        }
        await db.SaveChangesAsync();
    }

    private static async Task GenreChangeAsync(IServiceProvider services, Random random, int kind, List<int> genreIds)
    {
        var curation = services.GetRequiredService<GenreCuration>();
        var db = services.GetRequiredService<MusicSiteDbContext>();
        var genreId = genreIds[random.Next(genreIds.Count)];
        var genre = await db.Genres.AsNoTracking().FirstAsync(g => g.Id == genreId);
        var other = genreIds[random.Next(genreIds.Count)];
        var actor = GenreRows.Curator;
        switch (kind)
        {
            case 9 or 10:
                // A move (refused when the new parent is inside the genre: nothing changes then).
                await curation.UpdateAsync(genre.Id, new GenreInput(genre.Name, genre.Slug, genre.Description, random.Next(5) == 0 ? null : other),
                    actor, CancellationToken.None);
                break;
            case 11:
                await curation.MergeAsync(genre.Id, other, actor, CancellationToken.None);
                break;
            default:
                await curation.DeleteAsync(genre.Id, other, actor, CancellationToken.None);
                break;
        }
    }

    private async Task AssertAgreeAsync(string when)
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var parents = await db.Genres.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.ParentId);
        var listed = await db.Tracks.AsNoTracking()
            .Where(t => t.DeletedAt == null && t.IsPublic && t.State == TrackState.Ready)
            .Select(t => new { t.LicenseId, t.Bpm, t.ArtistName, Genres = t.Genres.Select(g => g.GenreId).ToList() })
            .ToListAsync();
        var expected = new Dictionary<(CounterKind, int), int>();
        void Add(CounterKind kind, int key) => expected[(kind, key)] = expected.GetValueOrDefault((kind, key)) + 1;
        var expectedWithin = new Dictionary<(int, CounterKind, int), int>();
        void AddWithin(int genre, CounterKind kind, int key) =>
            expectedWithin[(genre, kind, key)] = expectedWithin.GetValueOrDefault((genre, kind, key)) + 1;
        foreach (var track in listed)
        {
            Add(CounterKind.All, 0);
            Add(CounterKind.License, track.LicenseId);
            if (track.Bpm is { } bpm)
            {
                Add(CounterKind.Bpm, BpmBuckets.All.Single(b => bpm >= b.From && bpm < b.To).Index);
            }
            foreach (var tagged in track.Genres.Distinct())
            {
                Add(CounterKind.Tagged, tagged);
            }
            // Every genre on the way up from each link, once per track: a walk of the parent links, not the closure.
            var above = new HashSet<int>();
            foreach (var tagged in track.Genres)
            {
                for (int? at = tagged; at is { } current; at = parents[current])
                {
                    above.Add(current);
                }
            }
            foreach (var genre in above)
            {
                Add(CounterKind.Genre, genre);
                // Within each genre the track is in: every genre it is in (itself included) and its BPM bucket.
                foreach (var other in above)
                {
                    AddWithin(genre, CounterKind.Genre, other);
                }
                if (track.Bpm is { } inGenre)
                {
                    AddWithin(genre, CounterKind.Bpm, BpmBuckets.Of(inGenre).Index);
                }
            }
        }
        var actual = (await scope.ServiceProvider.GetRequiredService<CatalogCounters>().AllAsync(CancellationToken.None))
            .ToDictionary(c => (c.Kind, c.Key), c => c.Count);
        var differences = expected.Keys.Union(actual.Keys)
            .Where(k => expected.GetValueOrDefault(k) != actual.GetValueOrDefault(k))
            .Select(k => $"{k.Item1} {k.Item2}: counted {actual.GetValueOrDefault(k)}, recounted {expected.GetValueOrDefault(k)}").ToList();
        Assert.True(differences.Count == 0, $"{when}: {string.Join("; ", differences)}");
        Assert.True(expected.Count > 5, "the random changes left too little listed to compare");

        var actualWithin = (await scope.ServiceProvider.GetRequiredService<CatalogCounters>().WithinGenresAsync(CancellationToken.None))
            .ToDictionary(c => (c.GenreId, c.Counter.Kind, c.Counter.Key), c => c.Counter.Count);
        var withinDifferences = expectedWithin.Keys.Union(actualWithin.Keys)
            .Where(k => expectedWithin.GetValueOrDefault(k) != actualWithin.GetValueOrDefault(k))
            .Select(k => $"within {k.Item1}, {k.Item2} {k.Item3}: counted {actualWithin.GetValueOrDefault(k)}, recounted {expectedWithin.GetValueOrDefault(k)}")
            .ToList();
        Assert.True(withinDifferences.Count == 0, $"{when}: {string.Join("; ", withinDifferences)}");
        Assert.True(expectedWithin.Keys.Any(k => k.Item2 == CounterKind.Genre && k.Item1 != k.Item3), "no track was in two genres to compare");

        var names = listed.GroupBy(t => t.ArtistName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var kept = await scope.ServiceProvider.GetRequiredService<CatalogCounters>().ArtistNamesAsync(CancellationToken.None);
        Assert.Equal(names.OrderBy(n => n.Key, StringComparer.Ordinal), kept.OrderBy(n => n.Key, StringComparer.Ordinal));
    }
}
