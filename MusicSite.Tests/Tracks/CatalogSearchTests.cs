using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Tracks;

/// <summary>A seeded catalog, queried through GET /api/music/tracks, checked against the same rules applied
/// by brute force in C# to every row.</summary>
public class CatalogFixture : MusicSiteFactory, IAsyncLifetime
{
    public List<Row> Rows { get; } = [];
    public Dictionary<int, int?> GenreParents { get; } = [];
    public Dictionary<string, int> GenreIds { get; } = [];
    public Dictionary<int, string> GenreNames { get; } = [];

    public sealed record Row(int Id, string Title, string Artist, string? Description, string[] Tags, int[] Genres, double Duration,
        int? Bpm, string? Key, string LicenseCode, string LicenseName, int UploaderId, bool Visible, DateTime CreatedAt,
        DateTime UpdatedAt, int Plays, int Downloads, int Likes);

    private static readonly string[] Words = ["midnight", "drive", "deep", "blue", "morning", "house", "echo", "river", "neon",
        "dust", "tape", "glass", "horizon", "copper", "wind", "tidal", "lock", "paper", "planes", "sunday", "noodles", "static"];
    private static readonly string[] Artists = ["Aurora Lane", "Hollow Meridian", "Marlow Kid", "Neon Pines", "aurora lane"];
    private static readonly string[] TagPool = ["warm", "night", "lo-fi", "ambient", "dance", "chill", "dark", "vinyl"];
    private static readonly string[] GenreSlugs = ["deep-house", "house", "techno", "ambient", "drone", "boom-bap", "jazz-rap", "synthwave", "lo-fi-hip-hop"];
    // C#m and Dbm are one key spelled two ways: a filter for either finds both.
    private static readonly string[] Keys = ["Am", "C", "F#m", "Bb", "Em", "C#m", "Dbm"];

    public async Task InitializeAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var g in await db.Genres.Select(g => new { g.Id, g.ParentId, g.Slug, g.Name }).ToListAsync())
        {
            GenreParents[g.Id] = g.ParentId;
            GenreIds[g.Slug] = g.Id;
            GenreNames[g.Id] = g.Name;
        }
        var licenses = await db.Licenses.ToListAsync();
        var uploaders = new List<AppUser>();
        for (var i = 0; i < 3; i++)
        {
            var user = new AppUser { UserName = $"cat{i}@example.com", Email = $"cat{i}@example.com", DisplayName = $"Cat {i}", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            uploaders.Add(user);
        }

        var random = new Random(20261121);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var tracks = new List<Track>();
        for (var i = 0; i < 320; i++)
        {
            string Pick(string[] from) => from[random.Next(from.Length)];
            var license = licenses[random.Next(licenses.Count)];
            var created = start.AddMinutes(random.Next(0, 500_000));
            tracks.Add(new Track
            {
                Title = $"{Capital(Pick(Words))} {Capital(Pick(Words))}{(random.Next(4) == 0 ? " " + random.Next(1, 9) : "")}",
                ArtistName = Pick(Artists),
                Description = random.Next(3) == 0 ? $"A {Pick(Words)} piece about the {Pick(Words)}." : null,
                Tags = TagPool.OrderBy(_ => random.Next()).Take(random.Next(0, 4)).Select(t => new TrackTag { Tag = t }).ToList(),
                Genres = GenreSlugs.OrderBy(_ => random.Next()).Take(random.Next(0, 3)).Select(s => new TrackGenre { GenreId = GenreIds[s] }).ToList(),
                DurationSeconds = Math.Round(30 + random.NextDouble() * 570, 2),
                Bpm = random.Next(5) == 0 ? null : random.Next(60, 180),
                Key = random.Next(4) == 0 ? null : Pick(Keys),
                LicenseId = license.Id,
                UploaderId = uploaders[random.Next(3)].Id,
                IsPublic = random.Next(8) != 0,
                State = random.Next(10) == 0 ? TrackState.Pending : TrackState.Ready,
                DeletedAt = random.Next(25) == 0 ? created : null,
                MediaFolder = Guid.NewGuid().ToString("N"),
                CreatedAt = created,
                UpdatedAt = created.AddMinutes(random.Next(0, 50_000)),
                PlayCount = random.Next(0, 50),
                DownloadCount = random.Next(0, 10),
                LikeCount = random.Next(0, 5),
            });
        }
        db.Tracks.AddRange(tracks);
        await db.SaveChangesAsync();
        foreach (var t in tracks)
        {
            var license = licenses.Single(l => l.Id == t.LicenseId);
            Rows.Add(new Row(t.Id, t.Title, t.ArtistName, t.Description, t.Tags.Select(x => x.Tag).ToArray(),
                t.Genres.Select(g => g.GenreId).ToArray(), t.DurationSeconds!.Value, t.Bpm, t.Key, license.Code, license.Name,
                t.UploaderId, t.IsPublic && t.State == TrackState.Ready && t.DeletedAt == null, t.CreatedAt, t.UpdatedAt,
                t.PlayCount, t.DownloadCount, t.LikeCount));
        }
    }

    private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

public sealed partial class CatalogSearchTests(CatalogFixture catalog) : IClassFixture<CatalogFixture>
{
    [Fact]
    [Trait("Category", "Slow")] // thousands of random queries against a brute-force answer
    public async Task RandomQueries_AgreeWithBruteForce()
    {
        var random = new Random(7);
        var client = catalog.CreateClient();
        string[] sorts = ["created_at", "updated_at", "title", "artist", "duration", "plays", "likes", "popularity",
            "newest", "oldest", "title_desc", "shortest", "longest"];
        for (var i = 0; i < 150; i++)
        {
            var parameters = new Dictionary<string, string>();
            void Maybe(int oneIn, string name, Func<string> value)
            {
                if (random.Next(oneIn) == 0)
                {
                    parameters[name] = value();
                }
            }
            Maybe(3, "search", () => new[] { "mid", "deep ho", "aurora", "warm", "lo", "river", "neon pi", "xyzzy", "about", "tape d", "lo-fi", "hip h" }[random.Next(12)]);
            Maybe(5, "artist", () => new[] { "Aurora Lane", "marlow kid", "Nobody", "marlow", "LANE", "n p" }[random.Next(6)]);
            Maybe(5, "genre", () => new[] { "house", "electronic", "ambient", "hip-hop", "jazz", "Deep House", "hip hop" }[random.Next(7)]);
            Maybe(5, "tags", () => new[] { "warm", "night,vinyl", "lo-fi", "dark" }[random.Next(4)]);
            Maybe(6, "min_duration", () => random.Next(0, 300).ToString());
            Maybe(6, "max_duration", () => random.Next(200, 600).ToString());
            Maybe(6, "bpm_min", () => random.Next(60, 130).ToString());
            Maybe(6, "bpm_max", () => random.Next(100, 180).ToString());
            Maybe(6, "key", () => new[] { "Am", "F#m", "C", "am", "f#M", "c#m", "DBM" }[random.Next(7)]);
            Maybe(6, "duration", () => new[] { "under-2", "2-5", "5-10", "over-10" }[random.Next(4)]);
            Maybe(6, "license", () => new[] { "cc-by", "CC BY-SA", "cc0" }[random.Next(3)]);
            Maybe(6, "uploader_id", () => catalog.Rows[random.Next(catalog.Rows.Count)].UploaderId.ToString());
            // Relevance order comes from bm25 and has no brute-force twin; searches are checked under a field sort.
            parameters["sort"] = sorts[random.Next(sorts.Length)];
            Maybe(2, "order", () => random.Next(2) == 0 ? "asc" : "desc");
            parameters["limit"] = random.Next(3, 15).ToString();
            parameters["page"] = random.Next(1, 4).ToString();

            var url = "/api/music/tracks?" + string.Join("&", parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
            var response = await (await client.GetAsync(url)).JsonAsync();

            var expected = BruteForce(parameters);
            var limit = int.Parse(parameters["limit"]);
            var page = int.Parse(parameters["page"]);
            var expectedPage = expected.Skip((page - 1) * limit).Take(limit).Select(r => r.Id).ToList();
            Assert.True(expected.Count == response.GetProperty("meta").GetProperty("total").GetInt32(), $"total differs for {url}");
            Assert.True(expectedPage.SequenceEqual(response.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("id").GetInt32())),
                $"page differs for {url}");
        }
    }

    [Fact]
    public async Task Facets_CountGenresAndBpmRangesOfAllMatches()
    {
        var response = await (await catalog.CreateClient().GetAsync("/api/music/tracks?limit=1&tags=warm")).JsonAsync();

        var matching = catalog.Rows.Where(r => r.Visible && r.Tags.Contains("warm")).ToList();
        var facets = response.GetProperty("facets");
        Assert.True(facets.GetProperty("exact").GetBoolean());
        foreach (var genre in facets.GetProperty("genres").EnumerateArray())
        {
            // A genre counts its subgenres' tracks too (each once), like the list its link leads to.
            var id = catalog.GenreIds[genre.GetProperty("value").GetString()!];
            bool Under(int g) => g == id || (catalog.GenreParents[g] is { } parent && Under(parent));
            Assert.Equal(matching.Count(r => r.Genres.Any(Under)), genre.GetProperty("count").GetInt32());
        }
        var bpmTotal = facets.GetProperty("bpmRanges").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32());
        Assert.Equal(matching.Count(r => r.Bpm is not null), bpmTotal);
    }

    [Fact]
    public async Task Search_GenreName_FindsTracksOfThatGenre()
    {
        var loFi = catalog.GenreIds["lo-fi-hip-hop"];
        var expected = BruteForce(new() { ["search"] = "lo-fi hip", ["sort"] = "title" });

        var ids = await IdsAsync("/api/music/tracks?search=lo-fi%20hip&sort=title&limit=100");

        // No title, tag or description says "hip": every hit is found by its genre's name.
        Assert.NotEmpty(expected);
        Assert.All(expected, r => Assert.Contains(loFi, r.Genres));
        Assert.Equal(expected.Select(r => r.Id), ids);
    }

    [Theory]
    [InlineData("marlow", "Marlow Kid")]
    [InlineData("LANE", "Aurora Lane")]
    public async Task ArtistFilter_MatchesPartOfTheNameInAnyLetterCase(string typed, string artist)
    {
        var ids = await IdsAsync($"/api/music/tracks?artist={typed}&limit=100");

        var expected = catalog.Rows.Where(r => r.Visible && r.Artist.Equals(artist, StringComparison.OrdinalIgnoreCase)).Select(r => r.Id).ToHashSet();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ids.ToHashSet());
    }

    [Theory]
    [InlineData("am", "Am")]
    [InlineData("AM", "Am")]
    [InlineData("c%23m", "Dbm")]
    [InlineData("dbm", "C%23m")]
    public async Task KeyFilter_IgnoresLetterCaseAndSpelling(string typed, string otherSpelling)
    {
        var ids = await IdsAsync($"/api/music/tracks?key={typed}&limit=100");

        var canonical = await IdsAsync($"/api/music/tracks?key={otherSpelling}&limit=100");
        Assert.NotEmpty(ids);
        Assert.Equal(canonical, ids);
    }

    [Fact]
    public async Task SortDefault_FromTheForm_LeavesASearchSortedByRelevance()
    {
        var relevance = await IdsAsync("/api/music/tracks?search=deep&limit=100");

        // The form's sort menu showed "newest" and nobody touched it: the search stays in relevance order.
        var untouched = await IdsAsync("/api/music/tracks?search=deep&sort=newest&sort_default=newest&limit=100");
        var chosen = await IdsAsync("/api/music/tracks?search=deep&sort=newest&sort_default=relevance&limit=100");

        Assert.Equal(relevance, untouched);
        Assert.NotEqual(relevance, chosen);
        Assert.Equal(BruteForce(new() { ["search"] = "deep", ["sort"] = "newest" }).Select(r => r.Id).Take(100), chosen);
    }

    private async Task<List<int>> IdsAsync(string url) =>
        (await (await catalog.CreateClient().GetAsync(url)).JsonAsync()).GetProperty("data").EnumerateArray()
        .Select(t => t.GetProperty("id").GetInt32()).ToList();

    [Theory]
    [InlineData("key=H", "key")]
    [InlineData("duration=forever", "duration")]
    [InlineData("sort=loudest", "sort")]
    [InlineData("order=sideways", "order")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("page=0", "page")]
    [InlineData("bpm_min=fast", "bpm_min")]
    [InlineData("min_duration=-5", "min_duration")]
    public async Task BadParameters_Are400WithTheField(string query, string field)
    {
        var problem = await (await catalog.CreateClient().GetAsync("/api/music/tracks?" + query)).ProblemAsync(400, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task CatalogPage_ShowsResultsWithHighlightsAndKeepsFiltersInLinks()
    {
        var html = await catalog.CreateClient().GetStringAsync("/tracks?search=deep&sort=title&order=asc&limit=5");
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

        var expected = BruteForce(new() { ["search"] = "deep", ["sort"] = "title", ["order"] = "asc" });
        Assert.Equal($"{expected.Count} tracks", doc.QuerySelector("[data-testid=result-count]")!.TextContent);
        Assert.Equal(expected.Take(5).Select(r => r.Id.ToString()),
            doc.QuerySelectorAll("ol.track-list > li").Select(li => li.GetAttribute("data-track-id")!));
        Assert.All(doc.QuerySelectorAll(".track-title mark"), m => Assert.Equal("deep", m.TextContent.ToLowerInvariant()));
        // Title ascending is the choice "Title A–Z": one parameter says both.
        // Next carries a keyset cursor and every filter; the first pages keep their numbers.
        var next = doc.QuerySelector("a[rel=next]")?.GetAttribute("href");
        Assert.StartsWith("/tracks?search=deep&sort=title&cursor=", next);
        Assert.EndsWith("&limit=5", next);
        Assert.Contains("/tracks?search=deep&sort=title&limit=5&page=2", doc.QuerySelectorAll(".pager-numbers a").Select(a => a.GetAttribute("href")));
    }

    private List<CatalogFixture.Row> BruteForce(Dictionary<string, string> p) => BruteForce(catalog, p);

    /// <summary>The list a query string's parameters select, in order, worked out in C# from the fixture's rows.</summary>
    internal static List<CatalogFixture.Row> BruteForce(CatalogFixture catalog, Dictionary<string, string> p)
    {
        IEnumerable<CatalogFixture.Row> rows = catalog.Rows.Where(r => r.Visible);
        if (p.TryGetValue("search", out var search))
        {
            var terms = Word().Matches(search).Select(m => m.Value.ToLowerInvariant()).ToList();
            rows = rows.Where(r =>
            {
                var genres = string.Join(" ", r.Genres.Select(g => catalog.GenreNames[g]));
                var words = Word().Matches($"{r.Title} {r.Artist} {string.Join(" ", r.Tags)} {r.Description} {genres}")
                    .Select(m => m.Value.ToLowerInvariant()).ToList();
                return terms.All(t => words.Any(w => w.StartsWith(t, StringComparison.Ordinal)));
            });
        }
        if (p.TryGetValue("artist", out var artist))
        {
            rows = rows.Where(r => r.Artist.Contains(artist, StringComparison.OrdinalIgnoreCase));
        }
        if (p.TryGetValue("genre", out var genre))
        {
            var root = catalog.GenreIds.TryGetValue(genre, out var id) ? id
                : catalog.GenreNames.Single(n => string.Equals(n.Value, genre, StringComparison.OrdinalIgnoreCase)).Key;
            bool Under(int id) => id == root || (catalog.GenreParents[id] is { } parent && Under(parent));
            rows = rows.Where(r => r.Genres.Any(Under));
        }
        if (p.TryGetValue("tags", out var tags))
        {
            rows = rows.Where(r => tags.Split(',').All(r.Tags.Contains));
        }
        if (p.TryGetValue("min_duration", out var minD)) rows = rows.Where(r => r.Duration >= double.Parse(minD));
        if (p.TryGetValue("max_duration", out var maxD)) rows = rows.Where(r => r.Duration <= double.Parse(maxD));
        if (p.TryGetValue("bpm_min", out var bMin)) rows = rows.Where(r => r.Bpm >= int.Parse(bMin));
        if (p.TryGetValue("bpm_max", out var bMax)) rows = rows.Where(r => r.Bpm <= int.Parse(bMax));
        if (p.TryGetValue("key", out var key)) rows = rows.Where(r => r.Key is not null && Pitch(r.Key) == Pitch(key));
        if (p.TryGetValue("duration", out var preset))
        {
            var (from, to) = preset switch { "under-2" => (0, 120), "2-5" => (120, 300), "5-10" => (300, 600), _ => (600, double.MaxValue) };
            rows = rows.Where(r => r.Duration >= from && r.Duration < to);
        }
        if (p.TryGetValue("license", out var license))
        {
            rows = rows.Where(r => string.Equals(r.LicenseCode, license, StringComparison.OrdinalIgnoreCase)
                                   || string.Equals(r.LicenseName, license, StringComparison.OrdinalIgnoreCase));
        }
        if (p.TryGetValue("uploader_id", out var uploader)) rows = rows.Where(r => r.UploaderId == int.Parse(uploader));

        var (sort, defaultDescending) = p.GetValueOrDefault("sort", "created_at") switch
        {
            "newest" => ("created_at", true),
            "oldest" => ("created_at", false),
            "title_desc" => ("title", true),
            "shortest" => ("duration", false),
            "longest" => ("duration", true),
            var name => (name, name is not ("title" or "artist" or "duration")),
        };
        var descending = p.TryGetValue("order", out var order) ? order == "desc" : defaultDescending;
        Func<CatalogFixture.Row, IComparable> keyOf = sort switch
        {
            "updated_at" => r => r.UpdatedAt,
            "title" => r => r.Title.ToLowerInvariant(),
            "artist" => r => r.Artist.ToLowerInvariant(),
            "duration" => r => r.Duration,
            "plays" => r => r.Plays,
            "likes" => r => r.Likes,
            "popularity" => r => r.Plays + 2 * r.Downloads + 3 * r.Likes,
            _ => r => r.CreatedAt,
        };
        var comparer = Comparer<IComparable>.Create((a, b) => a is string sa && b is string sb ? string.CompareOrdinal(sa, sb) : a.CompareTo(b));
        return (descending
                ? rows.OrderByDescending(keyOf, comparer).ThenByDescending(r => r.Id)
                : rows.OrderBy(keyOf, comparer).ThenBy(r => r.Id)).ToList();
    }

    /// <summary>A key's pitch class and mode, worked out here independently of MusicalKey: "dbm" and "C#m" agree.</summary>
    private static (int, bool) Pitch(string key)
    {
        var note = "C D EF G A B".IndexOf(char.ToUpperInvariant(key[0]), StringComparison.Ordinal);
        var rest = key[1..].ToLowerInvariant();
        var shift = rest.StartsWith('#') ? 1 : rest.StartsWith('b') ? -1 : 0;
        return ((note + shift + 12) % 12, rest.EndsWith('m'));
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
