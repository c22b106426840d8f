using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Jobs;
using MusicSite.Media;
using MusicSite.Seeding;

// MusicSite benchmarks. Each prints its numbers; none decides pass or fail (the machines are shared and noisy).
//   search   p50/p95 of catalog searches on a synthetic catalog of N tracks (default 100000)
//   listeners <url> <n> <bytes/s> <seconds> <pid>  n slow listeners of a running site's stream: errors and its peak memory
//   pipeline processing time per minute of audio
//   login-timing  failed sign-ins against a running site: a known email next to an unknown one
//   lineage  p50/p95 of lineage reads (attribution, derivatives, graph) on a graph of N tracks (default 10000), depth 10
//   genres <data> [n]  2,000 genres and n tracks (default 100000) built in <data>: the descendant-filtered catalog query
//            next to the unfiltered one, and its query plan; the database stays for genre-pages
//   genre-pages <base> <file> <n>  /genres, /genres?q= and a genre page of a running site started on that database
//   catalog-build <data> <n> [--by-triggers]  a catalog of n tracks in <data> (CatalogBuilder): migrated, bulk-inserted,
//            build time and size printed; the search index and the counters within genres filled in one statement each
//            unless --by-triggers
//   catalog-check [n]  the same catalog (default 20000) built both ways: build times, and whether TrackSearch and the
//                      counters within genres end the same
//   catalog-http <base> <db file> [cache-on]  every catalog list of a running site on that database, p50/p95 next to the raw
//            SQLite query on the file (CatalogBench); with cache-on the HTTP numbers only. CATALOG_RUNS=n: fewer requests
var mode = args.FirstOrDefault() ?? "all";
var data = Path.Combine(Path.GetTempPath(), "musicsite-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(data);
try
{
    if (mode is "search" or "all")
    {
        await SearchBench.RunAsync(data, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000);
    }
    if (mode is "lineage" or "all")
    {
        await LineageBench.RunAsync(data, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000);
    }
    if (mode is "genres")
    {
        await GenresBench.RunAsync(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000);
    }
    if (mode is "genre-pages")
    {
        await GenrePagesBench.RunAsync(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
    }
    if (mode is "catalog-build")
    {
        await CatalogBuilder.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), byTriggers: args.Contains("--by-triggers"));
    }
    if (mode is "catalog-check")
    {
        await CatalogBuilderCheck.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000);
    }
    if (mode is "catalog-http")
    {
        await CatalogBench.RunAsync(args[1], args[2], cacheOn: args.Length > 3 && args[3] == "cache-on");
    }
    if (mode is "pipeline" or "all")
    {
        await PipelineBench.RunAsync(data);
    }
    if (mode is "listeners")
    {
        await ListenersBench.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture),
            int.Parse(args[4], CultureInfo.InvariantCulture), int.Parse(args[5], CultureInfo.InvariantCulture));
    }
    if (mode is "login-timing")
    {
        await LoginTimingBench.RunAsync(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
    }
}
finally
{
    // Only the modes that opened a database have loaded the SQLite library (through Core's shim).
    if (mode is not ("listeners" or "login-timing" or "genre-pages" or "catalog-http"))
    {
        SqliteConnection.ClearAllPools();
    }
    Directory.Delete(data, recursive: true);
}

static class BenchHost
{
    public static ServiceProvider Services(string data)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MUSICSITE_DATA"] = data, ["MUSICSITE_SEED"] = "none", ["MusicSite:SeedsDirectory"] = SeedsDirectory(),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore.Database.Command", Environment.GetEnvironmentVariable("BENCH_SQL") is null ? LogLevel.Warning : LogLevel.Information).AddSimpleConsole());
        services.AddDataProtection();
        services.AddMusicSiteCore(configuration);
        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole<int>>().AddEntityFrameworkStores<MusicSiteDbContext>();
        return services.BuildServiceProvider();
    }

    private static string SeedsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "seeds")))
            {
                return Path.Combine(dir.FullName, "seeds");
            }
        }
        throw new DirectoryNotFoundException("seeds/ not found above the benchmark.");
    }

    public static async Task<IServiceScope> MigratedAsync(ServiceProvider services, string data)
    {
        new DataPaths(data).EnsureCreated();
        var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        await db.Database.MigrateAsync();
        SqliteDatabase.EnableWriteAheadLog(db);
        await scope.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(CancellationToken.None);
        return scope;
    }
}

static class SearchBench
{
    private static readonly string[] Words = ["midnight", "drive", "deep", "blue", "morning", "house", "echo", "river", "neon", "dust",
        "tape", "glass", "horizon", "copper", "wind", "tidal", "lock", "paper", "planes", "sunday", "static", "velvet", "signal",
        "harbor", "ember", "orbit", "lantern", "meadow", "circuit", "hollow"];

    public static async Task RunAsync(string data, int count)
    {
        await using var services = BenchHost.Services(data);
        using var scope = await BenchHost.MigratedAsync(services, data);
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var user = new AppUser { UserName = "bench@example.com", Email = "bench@example.com", DisplayName = "Bench", CreatedAt = DateTime.UtcNow };
        await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user);
        var genreIds = await db.Genres.Select(g => g.Id).ToListAsync();
        var licenseIds = await db.Licenses.Select(l => l.Id).ToListAsync();

        var random = new Random(1);
        var load = Stopwatch.StartNew();
        for (var batch = 0; batch < count; batch += 5000)
        {
            db.ChangeTracker.Clear();
            for (var i = batch; i < Math.Min(count, batch + 5000); i++)
            {
                string W() => Words[random.Next(Words.Length)];
                db.Tracks.Add(new Track
                {
                    Title = $"{W()} {W()} {i}", ArtistName = $"Artist {random.Next(2000)}", Description = random.Next(3) == 0 ? $"{W()} {W()} {W()}" : null,
                    LicenseId = licenseIds[random.Next(licenseIds.Count)], UploaderId = user.Id, IsPublic = true, State = TrackState.Ready,
                    MediaFolder = "bench", DurationSeconds = 60 + random.Next(400), Bpm = 60 + random.Next(120),
                    CreatedAt = DateTime.UtcNow.AddMinutes(-random.Next(1_000_000)), UpdatedAt = DateTime.UtcNow, PlayCount = random.Next(1000),
                    Tags = [new TrackTag { Tag = W() }, new TrackTag { Tag = W() + "x" }],
                    Genres = [new TrackGenre { GenreId = genreIds[random.Next(genreIds.Count)] }],
                });
            }
            await db.SaveChangesAsync();
        }
        Console.WriteLine($"search: loaded {count} tracks in {load.Elapsed.TotalSeconds:0.0} s");

        var search = scope.ServiceProvider.GetRequiredService<CatalogSearch>();
        string[] queries = ["mid", "deep house", "neon sig", "velvet", "artist 12", "copper wind", "o", "lantern meadow circuit", "tidal"];
        foreach (var (label, make) in new (string, Func<string, TrackQuery>)[]
                 {
                     ("search, relevance", q => new TrackQuery { Search = q }),
                     ("search + bpm filter, by plays", q => new TrackQuery { Search = q, BpmMin = 100, BpmMax = 140, Sort = TrackSort.Plays }),
                     ("no search, newest, page 50", _ => new TrackQuery { Page = 50 }),
                     ("genre filter, by title", _ => new TrackQuery { Genre = "electronic", Sort = TrackSort.Title }),
                 })
        {
            foreach (var q in queries.Take(2))
            {
                await search.SearchAsync(make(q), Viewer.Anonymous, CancellationToken.None); // warm-up
            }
            var times = new List<double>();
            for (var round = 0; round < 5; round++)
            {
                foreach (var q in queries)
                {
                    var watch = Stopwatch.StartNew();
                    await search.SearchAsync(make(q), Viewer.Anonymous, CancellationToken.None);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
            times.Sort();
            Console.WriteLine($"search: {label,-32} n={times.Count} p50={Percentile(times, 50):0.0} ms p95={Percentile(times, 95):0.0} ms (count + page + facets)");
        }
    }

    private static double Percentile(List<double> sorted, int p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
}

static class PipelineBench
{
    public static async Task RunAsync(string data)
    {
        await using var services = BenchHost.Services(data);
        using var scope = await BenchHost.MigratedAsync(services, data);
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var user = new AppUser { UserName = "pipe@example.com", Email = "pipe@example.com", DisplayName = "Pipe", CreatedAt = DateTime.UtcNow };
        await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user);
        var paths = new DataPaths(data);

        foreach (var (label, extension, codec) in new[] { ("WAV source (4 variants incl. FLAC)", "wav", "pcm_s16le"), ("MP3 source (3 variants)", "mp3", "libmp3lame") })
        {
            const int minutes = 5;
            var folder = Guid.NewGuid().ToString("N");
            var relative = Path.Combine("tracks", folder, "original." + extension);
            Directory.CreateDirectory(Path.GetDirectoryName(paths.MediaPath(relative))!);
            var make = Process.Start(new ProcessStartInfo("ffmpeg", ["-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                $"aevalsrc=0.3*sin(220*2*PI*t)*sin(2*PI*t/3)+0.1*random(0):s=44100:d={minutes * 60}", "-ac", "2", "-c:a", codec,
                paths.MediaPath(relative)]))!;
            await make.WaitForExitAsync();
            var track = new Track
            {
                Title = label, ArtistName = "Bench", LicenseId = db.Licenses.First().Id, UploaderId = user.Id, State = TrackState.Pending,
                MediaFolder = folder, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                MediaFiles = [new MediaFile { Kind = MediaKind.Original, Codec = codec, ContentType = "audio/x", RelativePath = relative, CreatedAt = DateTime.UtcNow }],
            };
            db.Tracks.Add(track);
            await db.SaveChangesAsync();

            var watch = Stopwatch.StartNew();
            await scope.ServiceProvider.GetRequiredService<AudioPipeline>().ProcessAsync(track.Id, CancellationToken.None);
            var seconds = watch.Elapsed.TotalSeconds;
            Console.WriteLine($"pipeline: {label,-36} {minutes} min of audio in {seconds:0.0} s = {seconds / minutes:0.00} s per minute of audio ({Environment.ProcessorCount} cores)");
        }
    }
}

static class LoginTimingBench
{
    /// <summary>
    /// Wrong passwords for a known email and for unknown ones, interleaved so that both see the same machine
    /// load. An attacker who could tell the two apart by time would learn which emails have accounts.
    /// </summary>
    public static async Task RunAsync(string baseUrl, string knownEmail, int rounds)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        async Task<double> TimeAsync(string email)
        {
            var body = new StringContent($$"""{"email":"{{email}}","password":"Wrong-pass1"}""", System.Text.Encoding.UTF8, "application/json");
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsync("/api/auth/login", body);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if ((int)response.StatusCode != 401)
            {
                throw new InvalidOperationException($"Expected 401 for {email}, got {(int)response.StatusCode}: is the site's sign-in delay off?");
            }
            return elapsed;
        }

        for (var i = 0; i < 5; i++)
        {
            await TimeAsync(knownEmail); // warm-up
            await TimeAsync($"nobody-{i}@example.com");
        }
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            known.Add(await TimeAsync(knownEmail));
            unknown.Add(await TimeAsync($"nobody-{Guid.NewGuid():N}@example.com"));
        }
        foreach (var (label, times) in new[] { ("known email, wrong password", known), ("unknown email", unknown) })
        {
            times.Sort();
            Console.WriteLine($"login-timing: {label,-28} n={times.Count} p50={Percentile(times, 50):0.0} ms p95={Percentile(times, 95):0.0} ms mean={times.Average():0.0} ms");
        }
        Console.WriteLine($"login-timing: difference of medians (unknown - known) = {Percentile(unknown, 50) - Percentile(known, 50):+0.0;-0.0} ms");
    }

    private static double Percentile(List<double> sorted, int p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
}
