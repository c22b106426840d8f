using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Data;

/// <summary>
/// Lineage reads on a synthetic graph: N tracks in 11 generations (each track built on one track of the generation
/// before, a third of them on a second, older one), stems on a tenth of the tracks used by later ones, a tenth of the
/// tracks private and a fiftieth deleted (so masking works too). Prints p50/p95; never fails on time.
/// </summary>
static class LineageBench
{
    private const int Generations = 11;

    public static async Task RunAsync(string data, int count)
    {
        await using var services = BenchHost.Services(data);
        using var scope = await BenchHost.MigratedAsync(services, data);
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var user = new AppUser { UserName = "lineage@example.com", Email = "lineage@example.com", DisplayName = "Lineage", CreatedAt = DateTime.UtcNow };
        await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user);
        var license = await db.Licenses.Where(l => l.Code == "cc-by").Select(l => l.Id).SingleAsync();
        var instrument = await db.InstrumentTypes.Select(i => i.Id).FirstAsync();
        var random = new Random(8);
        var load = Stopwatch.StartNew();

        var layers = new List<List<int>>();
        var perLayer = count / Generations;
        for (var generation = 0; generation < Generations; generation++)
        {
            db.ChangeTracker.Clear();
            var tracks = Enumerable.Range(0, generation == Generations - 1 ? count - perLayer * (Generations - 1) : perLayer).Select(i => new Track
            {
                Title = $"Gen {generation} #{i}", ArtistName = $"Artist {random.Next(500)}", LicenseId = license, UploaderId = user.Id,
                IsPublic = random.Next(10) != 0, DeletedAt = random.Next(50) == 0 ? DateTime.UtcNow : null, State = TrackState.Ready,
                MediaFolder = "bench", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            }).ToList();
            db.Tracks.AddRange(tracks);
            await db.SaveChangesAsync();
            layers.Add(tracks.Select(t => t.Id).ToList());
            if (generation == 0)
            {
                continue;
            }
            var relations = new List<TrackRelation>();
            foreach (var id in layers[generation])
            {
                var parent = layers[generation - 1][random.Next(perLayer)];
                relations.Add(Link(parent, id, user.Id));
                if (random.Next(3) == 0 && generation > 1)
                {
                    var older = layers[random.Next(generation - 1)];
                    relations.Add(Link(older[random.Next(older.Count)], id, user.Id));
                }
            }
            db.TrackRelations.AddRange(relations);
            await db.SaveChangesAsync();
        }

        db.ChangeTracker.Clear();
        var stems = layers.Take(Generations - 1).SelectMany(l => l).Where(_ => random.Next(10) == 0).Select(trackId => new Stem
        {
            TrackId = trackId, Name = "Stem", InstrumentTypeId = instrument, LicenseId = license, RemixAllowed = true, CommercialAllowed = true,
            UploaderId = user.Id, MediaFolder = "bench", State = TrackState.Ready, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        }).ToList();
        db.Stems.AddRange(stems);
        await db.SaveChangesAsync();
        var generationOf = layers.SelectMany((l, g) => l.Select(id => (id, g))).ToDictionary(p => p.id, p => p.g);
        var uses = new HashSet<(int, int)>();
        foreach (var stem in stems)
        {
            var later = layers[Math.Min(Generations - 1, generationOf[stem.TrackId] + 1 + random.Next(2))];
            uses.Add((stem.Id, later[random.Next(later.Count)]));
        }
        db.StemUsages.AddRange(uses.Select(u => new StemUsage
        {
            StemId = u.Item1, TrackId = u.Item2, Status = LinkStatus.Approved, RequestedById = user.Id, CreatedAt = DateTime.UtcNow,
        }));
        await db.SaveChangesAsync();
        var relationCount = await db.TrackRelations.CountAsync();
        Console.WriteLine($"lineage: loaded {count} tracks in {Generations} generations, {relationCount} links, {stems.Count} stems, " +
                          $"{uses.Count} stem uses in {load.Elapsed.TotalSeconds:0.0} s");

        var lineage = scope.ServiceProvider.GetRequiredService<Lineage>();
        var visible = (await db.Tracks.Where(t => t.IsPublic && t.DeletedAt == null).Select(t => t.Id).ToListAsync()).ToHashSet();
        List<int> Pick(int generation) => layers[generation].Where(visible.Contains).Take(30).ToList();
        foreach (var (label, ids, read) in new (string, List<int>, Func<int, Task<LineageGraph?>>)[]
                 {
                     ("attribution, depth 10, from gen 10", Pick(10), id => lineage.AttributionAsync(id, Viewer.Anonymous, 10, CancellationToken.None)),
                     ("derivatives, depth 10, from gen 0", Pick(0), id => lineage.DerivativesAsync(id, Viewer.Anonymous, 10, CancellationToken.None)),
                     ("derivatives, depth 3, from gen 5", Pick(5), id => lineage.DerivativesAsync(id, Viewer.Anonymous, 3, CancellationToken.None)),
                     ("graph, 10 each way, from gen 5", Pick(5), id => lineage.GraphAsync(id, Viewer.Anonymous, 10, CancellationToken.None)),
                     ("graph, 3 each way, from gen 5", Pick(5), id => lineage.GraphAsync(id, Viewer.Anonymous, 3, CancellationToken.None)),
                 })
        {
            await read(ids[0]); // warm-up
            var times = new List<double>();
            var nodes = new List<int>();
            var omitted = 0;
            foreach (var id in ids)
            {
                var watch = Stopwatch.StartNew();
                var graph = (await read(id))!;
                times.Add(watch.Elapsed.TotalMilliseconds);
                nodes.Add(graph.Nodes.Count);
                omitted += graph.Omitted;
            }
            times.Sort();
            Console.WriteLine($"lineage: {label,-36} n={times.Count} p50={Percentile(times, 50):0.0} ms p95={Percentile(times, 95):0.0} ms " +
                              $"(nodes mean {nodes.Average():0}, max {nodes.Max()}; {omitted} left out over the cap of {Lineage.MaxNodes})");
        }
    }

    private static TrackRelation Link(int original, int derivative, int userId) => new()
    {
        OriginalId = original, DerivativeId = derivative, Kind = RelationKind.Remix, Status = LinkStatus.Approved, RequestedById = userId,
        CreatedAt = DateTime.UtcNow,
    };

    private static double Percentile(List<double> sorted, int p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
}
