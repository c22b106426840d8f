using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Genres;

/// <summary>The genre write API: admins only (401 anonymous, 403 others), field errors for bad bodies, the genre
/// codes as 404 and 409, and an audit row that names the caller, its address and its user agent.</summary>
public sealed class GenreWritesApiTests(GenreWritesApiTests.AdminSite site) : IClassFixture<GenreWritesApiTests.AdminSite>
{
    public sealed class AdminSite : MusicSiteFactory
    {
        public AdminSite() => this.WithAdmin();
    }

    private readonly GenreRows rows = new(site.Services);

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<HttpClient> AdminAsync() =>
        TestClientAddress.From(await site.AdminClientAsync(), "198.51.100.23");

    public static TheoryData<string, string, string> Routes => new()
    {
        { "POST", "/api/genres", """{"name":"Nope"}""" },
        { "PUT", "/api/genres/1", """{"name":"Nope"}""" },
        { "DELETE", "/api/genres/1", "" },
        { "POST", "/api/genres/1/merge", """{"intoId":2}""" },
        { "PUT", "/api/genres/1/related/2", """{"kind":"related","weight":0.5}""" },
        { "DELETE", "/api/genres/1/related/2", "" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Writes_Anonymous401_NonAdmin403(string method, string path, string body)
    {
        HttpRequestMessage Request() => new(new HttpMethod(method), path) { Content = body.Length == 0 ? null : Json(body) };
        // Signed in first: the sign-in itself is audited (auth.signin); the refused writes must add nothing.
        var listenerClient = await site.SignedInClientAsync($"listener-{Guid.NewGuid():N}@example.com");
        var audited = await rows.AuditCountAsync();

        var anonymous = await site.CreateClient().SendAsync(Request());
        var listener = await listenerClient.SendAsync(Request());

        await anonymous.ProblemAsync(401, "UNAUTHORIZED");
        await listener.ProblemAsync(403, "UNAUTHORIZED_ACCESS");
        Assert.Equal(audited, await rows.AuditCountAsync());
    }

    [Fact]
    public async Task Create_Admin_Is201WithLocationAndAnAuditRowOfTheRequest()
    {
        var admin = await AdminAsync();
        admin.DefaultRequestHeaders.UserAgent.ParseAdd("CuratorBrowser/2.0");
        var name = Unique("Vaporwave");

        var response = await admin.PostAsJsonAsync("/api/genres", new { name, description = "Mall music." });

        Assert.Equal(201, (int)response.StatusCode);
        var genre = await response.JsonAsync();
        var id = genre.GetProperty("id").GetInt32();
        Assert.Equal($"/api/genres/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(name, genre.GetProperty("name").GetString());
        var entry = Assert.Single(await rows.AuditAsync(id));
        Assert.Equal(("genre.create", "198.51.100.23", "CuratorBrowser/2.0"), (entry.Action, entry.ClientAddress, entry.UserAgent));
        Assert.NotNull(entry.ActorId);
        Assert.Contains("\"description\":\"Mall music.\"", entry.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/api/genres", """{"description":"no name"}""", "name")]
    [InlineData("POST", "/api/genres", """{"name":42}""", "name")]
    [InlineData("POST", "/api/genres", """{"name":"Fine","parentId":"abc"}""", "parentId")]
    [InlineData("POST", "/api/genres", """{"name":"Fine","parentId":1.5}""", "parentId")]
    [InlineData("POST", "/api/genres", """{"name":"Fine","slug":"Not A Slug"}""", "slug")]
    [InlineData("POST", "/api/genres", """["name"]""", "body")]
    [InlineData("PUT", "/api/genres/{a}", """{"name":""}""", "name")]
    [InlineData("POST", "/api/genres/{a}/merge", """{}""", "intoId")]
    [InlineData("POST", "/api/genres/{a}/merge", """{"intoId":"x"}""", "intoId")]
    [InlineData("PUT", "/api/genres/{a}/related/{b}", """{"kind":"related","weight":0}""", "weight")]
    [InlineData("PUT", "/api/genres/{a}/related/{b}", """{"kind":"related"}""", "weight")]
    [InlineData("PUT", "/api/genres/{a}/related/{b}", """{"kind":"related","weight":"high"}""", "weight")]
    [InlineData("PUT", "/api/genres/{a}/related/{b}", """{"kind":"cousin","weight":0.5}""", "kind")]
    [InlineData("DELETE", "/api/genres/{a}?reassignTo=abc", "", "reassignTo")]
    public async Task Write_BadBody_Is400WithTheFieldAndNoAuditRow(string method, string path, string body, string field)
    {
        var admin = await AdminAsync();
        var (a, b) = (await rows.GenreAsync(Unique("A")), await rows.GenreAsync(Unique("B")));
        var audited = await rows.AuditCountAsync();

        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.Replace("{a}", $"{a}").Replace("{b}", $"{b}"))
        {
            Content = body.Length == 0 ? null : Json(body),
        });

        var problem = await response.ProblemAsync(400, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(audited, await rows.AuditCountAsync());
        Assert.NotNull(await rows.FindAsync(a));
    }

    [Theory]
    [InlineData("PUT", "/api/genres/{x}", """{"name":"Ghost"}""")]
    [InlineData("DELETE", "/api/genres/{x}", "")]
    [InlineData("POST", "/api/genres/{x}/merge", """{"intoId":{a}}""")]
    [InlineData("POST", "/api/genres/{a}/merge", """{"intoId":{x}}""")]
    [InlineData("PUT", "/api/genres/{a}/related/{x}", """{"weight":0.5}""")]
    [InlineData("DELETE", "/api/genres/{x}/related/{a}", "")]
    public async Task Write_UnknownGenre_Is404(string method, string path, string body)
    {
        var admin = await AdminAsync();
        var a = await rows.GenreAsync(Unique("A"));
        string Fill(string text) => text.Replace("{a}", $"{a}").Replace("{x}", "999999");

        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), Fill(path)) { Content = body.Length == 0 ? null : Json(Fill(body)) });

        await response.ProblemAsync(404, "GENRE_NOT_FOUND");
    }

    [Fact]
    public async Task Writes_Conflicts_Are409WithTheirCodesAndChangeNothing()
    {
        var admin = await AdminAsync();
        var root = await rows.GenreAsync(Unique("Root"));
        var chain = await rows.ChainAsync(root, 3);
        var rootGenre = (await rows.FindAsync(root))!;
        var taken = (await rows.FindAsync(chain[0]))!;
        var audited = await rows.AuditCountAsync();

        var cycle = await admin.PutAsJsonAsync($"/api/genres/{root}", new { name = rootGenre.Name, slug = rootGenre.Slug, parentId = chain[2] });
        var mergeDown = await admin.PostAsJsonAsync($"/api/genres/{root}/merge", new { intoId = chain[1] });
        var exists = await admin.PostAsJsonAsync("/api/genres", new { name = taken.Name });
        var notEmpty = await admin.DeleteAsync($"/api/genres/{root}");

        Assert.Equal("parentId", (await cycle.ProblemAsync(409, "GENRE_CYCLE")).GetProperty("errors").EnumerateObject().Single().Name);
        await mergeDown.ProblemAsync(409, "GENRE_CYCLE");
        Assert.Equal("name", (await exists.ProblemAsync(409, "GENRE_EXISTS")).GetProperty("errors").EnumerateObject().Single().Name);
        await notEmpty.ProblemAsync(409, "GENRE_NOT_EMPTY");
        Assert.Equal(audited, await rows.AuditCountAsync());
        Assert.Null((await rows.FindAsync(root))!.ParentId);
    }

    [Fact]
    public async Task RenameThenMerge_ThroughTheApi_EveryOldAddressRedirectsPermanently()
    {
        var admin = await AdminAsync();
        var pages = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        async Task<string?> RedirectAsync(string slug)
        {
            var response = await pages.GetAsync($"/genres/{slug}");
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            return response.Headers.Location?.OriginalString;
        }
        var created = await (await admin.PostAsJsonAsync("/api/genres", new { name = Unique("Chillwave") })).JsonAsync();
        var (id, firstSlug) = (created.GetProperty("id").GetInt32(), created.GetProperty("slug").GetString()!);
        var survivor = await (await admin.PostAsJsonAsync("/api/genres", new { name = Unique("Glo-fi") })).JsonAsync();
        var survivorSlug = survivor.GetProperty("slug").GetString()!;

        var renamed = await (await admin.PutAsJsonAsync($"/api/genres/{id}", new { name = Unique("Hypnagogic Pop"), description = "Hazy." })).JsonAsync();
        var secondSlug = renamed.GetProperty("slug").GetString()!;

        Assert.NotEqual(firstSlug, secondSlug);
        Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync($"/genres/{secondSlug}")).StatusCode);
        Assert.Equal($"/genres/{secondSlug}", await RedirectAsync(firstSlug));

        var merged = await admin.PostAsJsonAsync($"/api/genres/{id}/merge", new { intoId = survivor.GetProperty("id").GetInt32() });

        Assert.Equal(200, (int)merged.StatusCode);
        Assert.Equal($"/genres/{survivorSlug}", await RedirectAsync(firstSlug));
        Assert.Equal($"/genres/{survivorSlug}", await RedirectAsync(secondSlug));
        Assert.Equal(HttpStatusCode.OK, (await pages.GetAsync($"/genres/{survivorSlug}")).StatusCode);
    }

    [Fact]
    public async Task UpdateMergeRelateDelete_ThroughTheApi_DoWhatTheySay()
    {
        var admin = await AdminAsync();
        var (a, b, c) = (await rows.GenreAsync(Unique("A")), await rows.GenreAsync(Unique("B")), await rows.GenreAsync(Unique("C")));
        var track = await rows.TrackAsync(a);
        var newName = Unique("Renamed");

        var updated = await admin.PutAsJsonAsync($"/api/genres/{a}", new { name = newName, description = "Now described.", parentId = c });
        var related = await admin.PutAsJsonAsync($"/api/genres/{b}/related/{c}", new { kind = "similar", weight = 0.7 });
        var merged = await admin.PostAsJsonAsync($"/api/genres/{a}/merge", new { intoId = b });
        var unrelated = await admin.DeleteAsync($"/api/genres/{b}/related/{c}");
        var deleted = await admin.DeleteAsync($"/api/genres/{b}?reassignTo={c}");

        Assert.Equal(200, (int)updated.StatusCode);
        var updatedGenre = await updated.JsonAsync();
        Assert.Equal((c, "Now described."), (updatedGenre.GetProperty("parentId").GetInt32(), updatedGenre.GetProperty("description").GetString()));
        Assert.Equal(204, (int)related.StatusCode);
        Assert.Equal(b, (await merged.JsonAsync()).GetProperty("id").GetInt32());
        Assert.Equal(204, (int)unrelated.StatusCode);
        Assert.Equal(204, (int)deleted.StatusCode);
        Assert.Null(await rows.FindAsync(a));
        Assert.Null(await rows.FindAsync(b));
        Assert.Equal([c], await rows.ReadAsync(db => db.TrackGenres.Where(l => l.TrackId == track).Select(l => l.GenreId)));
        Assert.Equal(["genre.update", "genre.merge"], (await rows.AuditAsync(a)).Select(e => e.Action));
        Assert.Equal(["genre.relate", "genre.unrelate", "genre.delete"], (await rows.AuditAsync(b)).Select(e => e.Action));
        Assert.Empty(await rows.ReadAsync(db => db.GenreRelations.Where(r => r.FromGenreId == c || r.ToGenreId == c)));
    }
}
