using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using MusicSite.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MusicSite.Tests.Contract;

/// <summary>
/// The API keeps the contract it publishes: every GET in /openapi/v1.json is called, as the owner of the data and
/// anonymously, and each JSON answer is validated against the schema the document declares for its status, by a real
/// JSON Schema 2020-12 validator (Ajv with ajv-formats, run by node from Contract/). A new documented GET is covered
/// without anyone adding it here; one whose path parameter this test cannot fill fails with a message that says so.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ApiContractTests(MusicSiteFactory site, ITestOutputHelper output) : IClassFixture<MusicSiteFactory>, IDisposable
{
    private readonly TempDirectory _files = new("musicsite-contract");

    [Fact]
    public async Task EveryDocumentedGet_AnswersWithTheSchemaItDeclares()
    {
        var owner = await site.ArtistClientAsync();
        var ids = await CreateDataAsync(owner);
        var document = JsonNode.Parse(await site.CreateClient().GetStringAsync("/openapi/v1.json"))!.AsObject();

        var answers = new JsonArray();
        var problems = new List<string>();
        var operations = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (item!["get"] is not JsonObject operation)
            {
                continue;
            }
            operations++;
            var url = FillPath(path, ids, problems);
            if (url is null)
            {
                continue;
            }
            foreach (var (caller, client) in new[] { ("owner", owner), ("anonymous", site.CreateClient()) })
            {
                var label = $"GET {url} as {caller}";
                using var response = await client.GetAsync(url);
                var status = ((int)response.StatusCode).ToString();
                var declared = operation["responses"]?[status];
                if (declared is null)
                {
                    problems.Add($"{label}: answered {status}, which the document does not declare");
                    continue;
                }
                var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
                if (!mediaType.EndsWith("json", StringComparison.Ordinal))
                {
                    continue; // audio, images: nothing for a JSON schema to check
                }
                if (declared["content"]?[mediaType]?["schema"] is null)
                {
                    problems.Add($"{label}: answered {status} {mediaType}, for which the document declares no schema");
                    continue;
                }
                answers.Add(new JsonObject
                {
                    ["label"] = $"{label} ({status})",
                    ["schema"] = $"/paths/{Escape(path)}/get/responses/{status}/content/{Escape(mediaType)}/schema",
                    ["body"] = JsonNode.Parse(await response.Content.ReadAsStringAsync()),
                });
            }
        }

        var result = await ValidateAsync(document, answers);
        var failures = result["failures"]!.AsArray()
            .Select(f => $"{f!["label"]}:\n    " + string.Join("\n    ", f["errors"]!.AsArray().Select(e => e!.GetValue<string>())));
        var summary = $"Contract: {operations} documented GET operations, {result["validated"]} JSON answers validated against their schemas.";
        // The test log shows it; the console line puts it in ./test.sh's output beside the walk's count.
        output.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.True(operations > 0 && answers.Count > 0, "the document lists no GET operation");
        Assert.True(problems.Count == 0 && !failures.Any(), string.Join("\n", problems.Concat(failures)));
    }

    [Fact]
    public async Task Validator_AnswersThatBreakTheirSchemas_AreReported()
    {
        var document = JsonNode.Parse(await site.CreateClient().GetStringAsync("/openapi/v1.json"))!.AsObject();
        var client = await site.SignedInClientAsync($"contract-{Guid.NewGuid():N}@example.com");
        var real = await client.GetStringAsync("/api/auth/me");
        var me = $"/paths/{Escape("/api/auth/me")}/get/responses/200/content/application~1json/schema";
        var answers = new JsonArray
        {
            new JsonObject { ["label"] = "no offset", ["schema"] = me, ["body"] = Profile(real, "2026-11-22T09:58:26.8698986") },
            new JsonObject { ["label"] = "id as text", ["schema"] = me, ["body"] = Profile(real, "2026-11-22T09:58:26Z", id: "seven") },
            new JsonObject { ["label"] = "valid", ["schema"] = me, ["body"] = Profile(real, "2026-11-22T09:58:26.869Z") },
        };

        var result = await ValidateAsync(document, answers);

        Assert.Equal(["id as text", "no offset"], result["failures"]!.AsArray().Select(f => f!["label"]!.GetValue<string>()).Order());
    }

    /// <summary>The site's own answer for a fresh user, with the creation time and id replaced.</summary>
    private static JsonNode Profile(string answer, string createdAt, string? id = null)
    {
        var profile = JsonNode.Parse(answer)!.AsObject();
        profile["createdAt"] = createdAt;
        if (id is not null)
        {
            profile["id"] = id;
        }
        return profile;
    }

    /// <summary>Real ids for path parameters, by the resource the parameter names.</summary>
    private sealed record DataIds(int Track, int Album, int User, int Genre, int Stem, int Event, int Post);

    private async Task<DataIds> CreateDataAsync(HttpClient owner)
    {
        using var album = new MultipartFormDataContent
        {
            { new StringContent("Contract Album"), "title" },
            { new StringContent("2025-06-01"), "releaseDate" },
            { new StringContent("house"), "genres" },
            { new StreamContent(File.OpenRead(MediaFixtures.Image(_files.Path, "png", 640, 640))), "artwork", "cover.png" },
        };
        var albumResponse = await owner.PostAsync("/api/music/albums", album);
        Assert.True(201 == (int)albumResponse.StatusCode, await albumResponse.Content.ReadAsStringAsync());
        var albumId = (await albumResponse.JsonAsync()).GetProperty("id").GetInt32();

        var form = TrackUploads.Form(MediaFixtures.Audio(_files.Path, "flac", 3),
            [("title", "Contract Tone"), ("genres", "house"), ("tags", "contract, schema"), ("bpm", "120"), ("key", "Am"),
             ("isDownloadable", "true"), ("albumId", albumId.ToString()), ("trackNumber", "1")],
            artworkPath: MediaFixtures.Image(_files.Path, "jpg", 600, 600));
        var created = await owner.PostAsync("/api/music/tracks", form);
        Assert.True(201 == (int)created.StatusCode, await created.Content.ReadAsStringAsync());
        var trackId = (await created.JsonAsync()).GetProperty("id").GetInt32();
        var track = await owner.WaitForProcessingAsync(trackId);
        Assert.Equal("ready", track.GetProperty("processing").GetProperty("state").GetString());

        using var avatar = new MultipartFormDataContent
        {
            { new StreamContent(File.OpenRead(MediaFixtures.Image(_files.Path, "png"))), "avatar", "me.png" },
        };
        Assert.Equal(200, (int)(await owner.PutAsync("/api/auth/me/avatar", avatar)).StatusCode);
        var userId = (await (await owner.GetAsync("/api/auth/me")).JsonAsync()).GetProperty("id").GetInt32();

        var genres = await (await owner.GetAsync("/api/genres")).JsonAsync();
        var genreId = genres.GetProperty("data").EnumerateArray().First().GetProperty("id").GetInt32();
        var stemId = await TestStems.AddAsync(site.Services, trackId, new StemSeed("Contract Stem"));
        var (eventId, postId) = await AddEventAndPostAsync(userId, trackId);
        return new DataIds(trackId, albumId, userId, genreId, stemId, eventId, postId);
    }

    /// <summary>An upcoming event with the track, and a published blog post: rows only, as the API only reads them.</summary>
    private async Task<(int EventId, int PostId)> AddEventAndPostAsync(int artistId, int trackId)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSite.Data.MusicSiteDbContext>();
        var now = DateTime.UtcNow;
        var evening = new MusicSite.Events.Event
        {
            Title = "Contract Night", StartsAt = now.AddDays(3), EndsAt = now.AddDays(3).AddHours(3), TimeZone = "Europe/Berlin",
            VenueName = "Hall", VenueCity = "Berlin", TicketUrl = "https://tickets.example.com/contract", ArtistId = artistId,
            CreatedById = artistId, CreatedAt = now, UpdatedAt = now, Tracks = [new MusicSite.Events.EventTrack { TrackId = trackId }],
        };
        var post = new MusicSite.Blog.BlogPost
        {
            Title = "Contract Post", Slug = $"contract-post-{Guid.NewGuid():N}", Markdown = "Hello **contract**.", Excerpt = "Hello contract.",
            PublishedAt = now.AddHours(-1), CreatedAt = now, UpdatedAt = now,
        };
        db.Events.Add(evening);
        db.BlogPosts.Add(post);
        await db.SaveChangesAsync();
        return (evening.Id, post.Id);
    }

    /// <summary>The resource a path parameter belongs to is the path segment before it.</summary>
    private static string? FillPath(string path, DataIds ids, List<string> problems)
    {
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!segments[i].StartsWith('{'))
            {
                continue;
            }
            if (i > 0 && segments[i - 1] == "backups")
            {
                segments[i] = "20260101T000000000Z"; // a well-formed backup name; these callers are no admins anyway
                continue;
            }
            int? value = i > 0 ? segments[i - 1] switch
            {
                "tracks" or "stream" or "download" or "track" => ids.Track,
                "stems" or "attribution" => ids.Stem,
                "albums" => ids.Album,
                "users" or "artists" => ids.User,
                "genres" => ids.Genre,
                "events" => ids.Event,
                "posts" => ids.Post,
                // A job run (the upload's processing makes the first); admins only, so both callers here are refused.
                "runs" => 1,
                // A contact message: admins only, so both callers here are refused.
                "inbox" => 1,
                _ => null,
            } : null;
            if (value is null)
            {
                problems.Add($"{path}: no test data for {segments[i]}; teach {nameof(ApiContractTests)}.{nameof(FillPath)} this resource");
                return null;
            }
            segments[i] = value.Value.ToString();
        }
        return string.Join('/', segments);
    }

    private static string Escape(string pointerToken) => pointerToken.Replace("~", "~0").Replace("/", "~1");

    private async Task<JsonObject> ValidateAsync(JsonObject document, JsonArray answers)
    {
        var batch = Path.Combine(_files.Path, "answers.json");
        await File.WriteAllTextAsync(batch, new JsonObject { ["document"] = document.DeepClone(), ["answers"] = answers }.ToJsonString());
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = ContractFolder,
        };
        start.ArgumentList.Add(Path.Combine(ContractFolder, "validate.js"));
        start.ArgumentList.Add(batch);
        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"node validate.js failed ({node.ExitCode}): {await stderr}");
        return JsonNode.Parse(await stdout)!.AsObject();
    }

    /// <summary>MusicSite.Tests/Contract in the source tree, where the build installed Ajv with npm ci.</summary>
    private static string ContractFolder { get; } = FindContractFolder();

    private static string FindContractFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "MusicSite.Tests", "Contract");
            if (File.Exists(Path.Combine(candidate, "validate.js")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("MusicSite.Tests/Contract (validate.js) was not found above " + AppContext.BaseDirectory);
    }

    public void Dispose() => _files.Dispose();
}
