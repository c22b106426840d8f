using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Genres;

/// <summary>
/// The genre tree at size: the seeded genres plus random ones up to 2,000 (under random parents, so some subtrees are
/// deep), and N tracks (default 100,000) with one or two genres each. Prints p50/p95 of the catalog query filtered by a
/// genre (its subgenres included) next to the same query without the filter; the data directory is kept for the
/// /genres render measured against the running site (<see cref="RenderAsync"/>). Never fails on time.
/// </summary>
static class GenreBench
{
    public const int GenreCount = 2000;

    public static async Task RunAsync(string data, int count)
    {
        await using var services = BenchHost.Services(data);
        using var scope = await BenchHost.MigratedAsync(services, data);
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var user = new AppUser { UserName = "genres@example.com", Email = "genres@example.com", DisplayName = "Genres", CreatedAt = DateTime.UtcNow };
        await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user);
        var license = await db.Licenses.Select(l => l.Id).FirstAsync();
        var random = new Random(3);

        var parents = await db.Genres.Select(g => (int?)g.Id).ToListAsync();
        for (var i = parents.Count; i < GenreCount; i++)
        {
            var genre = new Genre { Name = $"Bench genre {i}", Slug = $"bench-genre-{i}", ParentId = random.Next(30) == 0 ? null : parents[random.Next(parents.Count)] };
            db.Genres.Add(genre);
            await db.SaveChangesAsync();
            parents.Add(genre.Id);
        }
        var genreIds = parents.Select(id => id!.Value).ToList();

        var load = Stopwatch.StartNew();
        for (var batch = 0; batch < count; batch += 5000)
        {
            db.ChangeTracker.Clear();
            for (var i = batch; i < Math.Min(count, batch + 5000); i++)
            {
                db.Tracks.Add(new Track
                {
                    Title = $"Genre bench {i}", ArtistName = $"Artist {random.Next(2000)}", LicenseId = license, UploaderId = user.Id,
                    IsPublic = random.Next(20) != 0, State = TrackState.Ready, MediaFolder = "bench", DurationSeconds = 60 + random.Next(400),
                    CreatedAt = DateTime.UtcNow.AddMinutes(-random.Next(1_000_000)), UpdatedAt = DateTime.UtcNow,
                    Genres = genreIds.OrderBy(_ => random.Next()).Take(1 + random.Next(2)).Select(id => new TrackGenre { GenreId = id }).ToList(),
                });
            }
            await db.SaveChangesAsync();
        }
        Console.WriteLine($"genres: {await db.Genres.CountAsync()} genres, {count} tracks loaded in {load.Elapsed.TotalSeconds:0.0} s");

        // Named genres: a big seeded root, the random genre with the largest subtree, a mid-size subgenre, a leaf.
        var sizes = await db.GenreClosure.GroupBy(c => c.AncestorId).Select(g => new { Id = g.Key, Size = g.Count() }).ToListAsync();
        var slugs = await db.Genres.ToDictionaryAsync(g => g.Id, g => g.Slug);
        var picks = new[]
        {
            "electronic",
            slugs[sizes.Where(s => slugs[s.Id].StartsWith("bench-", StringComparison.Ordinal)).MaxBy(s => s.Size)!.Id],
            "house",
            slugs[sizes.First(s => s.Size == 1).Id],
        };
        var search = scope.ServiceProvider.GetRequiredService<CatalogSearch>();
        var unfiltered = await TimeAsync(() => search.SearchAsync(new TrackQuery { Sort = TrackSort.Title }, Viewer.Anonymous, CancellationToken.None));
        Console.WriteLine($"genres: catalog, no genre filter, by title{"",-38} {unfiltered}");
        foreach (var slug in picks)
        {
            var id = await db.Genres.Where(g => g.Slug == slug).Select(g => g.Id).SingleAsync();
            var label = $"genre={slug} ({sizes.Single(s => s.Id == id).Size} genres, {await db.Tracks.InGenre(db, id).CountAsync()} tracks)";
            var timing = await TimeAsync(() => search.SearchAsync(new TrackQuery { Genre = slug, Sort = TrackSort.Title }, Viewer.Anonymous, CancellationToken.None));
            Console.WriteLine($"genres: catalog, {label,-55} {timing}");
        }
        var listings = scope.ServiceProvider.GetRequiredService<GenreListings>();
        Console.WriteLine($"genres: whole tree with counts (GenreListings.TreeAsync){"",-22} {await TimeAsync(() => listings.TreeAsync(Viewer.Anonymous, CancellationToken.None))}");
    }

    /// <summary>GET of a page of the running site, after a warm-up: p50/p95 of the whole response.</summary>
    public static async Task RenderAsync(string url, int rounds)
    {
        using var client = new HttpClient();
        var bytes = 0;
        var timing = await TimeAsync(async () => bytes = (await client.GetByteArrayAsync(url)).Length, rounds);
        Console.WriteLine($"genres: GET {url} ({bytes / 1024} KiB of HTML) {timing}");
    }

    private static async Task<string> TimeAsync<T>(Func<Task<T>> run, int rounds = 20)
    {
        for (var i = 0; i < 3; i++)
        {
            await run(); // warm-up
        }
        var times = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return $"n={times.Count} p50={Percentile(times, 50):0.0} ms p95={Percentile(times, 95):0.0} ms";
    }

    private static double Percentile(List<double> sorted, int p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
}
