using System.Text.Json;
using Microsoft.Data.Sqlite;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Api;

/// <summary>What every endpoint shares: problem details, the list envelope, health, OpenAPI, static assets.</summary>
public sealed class ConventionsTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    /// <summary>Each dependency's details are for admins: Finding8HealthDetailsTests.</summary>
    [Fact]
    public async Task Healthz_AnswersHealthy_AndTheSiteUsesItsDataDirectory()
    {
        var response = await site.CreateClient().GetAsync("/healthz");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Healthy", (await response.JsonAsync()).GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(site.DataDirectory, "musicsite.db")));
        Assert.True(File.Exists(Path.Combine(site.DataDirectory, "jobs.db")));
    }

    [Fact]
    public async Task OpenApi_IsAnOpenApi3DocumentListingTheAuthRoutes()
    {
        var document = await (await site.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/auth/register").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/auth/login").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/auth/refresh").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/auth/me").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/auth/me").TryGetProperty("put", out _));
        Assert.DoesNotContain(paths.EnumerateObject(), p => p.Name.StartsWith("/account", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/no-such-thing")]
    [InlineData("/api/genres/999999")]
    [InlineData("/api/music/stream/999999")]
    [InlineData("/api/users/999999/avatar")]
    public async Task UnknownApiResources_Are404Problems(string path)
    {
        var response = await site.CreateClient().GetAsync(path);

        Assert.Equal(404, (int)response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.EndsWith("NOT_FOUND", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task UnknownPage_IsA404PageInTheSiteLayout()
    {
        var response = await site.CreateClient().GetAsync("/no-such-page");

        Assert.Equal(404, (int)response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", html);
        Assert.Contains("id=\"player\"", html);
    }

    [Fact]
    public async Task GenreList_UsesTheListEnvelope()
    {
        var page2 = await (await site.CreateClient().GetAsync("/api/genres?flat=true&page=2&limit=5")).JsonAsync();

        Assert.Equal(5, page2.GetProperty("data").GetArrayLength());
        var meta = page2.GetProperty("meta");
        Assert.Equal(2, meta.GetProperty("page").GetInt32());
        Assert.Equal(5, meta.GetProperty("perPage").GetInt32());
        var total = meta.GetProperty("total").GetInt32();
        Assert.True(total >= 120);
        Assert.Equal((int)Math.Ceiling(total / 5.0), meta.GetProperty("totalPages").GetInt32());
        Assert.True(meta.GetProperty("hasNext").GetBoolean());
        Assert.True(meta.GetProperty("hasPrev").GetBoolean());

        var last = await (await site.CreateClient().GetAsync($"/api/genres?flat=true&page={meta.GetProperty("totalPages").GetInt32()}&limit=5")).JsonAsync();
        Assert.False(last.GetProperty("meta").GetProperty("hasNext").GetBoolean());
        Assert.Equal(total - 5 * (meta.GetProperty("totalPages").GetInt32() - 1), last.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("page=0", "page")]
    [InlineData("page=-3", "page")]
    public async Task Paging_OutOfRange_Is400WithTheField(string query, string field)
    {
        var problem = await (await site.CreateClient().GetAsync("/api/genres?" + query)).ProblemAsync(400, "VALIDATION_FAILED");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Paging_NotANumber_Is400NotA500()
    {
        await (await site.CreateClient().GetAsync("/api/genres?page=abc")).ProblemAsync(400, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task GenreTree_And_OneGenre_ShowTheHierarchy()
    {
        var client = site.CreateClient();
        var tree = await (await client.GetAsync("/api/genres/tree")).JsonAsync();
        var electronic = tree.EnumerateArray().Single(g => g.GetProperty("slug").GetString() == "electronic");
        var house = electronic.GetProperty("children").EnumerateArray().Single(g => g.GetProperty("slug").GetString() == "house");
        var deepHouse = house.GetProperty("children").EnumerateArray().Single(g => g.GetProperty("slug").GetString() == "deep-house");

        var detail = await (await client.GetAsync($"/api/genres/{deepHouse.GetProperty("id").GetInt32()}")).JsonAsync();

        Assert.Equal(["electronic", "house"], detail.GetProperty("ancestors").EnumerateArray().Select(a => a.GetProperty("slug").GetString()!));
    }

    [Fact]
    public async Task FormPost_WithoutAntiforgeryToken_IsRefusedNot500()
    {
        var response = await site.CreateClient().PostAsync("/account/logout", new FormUrlEncodedContent([new("returnUrl", "/")]));

        Assert.Equal(400, (int)response.StatusCode);
    }

    [Fact]
    public async Task FrontEndAssets_AreCopiedAndServed()
    {
        var client = site.CreateClient();

        var htmx = await client.GetAsync("/lib/htmx/htmx.min.js");
        Assert.Equal(200, (int)htmx.StatusCode);
        Assert.Contains("htmx", await htmx.Content.ReadAsStringAsync());
        Assert.Equal(200, (int)(await client.GetAsync("/css/site.css")).StatusCode);
        Assert.Equal(200, (int)(await client.GetAsync("/js/site.js")).StatusCode);
    }
}

/// <summary>An unexpected fault is logged and answered as a bare 500: no stack trace, no exception text.</summary>
public sealed class UnexpectedErrorTests : IDisposable
{
    private readonly MusicSiteFactory _site = new();

    [Fact]
    public async Task CorruptDatabase_Gives500WithoutDetails_ForApiAndPages()
    {
        var client = _site.CreateClient();
        Assert.Equal(200, (int)(await client.GetAsync("/api/genres")).StatusCode);

        SqliteConnection.ClearAllPools();
        var db = Path.Combine(_site.DataDirectory, "musicsite.db");
        File.Delete(db + "-wal");
        File.Delete(db + "-shm");
        await File.WriteAllBytesAsync(db, new byte[8192]);

        var api = await client.GetAsync("/api/genres");
        var problem = await api.ProblemAsync(500, "INTERNAL_ERROR");
        var apiText = problem.GetRawText();
        Assert.DoesNotContain("Sqlite", apiText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", apiText);
        Assert.True(problem.TryGetProperty("traceId", out _));

        var page = await client.GetAsync("/genres");
        Assert.Equal(500, (int)page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html);
        Assert.DoesNotContain("Sqlite", html, StringComparison.OrdinalIgnoreCase);

        // Anonymous callers get the overall status alone (security finding 8); it must still say what is true.
        var health = await (await client.GetAsync("/healthz")).JsonAsync();
        Assert.Equal("Unhealthy", health.GetProperty("status").GetString());
    }

    public void Dispose() => _site.Dispose();
}
